// `mesh apply -f FILE|DIR [...]`: changes a running dev mesh through its control API (POST /apply on
// 127.0.0.1:15014 by default), as `kubectl apply` changes a cluster: each resource is created or replaced by kind,
// namespace and name, and printed as kubectl prints it (`virtualservice.networking.istio.io/reviews configured`).
// Invalid files are refused by the control plane with file:line diagnostics (stderr, exit status 1) and nothing
// changes. The shared parts (reading files, the request, naming resources) serve `mesh delete` too.
import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { listManifestFiles } from '@minimesh/model';
import type { InputFile } from '../dev/control-plane.js';
import type { ResourceResult } from '../dev/control-plane-store.js';
import type { CommandOutcome } from './inject.js';

/** Where `mesh dev` serves its control API unless told otherwise. */
export const DEFAULT_CONTROL_PLANE = '127.0.0.1:15014';

export interface ChangeCommandOptions {
  /** Files or directories (`-f`, repeatable); `-` reads `stdin`. */
  readonly files: readonly string[];
  /** Directories are walked recursively (kubectl's -R); otherwise only their own files. */
  readonly recursive?: boolean;
  /** HOST:PORT of the control API (default 127.0.0.1:15014). */
  readonly controlPlane?: string;
  /** `json`: print the control plane's answer instead of kubectl's lines. */
  readonly output?: string;
  /** The text of `-`. */
  readonly stdin?: string;
}

/** A failure to talk to the control plane, with a stable code. */
export class ControlPlaneUnreachableError extends Error {
  readonly code = 'MESH_NO_DEV_MESH';
  constructor(address: string, cause?: unknown) {
    super(`no dev mesh at ${address}: start one with \`mesh dev DIR\``, { cause });
    this.name = 'ControlPlaneUnreachableError';
  }
}

/** kubectl's resource name: `virtualservice.networking.istio.io` (core kinds: `service`). */
export function resourceType(r: Pick<ResourceResult, 'kind' | 'group'>): string {
  const kind = r.kind.toLowerCase();
  return r.group === '' ? kind : `${kind}.${r.group}`;
}

/** kubectl's plural: `virtualservices.networking.istio.io`, `serviceentries.networking.istio.io`. */
export function resourcePlural(r: Pick<ResourceResult, 'kind' | 'group'>): string {
  const kind = r.kind.toLowerCase();
  const plural = /[^aeiou]y$/.test(kind)
    ? `${kind.slice(0, -1)}ies`
    : /(s|x|ch|sh)$/.test(kind)
      ? `${kind}es`
      : `${kind}s`;
  return r.group === '' ? plural : `${plural}.${r.group}`;
}

/** The manifest files named by `-f` values, in order; missing paths are errors worded as kubectl words them. */
export async function readInputFiles(
  paths: readonly string[],
  options: { recursive?: boolean; stdin?: string } = {},
): Promise<{ files: InputFile[]; errors: string[] }> {
  const files: InputFile[] = [];
  const errors: string[] = [];
  for (const p of paths) {
    if (p === '-') {
      files.push({ path: '<stdin>', content: options.stdin ?? '' });
      continue;
    }
    const info = await stat(p).catch(() => undefined);
    if (info === undefined) {
      errors.push(`error: the path "${p}" does not exist`);
      continue;
    }
    const list = info.isDirectory()
      ? (await listManifestFiles(p)).filter(
          (f) => options.recursive === true || resolve(dirname(f)) === resolve(p),
        )
      : [p];
    if (info.isDirectory() && list.length === 0)
      errors.push(`error: no manifest files (.yaml, .yml, .json) in "${p}"`);
    for (const f of list) {
      try {
        files.push({ path: f, content: await readFile(f, 'utf8') });
      } catch (err) {
        errors.push(
          `error: the path "${f}" cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
        );
      }
    }
  }
  return { files, errors };
}

export interface ChangeAnswer {
  readonly status: number;
  readonly body: {
    version?: number;
    results?: ResourceResult[];
    error?: string;
    diagnostics?: {
      file: string;
      line: number;
      column: number;
      field?: string;
      message: string;
      severity: string;
    }[];
  };
}

/** POSTs `files` to the control API's /apply or /delete; throws ControlPlaneUnreachableError when none answers. */
export async function postChange(
  address: string,
  op: 'apply' | 'delete',
  files: readonly InputFile[],
): Promise<ChangeAnswer> {
  let res: Response;
  try {
    res = await fetch(`http://${address}/${op}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ files }),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (err) {
    throw new ControlPlaneUnreachableError(address, err);
  }
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) as ChangeAnswer['body'] };
  } catch {
    throw new ControlPlaneUnreachableError(
      address,
      new Error(`not a control API answer: ${text.slice(0, 80)}`),
    );
  }
}

