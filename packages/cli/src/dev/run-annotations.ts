// The `minimesh.dev/run` and `minimesh.dev/env` pod-template annotations: how `mesh dev` runs a workload locally
// (examples/bookinfo/README.md). Parsing never throws; a bad value is a WorkloadDiagnostic at the annotation's
// file:line naming the annotation and what was expected.
import type { LoadedResource } from '@minimesh/model';

export const RUN_ANNOTATION = 'minimesh.dev/run';
export const ENV_ANNOTATION = 'minimesh.dev/env';

/** Stable codes of the workload plan's diagnostics. */
export const WorkloadDiagnosticCode = {
  /** `minimesh.dev/run` is empty or only whitespace. */
  EmptyRun: 'MM_DEV_RUN_EMPTY',
  /** A `minimesh.dev/env` entry that is not `KEY=VALUE` with a valid variable name. */
  BadEnv: 'MM_DEV_ENV_INVALID',
  /** `minimesh.dev/env` without `minimesh.dev/run`: the workload is not started, so the env does nothing. */
  EnvWithoutRun: 'MM_DEV_ENV_WITHOUT_RUN',
} as const;
export type WorkloadDiagnosticCode = (typeof WorkloadDiagnosticCode)[keyof typeof WorkloadDiagnosticCode];

/** Same fields as @minimesh/model's Diagnostic (so formatDiagnostic prints it), with the plan's own codes. */
export interface WorkloadDiagnostic {
  readonly code: WorkloadDiagnosticCode;
  readonly severity: 'error' | 'warning';
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly resource?: string;
}

/** How one workload runs locally. */
export interface RunSpec {
  /** The command line split on whitespace; a first word `node` means the Node.js running `mesh` (see resolveArgv). */
  readonly argv: readonly string[];
  /** `minimesh.dev/env`, in the order written (a later duplicate key wins). */
  readonly env: Readonly<Record<string, string>>;
  /** Where `minimesh.dev/run` is written. */
  readonly file: string;
  readonly line: number;
}

/** Environment variable names as POSIX shells accept them. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Parses the annotations of a pod template at `templatePath` (`['spec','template']`, or `[]` for a Pod) of
 * `resource`. Returns the RunSpec (undefined without `minimesh.dev/run`) and the diagnostics.
 */
export function parseRunAnnotations(
  resource: LoadedResource,
  annotations: Readonly<Record<string, string>> | undefined,
  templatePath: readonly (string | number)[],
): { run?: RunSpec; diagnostics: WorkloadDiagnostic[] } {
  const diagnostics: WorkloadDiagnostic[] = [];
  const at = (key: string) => resource.source.locate([...templatePath, 'metadata', 'annotations', key]);
  const ref = `${resource.kind} ${resource.namespace ?? 'default'}/${resource.name}`;
  const report = (
    code: WorkloadDiagnosticCode,
    key: string,
    message: string,
    severity: 'error' | 'warning',
  ) => {
    const pos = at(key);
    diagnostics.push({
      code,
      severity,
      file: resource.source.file,
      line: pos.line,
      column: pos.column,
      path: [...templatePath, 'metadata', 'annotations', key],
      message,
      resource: ref,
    });
  };
  const runText = annotations?.[RUN_ANNOTATION];
  const envText = annotations?.[ENV_ANNOTATION];
  const env: Record<string, string> = {};
  for (const entry of (envText ?? '').split(/\s+/).filter((e) => e !== '')) {
    const eq = entry.indexOf('=');
    const key = eq < 0 ? entry : entry.slice(0, eq);
    if (eq < 0 || !ENV_NAME.test(key)) {
      report(
        WorkloadDiagnosticCode.BadEnv,
        ENV_ANNOTATION,
        `${JSON.stringify(entry)} is not an environment entry; expected KEY=VALUE pairs separated by whitespace, KEY a letter or _ then letters, digits or _`,
        'error',
      );
      continue;
    }
    env[key] = entry.slice(eq + 1);
  }
  if (runText === undefined) {
    if (envText !== undefined)
      report(
        WorkloadDiagnosticCode.EnvWithoutRun,
        ENV_ANNOTATION,
        `is set but ${RUN_ANNOTATION} is not, so the workload is not started locally; expected both or neither`,
        'warning',
      );
    return { diagnostics };
  }
  const argv = runText.split(/\s+/).filter((w) => w !== '');
  if (argv.length === 0) {
    report(
      WorkloadDiagnosticCode.EmptyRun,
      RUN_ANNOTATION,
      'is empty; expected a command line such as `node dist/reviews/main.js`',
      'error',
    );
    return { diagnostics };
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  const pos = at(RUN_ANNOTATION);
  return { run: { argv, env, file: resource.source.file, line: pos.line }, diagnostics };
}

/** The argv to spawn: a first word `node` becomes `nodePath` (the Node.js running `mesh` by default). */
export function resolveArgv(run: RunSpec, nodePath: string = process.execPath): string[] {
  const [first, ...rest] = run.argv;
  return first === 'node' ? [nodePath, ...rest] : [...run.argv];
}
