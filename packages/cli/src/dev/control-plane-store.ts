// The control plane's configuration: the resources of DIR's files plus what `mesh apply` / `mesh delete` changed,
// with kubectl's last-writer-wins semantics. A DIR file edit applies only what changed in that file (its added,
// edited and removed resources), so resources applied through the API stay until the file touches them again.
// Planning is pure: `planFiles`, `planApply` and `planDelete` compute the next resource set and what changed,
// and nothing changes until the caller commits the plan (after the registry accepted it).
import {
  type Diagnostic,
  DiagnosticCode,
  type LoadedResource,
  loadManifests,
  resourceKey,
  resourceRef,
} from '@minimesh/model';

/** What one resource became in a plan, as kubectl prints it. */
export type ResourceAction = 'created' | 'configured' | 'unchanged' | 'deleted' | 'not found';

export interface ResourceResult {
  readonly action: ResourceAction;
  readonly group: string;
  readonly kind: string;
  readonly namespace: string | undefined;
  readonly name: string;
  /** Where it was written (the file given to apply / delete, or DIR's file). */
  readonly file: string;
  readonly line: number;
}

export interface StorePlan {
  /** Diagnostics of the input: with any error the plan must not be committed. */
  readonly diagnostics: readonly Diagnostic[];
  readonly ok: boolean;
  readonly upsert: readonly LoadedResource[];
  /** resourceKeys removed. */
  readonly remove: readonly string[];
  readonly results: readonly ResourceResult[];
  /** The whole resource set after the plan. */
  readonly next: readonly LoadedResource[];
  /** The files the change came from (DIR's, or those given to the API), for events. */
  readonly files: readonly string[];
  /** Makes the plan the store's state. */
  commit(): void;
}

interface DirFile {
  readonly text: string;
  readonly resources: readonly LoadedResource[];
}

/** JSON of a value with object keys sorted: equal for deep-equal values whatever their key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

/** Equal to kubectl when nothing in the object changed (positions in files do not count). */
export function sameResource(a: LoadedResource, b: LoadedResource): boolean {
  return (
    a.known === b.known && a.apiVersion === b.apiVersion && stableJson(a.object) === stableJson(b.object)
  );
}

function result(action: ResourceAction, r: LoadedResource): ResourceResult {
  return {
    action,
    group: r.group,
    kind: r.kind,
    namespace: r.namespace,
    name: r.name,
    file: r.source.file,
    line: r.source.line,
  };
}

export class ConfigStore {
  #current = new Map<string, LoadedResource>();
  #files = new Map<string, DirFile>();

