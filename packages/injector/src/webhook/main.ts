// The webhook as a command: `mesh inject-webhook --listen=0.0.0.0:15017 --tls-cert=... --tls-key=...` (the CLI
// wires the command name; the injector's Deployment runs it). Flags are parsed here so every entry point reads
// them the same way; configuration files are YAML (or JSON): the mesh config and the chart values.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { InjectorError, InjectorErrorCode } from '../errors.js';
import type { MeshConfigLike, SidecarValues } from '../inject/config.js';
import { isRecord } from '../types.js';
import { startWebhookServer, type WebhookServer, type WebhookServerOptions } from './server.js';

export const WEBHOOK_FLAGS = [
  'listen',
  'tls-cert',
  'tls-key',
  'revision',
  'mesh-config',
  'values',
  'max-body-bytes',
  'timeout-ms',
] as const;

/** `--name=value` or `--name value` pairs; unknown flags and missing values are errors. */
export function parseWebhookArgs(
  argv: readonly string[],
): Record<(typeof WEBHOOK_FLAGS)[number], string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) throw usage(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    if (!(WEBHOOK_FLAGS as readonly string[]).includes(name)) throw usage(`unknown flag --${name}`);
    const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined) throw usage(`flag --${name} needs a value`);
    out[name] = value;
  }
  return out as Record<(typeof WEBHOOK_FLAGS)[number], string | undefined>;
}

function usage(message: string): InjectorError {
  return new InjectorError(
    InjectorErrorCode.InvalidConfig,
    `${message}; flags: ${WEBHOOK_FLAGS.map((f) => `--${f}`).join(' ')}`,
  );
}

function readYaml(file: string, what: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw usage(`cannot read the ${what} file ${file}: ${(e as Error).message.split('\n')[0]}`);
  }
  if (parsed === null || parsed === undefined) return {};
  if (!isRecord(parsed)) throw usage(`the ${what} file ${file} must hold a mapping`);
  return parsed;
}

/** Server options from the flags (host and port from --listen, default 127.0.0.1:15017). */
export function webhookOptionsFromArgs(argv: readonly string[]): WebhookServerOptions {
  const f = parseWebhookArgs(argv);
  if (f['tls-cert'] === undefined || f['tls-key'] === undefined)
    throw usage('--tls-cert and --tls-key are required');
  const listen = f.listen ?? '127.0.0.1:15017';
  const colon = listen.lastIndexOf(':');
  const port = Number(listen.slice(colon + 1));
  if (colon < 0 || !Number.isInteger(port) || port < 0 || port > 65535)
    throw usage(`--listen must be host:port, got "${listen}"`);
  const num = (name: 'max-body-bytes' | 'timeout-ms') => {
    const v = f[name];
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw usage(`--${name} must be a positive whole number, got "${v}"`);
    return n;
  };
  const maxBodyBytes = num('max-body-bytes');
  const requestTimeoutMs = num('timeout-ms');
  return {
    host: listen.slice(0, colon).replace(/^\[(.*)\]$/, '$1'),
    port,
    certFile: f['tls-cert'],
    keyFile: f['tls-key'],
    ...(maxBodyBytes !== undefined ? { maxBodyBytes } : {}),
    ...(requestTimeoutMs !== undefined ? { requestTimeoutMs } : {}),
    inject: {
      revision: f.revision ?? '',
      ...(f['mesh-config'] !== undefined
        ? { meshConfig: readYaml(f['mesh-config'], 'mesh config') as MeshConfigLike }
        : {}),
      ...(f.values !== undefined ? { values: readYaml(f.values, 'values') as Partial<SidecarValues> } : {}),
    },
  };
}

/** Starts the webhook from command-line flags. */
export function runWebhookFromArgs(
  argv: readonly string[],
  onError?: (e: Error) => void,
): Promise<WebhookServer> {
  return startWebhookServer({ ...webhookOptionsFromArgs(argv), ...(onError ? { onError } : {}) });
}
