// The `-f FILE|DIR` inputs of the offline commands, loaded with the model's loader and merged as `kubectl apply`
// of each in turn would leave them: a later resource of the same kind, namespace and name replaces an earlier one.
// Within one directory, two resources with one identity stay an error (the loader's), as two files of one apply.
import { stat } from 'node:fs/promises';
import {
  type Diagnostic,
  formatDiagnostic,
  type LoadedResource,
  loadDirectory,
  loadFile,
  resourceKey,
} from '@minimesh/model';
import type { WorkloadDiagnostic } from './run-annotations.js';

export interface LoadedInputs {
  /** The merged resources, in the order first seen (a replaced resource takes its replacement's place at the end). */
  readonly resources: readonly LoadedResource[];
  /** Every load diagnostic, errors and warnings, in input order. */
  readonly diagnostics: readonly Diagnostic[];
  /** True when no diagnostic is an error. */
  readonly ok: boolean;
  /** The files read, in order (a directory's manifest files, sorted). */
  readonly files: readonly string[];
}

/** Loads each path (file or directory, recursively), then merges them in the order given. Never throws. */
export async function loadInputs(paths: readonly string[]): Promise<LoadedInputs> {
  const byKey = new Map<string, LoadedResource>();
  const diagnostics: Diagnostic[] = [];
  const files: string[] = [];
  for (const path of paths) {
    const isDir = await stat(path).then(
      (s) => s.isDirectory(),
      () => false,
    );
    const result = isDir ? await loadDirectory(path) : await loadFile(path);
    diagnostics.push(...result.diagnostics);
    for (const r of result.resources) {
      if (!files.includes(r.source.file)) files.push(r.source.file);
      const key = resourceKey(r);
      byKey.delete(key);
      byKey.set(key, r);
    }
    if (!isDir && !files.includes(path) && result.ok) files.push(path);
  }
  return {
    resources: [...byKey.values()],
    diagnostics,
    ok: diagnostics.every((d) => d.severity !== 'error'),
    files,
  };
}

/** `error: file.yaml:9:15 spec.http[0]: expected ...`: one stderr line per diagnostic, as `mesh dev` prints them. */
export function diagnosticLines(diagnostics: readonly (Diagnostic | WorkloadDiagnostic)[]): string[] {
  return diagnostics.map((d) => `${d.severity}: ${formatDiagnostic(d as Diagnostic)}`);
}