  /** Every resource, in the order they were first added. */
  resources(): readonly LoadedResource[] {
    return [...this.#current.values()];
  }

  /** The text of DIR file `file` the store last accepted (undefined when it has none). */
  fileText(file: string): string | undefined {
    return this.#files.get(file)?.text;
  }

  /** DIR files the store holds. */
  files(): readonly string[] {
    return [...this.#files.keys()];
  }

  /**
   * DIR file changes: `changed` maps a file to its new text, or to undefined when it was removed. Diagnostics name
   * the file and line of every error; a resource defined by two DIR files is an error (MM_DUPLICATE).
   */
  planFiles(changed: ReadonlyMap<string, string | undefined>): StorePlan {
    const diagnostics: Diagnostic[] = [];
    const loaded = new Map<string, DirFile | undefined>();
    for (const [file, text] of changed) {
      if (text === undefined) {
        loaded.set(file, undefined);
        continue;
      }
      const r = loadManifests(text, { file });
      diagnostics.push(...r.diagnostics);
      loaded.set(file, { text, resources: r.resources });
    }
    // Duplicates across DIR files, after the change.
    const owner = new Map<string, string>();
    for (const [file, f] of this.#files) {
      if (changed.has(file)) continue;
      for (const r of f.resources) owner.set(resourceKey(r), file);
    }
    for (const [file, f] of loaded) {
      for (const r of f?.resources ?? []) {
        const other = owner.get(resourceKey(r));
        if (other !== undefined && other !== file) {
          diagnostics.push({
            code: DiagnosticCode.Duplicate,
            severity: 'error',
            file,
            line: r.source.line,
            column: r.source.column,
            path: [],
            message: `${resourceRef(r)} is also defined in ${other}; expected each resource in one file`,
            resource: resourceRef(r),
          });
        }
        owner.set(resourceKey(r), file);
      }
    }
    const upsert: LoadedResource[] = [];
    const remove: string[] = [];
    const results: ResourceResult[] = [];
    for (const [file, f] of loaded) {
      const before = new Map((this.#files.get(file)?.resources ?? []).map((r) => [resourceKey(r), r]));
      const after = new Map((f?.resources ?? []).map((r) => [resourceKey(r), r]));
      for (const [key, r] of after) {
        const old = before.get(key);
        // Only what the edit changed: a resource applied over this file through the API stays otherwise.
        if (old !== undefined && sameResource(old, r)) continue;
        upsert.push(r);
        const cur = this.#current.get(key);
        results.push(
          result(cur === undefined ? 'created' : sameResource(cur, r) ? 'unchanged' : 'configured', r),
        );
      }
      for (const [key, r] of before) {
        if (after.has(key) || !this.#current.has(key)) continue;
        remove.push(key);
        results.push(result('deleted', r));
      }
    }
    // A resource moved from one file to another is upserted, not removed.
    const upserted = new Set(upsert.map((r) => resourceKey(r)));
    const removed = remove.filter((k) => !upserted.has(k));
    const kept = results.filter(
      (r) => r.action !== 'deleted' || !upserted.has(resourceKey({ ...r, namespace: r.namespace })),
    );
    const ok = !diagnostics.some((d) => d.severity === 'error');
    return this.#plan(diagnostics, ok, upsert, removed, kept, [...changed.keys()], () => {
      for (const [file, f] of loaded) {
        if (f === undefined) this.#files.delete(file);
        else this.#files.set(file, f);
      }
    });
  }

  /** `mesh apply`: create or replace each resource by kind, namespace and name. */
  planApply(
    resources: readonly LoadedResource[],
    diagnostics: readonly Diagnostic[] = [],
    files: readonly string[] = [],
  ): StorePlan {
    const upsert: LoadedResource[] = [];
    const results: ResourceResult[] = [];
    const seen = new Set<string>();
    const diags = [...diagnostics];
    for (const r of resources) {
      const key = resourceKey(r);
      if (seen.has(key)) {
        diags.push({
          code: DiagnosticCode.Duplicate,
          severity: 'error',
          file: r.source.file,
          line: r.source.line,
          column: r.source.column,
          path: [],
          message: `${resourceRef(r)} is given twice; expected each resource once per apply`,
          resource: resourceRef(r),
        });
        continue;
      }
      seen.add(key);
      const cur = this.#current.get(key);
      const action = cur === undefined ? 'created' : sameResource(cur, r) ? 'unchanged' : 'configured';
      if (action !== 'unchanged') upsert.push(r);
      results.push(result(action, r));
    }
    const ok = !diags.some((d) => d.severity === 'error');
    return this.#plan(diags, ok, upsert, [], results, files, () => undefined);
  }

  /** `mesh delete`: removes each resource named (by kind, namespace and name); absent ones are `not found`. */
  planDelete(
    resources: readonly LoadedResource[],
    diagnostics: readonly Diagnostic[] = [],
    files: readonly string[] = [],
  ): StorePlan {
    const remove: string[] = [];
    const results: ResourceResult[] = [];
    for (const r of resources) {
      const key = resourceKey(r);
      if (remove.includes(key)) continue;
      if (this.#current.has(key)) remove.push(key);
      results.push(result(this.#current.has(key) ? 'deleted' : 'not found', r));
    }
    const ok = !diagnostics.some((d) => d.severity === 'error');
    return this.#plan(diagnostics, ok, [], remove, results, files, () => undefined);
  }

  #plan(
    diagnostics: readonly Diagnostic[],
    ok: boolean,
    upsert: readonly LoadedResource[],
    remove: readonly string[],
    results: readonly ResourceResult[],
    files: readonly string[],
    commitFiles: () => void,
  ): StorePlan {
    const next = new Map(this.#current);
    for (const key of remove) next.delete(key);
    for (const r of upsert) next.set(resourceKey(r), r);
    return {
      diagnostics,
      ok,
      upsert,
      remove,
      results,
      next: [...next.values()],
      files,
      commit: () => {
        if (!ok) throw new Error('a plan with errors cannot be committed');
        this.#current = next;
        commitFiles();
      },
    };
  }
}
