// The strategic merge Istio applies to put its rendered template onto the user's pod (Kubernetes' strategic
// merge patch, limited to what a pod needs): objects merge key by key, `null` deletes a key, lists of objects
// that Kubernetes declares with a merge key (containers by name, env by name, ports by containerPort, volume
// mounts by mountPath, volumes by name) merge element by element, in Kubernetes' order (see mergeList), and
// every other list is replaced. Inputs are never modified; the result shares the subtrees the patch does not
// touch with `original`, so callers that modify the result own `original` (inject passes its own copy).
import type { ContainerLike } from '../types.js';
import { cloneJson, isRecord } from '../types.js';
import { deepEqual } from './patch.js';

/** Merge keys of PodSpec/Container list fields (k8s.io/api patchMergeKey tags). */
const MERGE_KEYS: Readonly<Record<string, string>> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  ports: 'containerPort',
  volumeMounts: 'mountPath',
  volumes: 'name',
  imagePullSecrets: 'name',
};

function mergeList(original: unknown[], patch: unknown[], key: string): unknown[] {
  const keyOf = (e: unknown) => (isRecord(e) ? e[key] : undefined);
  const patched: unknown[] = [];
  const fromPatch = new Set<unknown>();
  for (const item of patch) {
    if (!isRecord(item) || item[key] === undefined) {
      // No merge key: nothing to merge with; an equal element already there is not added twice.
      const value = strip(item);
      if (!original.some((e) => deepEqual(e, value)) && !patched.some((e) => deepEqual(e, value)))
        patched.push(value);
      continue;
    }
    fromPatch.add(item[key]);
    const match = original.find((e) => keyOf(e) === item[key]);
    patched.push(match === undefined ? strip(item) : mergeValue(match, item, undefined));
  }
  // (Untouched elements are shared with `original`, not copied: results are new only where the patch applies.)
  const serverOnly = original.filter((e) => keyOf(e) === undefined || !fromPatch.has(keyOf(e)));
  // Kubernetes' mergeSortedSlice: server-only elements and patch elements interleave by their position in the
  // original list when both were there; a new patch element goes before the remaining server-only ones.
  const serverIndex = (e: unknown) =>
    keyOf(e) === undefined ? -1 : original.findIndex((o) => keyOf(o) === keyOf(e));
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < patched.length) {
    if (j >= patched.length) out.push(serverOnly[i++]);
    else if (i >= serverOnly.length) out.push(patched[j++]);
    else {
      const li = serverIndex(serverOnly[i]);
      const ri = serverIndex(patched[j]);
      if (li >= 0 && ri >= 0 && li < ri) out.push(serverOnly[i++]);
      else out.push(patched[j++]);
    }
  }
  return out;
}

function hasNull(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasNull);
  if (!isRecord(value)) return false;
  for (const k in value) {
    const v = value[k];
    if (v === null || v === undefined || hasNull(v)) return true;
  }
  return false;
}

/** A patch value as a new value: nulls inside objects mean "absent" (values without nulls are copied as is). */
function strip(value: unknown): unknown {
  if (!hasNull(value)) return cloneJson(value);
  if (Array.isArray(value)) return value.map(strip);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = strip(v);
  return out;
}

function mergeValue(original: unknown, patch: unknown, field: string | undefined): unknown {
  if (Array.isArray(patch)) {
    const key = field === undefined ? undefined : MERGE_KEYS[field];
    if (key !== undefined && Array.isArray(original)) return mergeList(original, patch, key);
    return strip(patch);
  }
  if (isRecord(patch)) {
    if (!isRecord(original)) return strip(patch);
    const out: Record<string, unknown> = { ...original };
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) continue;
      if (v === null) delete out[k];
      else out[k] = mergeValue(out[k], v, k);
    }
    return out;
  }
  return patch;
}

/** `original` with `patch` strategically merged onto it (both unchanged). */
export function strategicMerge<T>(original: T, patch: unknown): T {
  return mergeValue(original, patch, undefined) as T;
}

export function findIndexByName(list: readonly ContainerLike[] | undefined, name: string): number {
  return list === undefined ? -1 : list.findIndex((c) => c.name === name);
}

/** Moves the container `name` first or last, or removes it; the list is returned new. */
export function modifyContainers(
  list: readonly ContainerLike[],
  name: string,
  how: 'first' | 'last' | 'remove',
): ContainerLike[] {
  const rest = list.filter((c) => c.name !== name);
  const match = list.find((c) => c.name === name);
  if (match === undefined) return rest;
  if (how === 'first') return [match, ...rest];
  if (how === 'last') return [...rest, match];
  return rest;
}
