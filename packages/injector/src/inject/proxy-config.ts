// The effective ProxyConfig of a pod: mesh `defaultConfig` with the pod's `proxy.istio.io/config` annotation
// (YAML or JSON) merged over it, as Istio's mesh.ApplyProxyConfig does (maps merge, other fields replace).
import { parse } from 'yaml';
import { InvalidAnnotationError } from '../errors.js';
import { isRecord } from '../types.js';
import { A } from './annotations.js';
import type { MeshConfigLike, ProxyConfigLike } from './config.js';

function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isRecord(b) && isRecord(v) ? merge(b, v) : v;
  }
  return out;
}

const MODES = ['REDIRECT', 'TPROXY', 'NONE'];

export function effectiveProxyConfig(
  mesh: MeshConfigLike,
  annotations: Record<string, string>,
): ProxyConfigLike {
  const base: ProxyConfigLike = { ...(mesh.defaultConfig ?? {}) };
  const text = annotations[A.proxyConfig];
  if (text === undefined || text.trim() === '') return base;
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch (e) {
    throw new InvalidAnnotationError([
      `invalid value '${text}' for annotation '${A.proxyConfig}': ${(e as Error).message.split('\n')[0]}`,
    ]);
  }
  if (parsed === null || parsed === undefined) return base;
  if (!isRecord(parsed)) {
    throw new InvalidAnnotationError([
      `invalid value '${text}' for annotation '${A.proxyConfig}': expected a mapping`,
    ]);
  }
  const problems: string[] = [];
  if (parsed.interceptionMode !== undefined && !MODES.includes(String(parsed.interceptionMode))) {
    problems.push(`interceptionMode must be one of ${MODES.join(', ')}`);
  }
  if (
    parsed.holdApplicationUntilProxyStarts !== undefined &&
    typeof parsed.holdApplicationUntilProxyStarts !== 'boolean'
  ) {
    problems.push('holdApplicationUntilProxyStarts must be a boolean');
  }
  if (parsed.proxyMetadata !== undefined) {
    if (!isRecord(parsed.proxyMetadata)) problems.push('proxyMetadata must be a map of strings');
    else
      parsed.proxyMetadata = Object.fromEntries(
        Object.entries(parsed.proxyMetadata).map(([k, v]) => [k, String(v)]),
      );
  }
  if (problems.length > 0) {
    throw new InvalidAnnotationError(
      problems.map((p) => `invalid value '${text}' for annotation '${A.proxyConfig}': ${p}`),
    );
  }
  return merge(base, parsed) as ProxyConfigLike;
}
