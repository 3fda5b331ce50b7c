// `mesh inject -f FILE` (istioctl kube-inject): the manifests of FILE (or stdin for `-`) with a sidecar added to
// every Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job and CronJob; other documents come out byte for
// byte. `mesh inject-webhook`: the admission webhook server the injector's Deployment runs.
import { readFile, writeFile } from 'node:fs/promises';
import {
  type InjectManifestsOptions,
  InjectorError,
  injectManifests,
  runWebhookFromArgs,
  type WebhookServer,
} from '@minimesh/injector';
import { formatDiagnostic } from '@minimesh/model';

export interface InjectCommandOptions {
  /** The manifest file, or `-` for stdin (then `stdin` gives the text). */
  readonly file: string;
  /** Where to write the result; stdout when absent. */
  readonly output?: string;
  /** The injector revision (`istio.io/rev`) the sidecars belong to. */
  readonly revision?: string;
  /** The text of stdin, read by the caller when `file` is `-`. */
  readonly stdin?: string;
}

export interface CommandOutcome {
  readonly exitCode: number;
  /** The result (the injected manifests) when not written to a file. */
  readonly stdout: string;
  /** Diagnostics and status lines. */
  readonly stderr: string[];
}

/** Injects the manifests of one file; never throws for bad input (a clear message and exit status 1). */
export async function injectCommand(options: InjectCommandOptions): Promise<CommandOutcome> {
  const name = options.file === '-' ? '<stdin>' : options.file;
  let text: string;
  try {
    text = options.file === '-' ? (options.stdin ?? '') : await readFile(options.file, 'utf8');
  } catch (e) {
    return { exitCode: 1, stdout: '', stderr: [`mesh inject: cannot read ${name}: ${(e as Error).message}`] };
  }
  const injectOptions: InjectManifestsOptions = {
    file: name,
    ...(options.revision === undefined ? {} : { revision: options.revision }),
  };
  let result: ReturnType<typeof injectManifests>;
  try {
    result = injectManifests(text, injectOptions);
  } catch (e) {
    if (e instanceof InjectorError)
      return { exitCode: 1, stdout: '', stderr: [`mesh inject: ${name}: ${e.message}`] };
    throw e;
  }
  const stderr = result.diagnostics.map((d) => `${d.severity}: ${formatDiagnostic(d)}`);
  for (const r of result.reports)
    if (r.report.skip !== undefined)
      stderr.push(
        `mesh inject: ${name}:${r.line} ${r.kind} ${r.name} not injected [${r.report.skip.code}]: ${r.report.skip.message}`,
      );
  if (options.output === undefined) return { exitCode: 0, stdout: result.text, stderr };
  await writeFile(options.output, result.text);
  return { exitCode: 0, stdout: '', stderr };
}

/** Starts the admission webhook from its flags (`--listen`, `--tls-cert`, `--tls-key`, ...). */
export function injectWebhookCommand(
  argv: readonly string[],
  onError?: (e: Error) => void,
): Promise<WebhookServer> {
  return runWebhookFromArgs(argv, onError);
}
