// "Did you mean" for unknown fields: walks a zod schema along an issue's path to the object that rejected the
// key, and proposes the known field closest in spelling (edit distance), so `subsett` points to `subset`.
import type { z } from 'zod';
import type { FieldPath } from '../errors/diagnostic.js';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: readonly z.ZodType[];
  in?: z.ZodType;
  out?: z.ZodType;
  getter?: () => z.ZodType;
}

const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The field names of every object schema reachable at `path` (several when a union is on the way). */
export function knownKeysAt(schema: z.ZodType, path: FieldPath): string[] {
  const out = new Set<string>();
  const walk = (s: z.ZodType | undefined, i: number, depth: number): void => {
    if (s === undefined || depth > 64) return;
    const def = defOf(s);
    switch (def.type) {
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'readonly':
      case 'catch':
      case 'nonoptional':
        walk(def.innerType, i, depth + 1);
        return;
      case 'pipe':
        walk(def.in, i, depth + 1);
        return;
      case 'lazy':
        walk(def.getter?.(), i, depth + 1);
        return;
      case 'union':
        for (const o of def.options ?? []) walk(o, i, depth + 1);
        return;
      case 'object':
        if (i === path.length) {
          for (const k of Object.keys(def.shape ?? {})) out.add(k);
          return;
        }
        walk(def.shape?.[String(path[i])], i + 1, depth + 1);
        return;
      case 'array':
        if (i < path.length) walk(def.element, i + 1, depth + 1);
        return;
      case 'record':
        if (i < path.length) walk(def.valueType, i + 1, depth + 1);
        return;
      default:
        return;
    }
  };
  walk(schema, 0, 0);
  return [...out];
}

/** The candidate closest to `word`, if close enough to be a likely typo (case-insensitive edit distance). */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  const allowed = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  return best !== undefined && bestDistance <= allowed ? best : undefined;
}

/** Levenshtein distance with adjacent transpositions counted as one edit. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Number.POSITIVE_INFINITY;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(
        (d[(i - 1) * cols + j] ?? 0) + 1,
        (d[i * cols + j - 1] ?? 0) + 1,
        (d[(i - 1) * cols + j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, (d[(i - 2) * cols + j - 2] ?? 0) + 1);
      d[i * cols + j] = v;
    }
  }
  return d[rows * cols - 1] ?? Number.POSITIVE_INFINITY;
}
