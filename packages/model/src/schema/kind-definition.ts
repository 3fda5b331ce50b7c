import type { z } from 'zod';

/**
 * What the model knows about one resource kind: where it lives (group, versions), whether it is namespaced, and
 * the schema that validates one whole object (apiVersion, kind, metadata, spec) of it.
 */
export interface KindDefinition<S extends z.ZodType = z.ZodType> {
  /** API group, '' for the core group (`v1`). */
  readonly group: string;
  readonly kind: string;
  /** Versions accepted, newest first. All share the schema (Istio's v1, v1beta1 and v1alpha3 are one shape). */
  readonly versions: readonly string[];
  readonly namespaced: boolean;
  readonly schema: S;
}

export function defineKind<S extends z.ZodType>(def: KindDefinition<S>): KindDefinition<S> {
  return def;
}

/** `networking.istio.io/VirtualService`, or `Service` for the core group: the key kinds are found by. */
export function kindKey(group: string, kind: string): string {
  return group === '' ? kind : `${group}/${kind}`;
}

/** Splits `networking.istio.io/v1` into group and version; `v1` is the core group. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}
