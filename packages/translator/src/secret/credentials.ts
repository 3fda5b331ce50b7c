// Reading TLS credentials out of a Kubernetes Secret as istiod 1.30 does (pilot/pkg/credentials/kube/secrets.go
// ExtractCertInfo / ExtractRoot): the generic layout (cert, key, cacert, crl) first, then the kubernetes.io/tls
// one (tls.crt, tls.key, tls.ocsp-staple, ca.crt, ca.crl), whatever the Secret's type says. The errors are
// istiod's sentences.
import { type KubernetesSecret, type SecretValue, secretBytes } from '@minimesh/model';

/** One value read from the Secret and the key it was under (for the message position). */
export interface CredentialPart {
  readonly key: string;
  readonly value: SecretValue;
}

export interface CertInfo {
  readonly cert: CredentialPart;
  readonly key: CredentialPart;
  readonly staple?: CredentialPart;
  readonly crl?: CredentialPart;
}

export interface RootInfo {
  readonly cert: CredentialPart;
  readonly crl?: CredentialPart;
}

const GENERIC = { cert: 'cert', key: 'key', ca: 'cacert', crl: 'crl' } as const;
const TLS = {
  cert: 'tls.crt',
  key: 'tls.key',
  ca: 'ca.crt',
  crl: 'ca.crl',
  staple: 'tls.ocsp-staple',
} as const;

type Data = ReadonlyMap<string, SecretValue>;

const hasKeys = (d: Data, ...keys: string[]): boolean => keys.every((k) => d.has(k));
const hasValue = (d: Data, ...keys: string[]): boolean =>
  keys.every((k) => (d.get(k)?.bytes.length ?? 0) > 0);

function part(d: Data, key: string): CredentialPart | undefined {
  const value = d.get(key);
  return value === undefined || value.bytes.length === 0 ? undefined : { key, value };
}

/** istiod's truncatedKeysMessage: the first three keys, sorted, and how many more. */
function foundKeys(d: Data): string {
  const keys = [...d.keys()].sort();
  return keys.length < 3 ? keys.join(', ') : `${keys.slice(0, 3).join(', ')}, and ${keys.length - 3} more...`;
}

/** The certificate and key of a Secret, or istiod's error. */
export function extractCertInfo(secret: KubernetesSecret): CertInfo | string {
  const d = secretBytes(secret);
  for (const layout of [GENERIC, TLS]) {
    const cert = part(d, layout.cert);
    const key = part(d, layout.key);
    if (cert === undefined || key === undefined) continue;
    const staple = layout === TLS ? part(d, TLS.staple) : undefined;
    const crl = part(d, layout.crl);
    return { cert, key, ...(staple === undefined ? {} : { staple }), ...(crl === undefined ? {} : { crl }) };
  }
  for (const layout of [GENERIC, TLS])
    if (hasKeys(d, layout.cert, layout.key))
      return `found keys "${layout.cert}" and "${layout.key}", but they were empty`;
  return `found secret, but didn't have expected keys (cert and key) or (tls.crt and tls.key); found: ${foundKeys(d)}`;
}

/** The CA certificate of a Secret, or istiod's error. */
export function extractRoot(secret: KubernetesSecret): RootInfo | string {
  const d = secretBytes(secret);
  for (const layout of [GENERIC, TLS]) {
    if (!hasValue(d, layout.ca)) continue;
    const cert = part(d, layout.ca);
    const crl = part(d, layout.crl);
    if (cert !== undefined) return { cert, ...(crl === undefined ? {} : { crl }) };
  }
  for (const layout of [GENERIC, TLS])
    if (hasKeys(d, layout.ca)) return `found key "${layout.ca}", but it was empty`;
  return `found secret, but didn't have expected keys cacert or ca.crt; found: ${foundKeys(d)}`;
}
