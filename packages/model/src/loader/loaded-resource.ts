import type { Diagnostic, FieldPath } from '../errors/diagnostic.js';
import type { Located } from './source-locator.js';

/** Where a resource came from: the file and the 1-based position of its document (or List item). */
export interface ResourceSource {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** 0-based index of the YAML document in its file. */
  readonly documentIndex: number;
  /** 0-based index inside a `kind: List`, when the resource was one of its items. */
  readonly listIndex?: number;
  /** Position of a field of this resource in its file (`['spec','http',0]` -> line of `http[0]`). */
  locate(path: FieldPath): Located;
}

/**
 * One resource as loaded. `object` is the validated, typed object for kinds the model knows (`known: true`),
 * or the object exactly as written for kinds it does not (`known: false`, reported as a warning).
 */
export interface LoadedResource<T = unknown> {
  readonly apiVersion: string;
  /** API group, '' for the core group. */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly name: string;
  /** metadata.namespace, or the load's default namespace for namespaced kinds; undefined when cluster-scoped. */
  readonly namespace: string | undefined;
  readonly known: boolean;
  readonly object: T;
  readonly source: ResourceSource;
}

export interface LoadResult {
  /** Every resource that loaded without error, in file and document order. */
  readonly resources: LoadedResource[];
  /** Errors then warnings are both here, in source order; `errors` and `warnings` split them. */
  readonly diagnostics: Diagnostic[];
  readonly errors: Diagnostic[];
  readonly warnings: Diagnostic[];
  /** True when there is no error (warnings allowed). */
  readonly ok: boolean;
}

/** `VirtualService default/reviews`, or `Namespace bookinfo` for cluster-scoped kinds. */
export function resourceRef(r: Pick<LoadedResource, 'kind' | 'namespace' | 'name'>): string {
  return r.namespace === undefined ? `${r.kind} ${r.name}` : `${r.kind} ${r.namespace}/${r.name}`;
}

/** Identity of a resource: the same key means the same object to Kubernetes. */
export function resourceKey(r: Pick<LoadedResource, 'group' | 'kind' | 'namespace' | 'name'>): string {
  return `${r.group}/${r.kind}/${r.namespace ?? ''}/${r.name}`;
}

export function makeResult(resources: LoadedResource[], diagnostics: Diagnostic[]): LoadResult {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const warnings = diagnostics.filter((d) => d.severity === 'warning');
  return { resources, diagnostics, errors, warnings, ok: errors.length === 0 };
}
