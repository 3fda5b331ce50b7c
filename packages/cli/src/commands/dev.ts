// `mesh dev DIR`: the local dev mesh. Today it loads and validates DIR with @minimesh/model and reports what it
// found; starting the control plane, gateway, workloads and sidecars arrives with the cli issue.
import { type Diagnostic, formatDiagnostic, type LoadResult, loadDirectory } from '@minimesh/model';

export interface DevOptions {
  /** The directory of manifests to run. */
  dir: string;
  /**
   * Paths under `dir` not loaded at start: by default `networking`, the folder of Istio task configs that are
   * applied one at a time later (their names repeat on purpose, each step replacing the last).
   */
  exclude?: readonly string[];
}

/** What `mesh dev DIR` leaves out of DIR unless told otherwise. */
export const DEV_DEFAULT_EXCLUDE: readonly string[] = Object.freeze(['networking']);

export interface DevOutcome {
  /** Process exit status the command should end with. */
  exitCode: number;
  /** Lines for stdout (the result) and stderr (diagnostics and status). */
  stdout: string[];
  stderr: string[];
  load: LoadResult;
}

export class DevMeshNotBuiltError extends Error {
  readonly code = 'MESH_DEV_NOT_BUILT';
  constructor() {
    super(
      'the dev mesh is not built yet: `mesh dev` validates the manifests but does not start services yet',
    );
  }
}

/** Loads the directory and reports; never throws for bad input (diagnostics are returned). */
export async function startDev(options: DevOptions): Promise<DevOutcome> {
  const load = await loadDirectory(options.dir, { exclude: options.exclude ?? DEV_DEFAULT_EXCLUDE });
  const stderr = load.diagnostics.map((d: Diagnostic) => `${d.severity}: ${formatDiagnostic(d)}`);
  const counts = countKinds(load);
  const stdout: string[] = [];
  if (!load.ok) {
    stderr.push(`mesh dev: ${load.errors.length} error(s) in ${options.dir}; nothing was started`);
    return { exitCode: 1, stdout, stderr, load };
  }
  stdout.push(
    `mesh dev: loaded ${load.resources.length} resource(s) from ${options.dir}${counts ? ` (${counts})` : ''}`,
  );
  stderr.push(`mesh dev: ${new DevMeshNotBuiltError().message}`);
  return { exitCode: 1, stdout, stderr, load };
}

function countKinds(load: LoadResult): string {
  const counts = new Map<string, number>();
  for (const r of load.resources) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => `${n} ${kind}`).join(', ');
}
