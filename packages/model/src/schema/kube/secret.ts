// A Kubernetes Secret, as the API server validates it (ValidateSecret): data keys, base64 values, the keys each
// built-in type requires, and the 1 MiB size limit. The mesh reads TLS credentials from it (a gateway's
// `credentialName`); `secretBytes` gives the decoded contents, stringData over data as the API server merges them.
import { z } from 'zod';
import { objectMeta } from '../common.js';
import { defineKind } from '../kind-definition.js';

/** The API server's limit on the total size of a Secret's (decoded) data, in bytes. */
export const MAX_SECRET_BYTES = 1024 * 1024;

/** Standard base64 with padding, as Go's encoding/json decodes []byte (line breaks are ignored). */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** A ConfigMap/Secret key (IsConfigMapKey): alphanumerics, `-`, `_` and `.`, at most 253 characters. */
const KEY = /^[-._a-zA-Z0-9]+$/;

/** Keys the API server requires for each built-in type ([[a, b]]: one of a or b). */
const REQUIRED_KEYS: Readonly<Record<string, readonly (readonly string[])[]>> = {
  'kubernetes.io/tls': [['tls.crt'], ['tls.key']],
  'kubernetes.io/dockercfg': [['.dockercfg']],
  'kubernetes.io/dockerconfigjson': [['.dockerconfigjson']],
  'kubernetes.io/basic-auth': [['username', 'password']],
  'kubernetes.io/ssh-auth': [['ssh-privatekey']],
};

function keyProblem(key: string): string | undefined {
  if (key === '.' || key === '..') return `expected a key other than "${key}"`;
  if (key.length > 253) return `expected a key of at most 253 characters, got ${key.length}`;
  if (!KEY.test(key))
    return `expected a key of alphanumerics, "-", "_" and "." only, got ${JSON.stringify(key)}`;
  return undefined;
}

/** Base64 text without the line breaks YAML block scalars may leave in it. */
function compact(value: string): string {
  return value.replace(/[\r\n]/g, '');
}

export const secretSchema = z
  .strictObject({
    apiVersion: z.string(),
    kind: z.string(),
    metadata: objectMeta,
    /** Key -> base64 of the value's bytes. */
    data: z.record(z.string(), z.string()).optional(),
    /** Key -> value as text; write-only, merged over `data` by the API server. */
    stringData: z.record(z.string(), z.string()).optional(),
    /** `Opaque` when absent; the kubernetes.io/ types require their keys. */
    type: z.string().optional(),
    immutable: z.boolean().optional(),
  })
  .superRefine((s, ctx) => {
    let size = 0;
    for (const field of ['data', 'stringData'] as const) {
      for (const [key, value] of Object.entries(s[field] ?? {})) {
        const problem = keyProblem(key);
        if (problem !== undefined) ctx.addIssue({ code: 'custom', path: [field, key], message: problem });
        if (field === 'stringData') size += Buffer.byteLength(value, 'utf8');
        else if (!BASE64.test(compact(value)))
          ctx.addIssue({ code: 'custom', path: [field, key], message: 'expected base64-encoded bytes' });
        else size += Buffer.from(compact(value), 'base64').length;
      }
    }
    if (size > MAX_SECRET_BYTES)
      ctx.addIssue({
        code: 'custom',
        path: ['data'],
        message: `expected at most ${MAX_SECRET_BYTES} bytes of data in a Secret, got ${size}`,
      });
    const type = s.type ?? 'Opaque';
    const keys = new Set([...Object.keys(s.data ?? {}), ...Object.keys(s.stringData ?? {})]);
    for (const oneOf of REQUIRED_KEYS[type] ?? []) {
      if (oneOf.some((k) => keys.has(k))) continue;
      ctx.addIssue({
        code: 'custom',
        path: [s.data !== undefined || s.stringData === undefined ? 'data' : 'stringData'],
        message: `expected key ${oneOf.map((k) => JSON.stringify(k)).join(' or ')} in a Secret of type ${type}`,
      });
    }
    if (type === 'kubernetes.io/service-account-token') {
      const annotations = s.metadata.annotations ?? {};
      if ((annotations['kubernetes.io/service-account.name'] ?? '') === '')
        ctx.addIssue({
          code: 'custom',
          path: ['metadata', 'annotations'],
          message:
            'expected annotation "kubernetes.io/service-account.name" on a Secret of type kubernetes.io/service-account-token',
        });
    }
  });
/** Named apart from Envoy's `Secret` (the SDS resource type this package also exports). */
export type KubernetesSecret = z.infer<typeof secretSchema>;

export const secretKind = defineKind({
  group: '',
  kind: 'Secret',
  versions: ['v1'],
  namespaced: true,
  schema: secretSchema,
});

/** Where a value of a Secret was written: `data` (base64) or `stringData` (text). */
export type SecretField = 'data' | 'stringData';

/** One decoded value of a Secret and the field it came from (for positions in the source). */
export interface SecretValue {
  readonly bytes: Buffer;
  readonly field: SecretField;
}

/**
 * The decoded contents of a validated Secret, by key, sorted by key: `data` decoded from base64, then
 * `stringData` over it (the API server's merge: stringData wins).
 */
export function secretBytes(secret: KubernetesSecret): ReadonlyMap<string, SecretValue> {
  const out = new Map<string, SecretValue>();
  for (const [key, value] of Object.entries(secret.data ?? {}))
    out.set(key, { bytes: Buffer.from(compact(value), 'base64'), field: 'data' });
  for (const [key, value] of Object.entries(secret.stringData ?? {}))
    out.set(key, { bytes: Buffer.from(value, 'utf8'), field: 'stringData' });
  return new Map([...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
