// The Secret kind: Kubernetes' fields and validation rules (keys, base64 data, required keys per type, size), its
// loading with positions, and the decoded contents the mesh reads TLS credentials from.
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, loadManifests } from '../../../src/index.js';
import {
  type KubernetesSecret,
  secretBytes,
  secretKind,
  secretSchema,
} from '../../../src/schema/kube/secret.js';
import { expectIssues, expectValid, invalidValue, unknownField } from '../istio/helpers.js';

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const secret = (fields: Record<string, unknown>): unknown => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'cert', namespace: 'istio-system' },
  ...fields,
});

describe('Secret', () => {
  it('accepts every field Kubernetes defines, the tls and generic layouts Istio reads', () => {
    expectValid(
      secretSchema,
      secret({
        type: 'kubernetes.io/tls',
        data: { 'tls.crt': b64('c'), 'tls.key': b64('k'), 'ca.crt': b64('a') },
      }),
    );
    expectValid(
      secretSchema,
      secret({ data: { cert: b64('c'), key: b64('k'), cacert: b64('a') }, immutable: true }),
    );
    expectValid(secretSchema, secret({ type: 'kubernetes.io/basic-auth', stringData: { password: 'p' } }));
    expectValid(secretSchema, secret({}));
    expect(secretKind).toMatchObject({ group: '', kind: 'Secret', versions: ['v1'], namespaced: true });
  });

  it('checks keys, base64 values and the keys each type requires', () => {
    expectIssues(
      secretSchema,
      secret({ type: 'kubernetes.io/tls', data: { 'tls.crt': 'not base64!', 'a b': b64('x') } }),
      [
        invalidValue(['data', 'tls.crt'], 'expected base64-encoded bytes'),
        invalidValue(['data', 'a b'], 'expected a key of alphanumerics, "-", "_" and "." only, got "a b"'),
        invalidValue(['data'], 'expected key "tls.key" in a Secret of type kubernetes.io/tls'),
      ],
    );
    expectIssues(secretSchema, secret({ type: 'kubernetes.io/basic-auth', stringData: { user: 'x' } }), [
      invalidValue(
        ['stringData'],
        'expected key "username" or "password" in a Secret of type kubernetes.io/basic-auth',
      ),
    ]);
    expectIssues(secretSchema, secret({ type: 'kubernetes.io/service-account-token' }), [
      invalidValue(
        ['metadata', 'annotations'],
        'expected annotation "kubernetes.io/service-account.name" on a Secret of type kubernetes.io/service-account-token',
      ),
    ]);
    expectIssues(secretSchema, secret({ data: { '..': b64('x') } }), [
      invalidValue(['data', '..'], 'expected a key other than ".."'),
    ]);
    expectIssues(secretSchema, secret({ spec: {} }), [unknownField(['spec'])]);
    // 349,526 groups of 4 base64 characters: 1,048,578 bytes, 2 over the limit.
    const big = 'AAAA'.repeat(349_526);
    expectIssues(secretSchema, secret({ data: { big } }), [
      invalidValue(['data'], 'expected at most 1048576 bytes of data in a Secret, got 1048578'),
    ]);
  });

  it('loads with positions and decodes data, stringData winning, line breaks in base64 ignored', () => {
    const text = `apiVersion: v1
kind: Secret
metadata: { name: cert, namespace: istio-system }
type: kubernetes.io/tls
data:
  tls.crt: ${b64('certificate')}
  tls.key: |
    ${b64('private key!').slice(0, 8)}
    ${b64('private key!').slice(8)}
stringData:
  tls.key: plain
`;
    const r = loadManifests(text, { file: 'secret.yaml' });
    expect(r.errors).toEqual([]);
    const [res] = r.resources;
    expect(res?.known).toBe(true);
    expect(res?.source.locate(['data', 'tls.crt']).line).toBe(6);
    const bytes = secretBytes(res?.object as KubernetesSecret);
    expect([...bytes.keys()]).toEqual(['tls.crt', 'tls.key']);
    expect(bytes.get('tls.crt')).toEqual({ bytes: Buffer.from('certificate'), field: 'data' });
    expect(bytes.get('tls.key')).toEqual({ bytes: Buffer.from('plain'), field: 'stringData' });
    const bad = loadManifests(text.replace(b64('certificate'), 'abc!'), { file: 'secret.yaml' });
    expect(bad.errors.map(formatDiagnostic)).toEqual([
      'secret.yaml:6:12 data["tls.crt"]: expected base64-encoded bytes',
    ]);
  });
});