/** `file:line:column field: message`, as the model's formatDiagnostic prints it. */
export function diagnosticLine(d: NonNullable<ChangeAnswer['body']['diagnostics']>[number]): string {
  const where = `${d.file}:${d.line}:${d.column}`;
  return d.field === undefined || d.field === ''
    ? `${where} ${d.message}`
    : `${where} ${d.field}: ${d.message}`;
}

/** The shared body of `mesh apply` and `mesh delete`; `line` prints one result. */
export async function changeCommand(
  op: 'apply' | 'delete',
  options: ChangeCommandOptions,
  line: (r: ResourceResult) => { out?: string; err?: string },
): Promise<CommandOutcome> {
  const address = options.controlPlane ?? DEFAULT_CONTROL_PLANE;
  if (options.output !== undefined && options.output !== 'json' && options.output !== 'name')
    return { exitCode: 1, stdout: '', stderr: [`mesh ${op}: -o ${options.output}: expected json or name`] };
  if (options.files.length === 0)
    return { exitCode: 1, stdout: '', stderr: [`error: must specify -f FILE|DIR (mesh ${op} -f FILE)`] };
  const { files, errors } = await readInputFiles(options.files, options);
  if (errors.length > 0) return { exitCode: 1, stdout: '', stderr: errors };
  let answer: ChangeAnswer;
  try {
    answer = await postChange(address, op, files);
  } catch (err) {
    return { exitCode: 1, stdout: '', stderr: [`mesh ${op}: ${(err as Error).message}`] };
  }
  const diagnostics = answer.body.diagnostics ?? [];
  if (answer.status !== 200) {
    const stderr = diagnostics.map((d) => `${d.severity}: ${diagnosticLine(d)}`);
    stderr.push(`mesh ${op}: ${answer.body.error ?? `the control plane answered ${answer.status}`}`);
    return { exitCode: 1, stdout: '', stderr };
  }
  const results = answer.body.results ?? [];
  const stderr = diagnostics.map((d) => `${d.severity}: ${diagnosticLine(d)}`);
  const out: string[] = [];
  let exitCode = 0;
  for (const r of results) {
    const printed = line(r);
    if (printed.out !== undefined) out.push(printed.out);
    if (printed.err !== undefined) {
      stderr.push(printed.err);
      exitCode = 1;
    }
  }
  if (options.output === 'json')
    return { exitCode, stdout: `${JSON.stringify(answer.body, null, 2)}\n`, stderr };
  if (options.output === 'name')
    return { exitCode, stdout: results.map((r) => `${resourceType(r)}/${r.name}\n`).join(''), stderr };
  return { exitCode, stdout: out.map((l) => `${l}\n`).join(''), stderr };
}

/** `mesh apply`: never throws for bad input or an absent mesh (a clear message and exit status 1). */
export function applyCommand(options: ChangeCommandOptions): Promise<CommandOutcome> {
  return changeCommand('apply', options, (r) => ({ out: `${resourceType(r)}/${r.name} ${r.action}` }));
}
