// The RFC 6902 JSON patch from the pod as received to the injected pod, computed as a diff the way Istio's
// webhook does (createPatch over the two JSON documents). Objects diff key by key; arrays keep the elements they
// share (same `name`, or equal) and insert the new ones: at their index, or with `/-` when they are appended at
// the end, so a patch adds containers rather than rewriting the user's ones. Operations apply in order.
import { cloneJson, isRecord } from '../types.js';

export type PatchOperation =
  | { op: 'add'; path: string; value: unknown }
  | { op: 'remove'; path: string }
  | { op: 'replace'; path: string; value: unknown };

/** RFC 6901 escaping of one reference token. */
export function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => deepEqual(v, b[i]));
  }
  if (isRecord(a)) {
    if (!isRecord(b)) return false;
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

function identity(a: unknown, b: unknown): boolean {
  if (isRecord(a) && isRecord(b) && typeof a.name === 'string' && typeof b.name === 'string')
    return a.name === b.name;
  return deepEqual(a, b);
}

function diffArrays(a: unknown[], b: unknown[], path: string, out: PatchOperation[]): void {
  // Pair a's elements, in order, with b's; anything in b left unpaired is an insertion.
  const pairs: (number | undefined)[] = [];
  let j = 0;
  for (const item of b) {
    if (j < a.length && identity(a[j], item)) pairs.push(j++);
    else pairs.push(undefined);
  }
  if (j < a.length) {
    // Some original elements went away or moved: diff index by index.
    const common = Math.min(a.length, b.length);
    for (let i = 0; i < common; i++) diffValues(a[i], b[i], `${path}/${i}`, out);
    for (let i = a.length - 1; i >= b.length; i--) out.push({ op: 'remove', path: `${path}/${i}` });
    for (let i = common; i < b.length; i++)
      out.push({ op: 'add', path: `${path}/-`, value: cloneJson(b[i]) });
    return;
  }
  const lastPaired = pairs.reduce<number>((last, p, i) => (p === undefined ? last : i), -1);
  for (let i = 0; i < b.length; i++) {
    const p = pairs[i];
    if (p !== undefined) diffValues(a[p], b[i], `${path}/${i}`, out);
    else out.push({ op: 'add', path: i > lastPaired ? `${path}/-` : `${path}/${i}`, value: cloneJson(b[i]) });
  }
}

function diffValues(a: unknown, b: unknown, path: string, out: PatchOperation[]): void {
  if (deepEqual(a, b)) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    diffArrays(a, b, path, out);
    return;
  }
  if (isRecord(a) && isRecord(b)) {
    for (const k of Object.keys(a)) {
      if (a[k] !== undefined && (!Object.hasOwn(b, k) || b[k] === undefined)) {
        out.push({ op: 'remove', path: `${path}/${escapePointer(k)}` });
      }
    }
    for (const k of Object.keys(b)) {
      const bv = b[k];
      if (bv === undefined) continue;
      const p = `${path}/${escapePointer(k)}`;
      if (!Object.hasOwn(a, k) || a[k] === undefined) out.push({ op: 'add', path: p, value: cloneJson(bv) });
      else diffValues(a[k], bv, p, out);
    }
    return;
  }
  out.push({ op: 'replace', path, value: cloneJson(b) });
}

/** The operations turning `original` into `modified` (both JSON; neither is modified nor shared with the patch). */
export function createPatch(original: unknown, modified: unknown): PatchOperation[] {
  const out: PatchOperation[] = [];
  diffValues(original, modified, '', out);
  return out;
}
