// PEM checks for the credentials istiod sends: what istiod's ValidateCertificate checks (the data is PEM and its
// certificates parse) plus what Envoy would reject the secret for (a key that is no private key, or one that
// does not belong to the certificate). Parsing only: no I/O. No clock either, so unlike istiod nothing here
// judges validity dates (istiod only logs an expired certificate and still sends it).
import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

interface PemBlock {
  readonly type: string;
  readonly text: string;
}

function pemBlocks(data: Buffer): PemBlock[] {
  const text = data.toString('utf8');
  return [...text.matchAll(BLOCK)].map((m) => ({ type: m[1] ?? '', text: m[0] }));
}

/** The certificates of a PEM chain, or the reason it is not one. */
export function parseCertificates(data: Buffer): X509Certificate[] | string {
  const blocks = pemBlocks(data);
  if (blocks.length === 0) return 'is not PEM data (no -----BEGIN block)';
  const out: X509Certificate[] = [];
  for (const [i, b] of blocks.entries()) {
    if (b.type !== 'CERTIFICATE') return `PEM block ${i + 1} is a ${b.type}, not a CERTIFICATE`;
    try {
      out.push(new X509Certificate(b.text));
    } catch (error) {
      return `PEM block ${i + 1} is not a valid certificate (${(error as Error).message})`;
    }
  }
  return out;
}

/** The private key of PEM data, or the reason it is not one. */
export function parsePrivateKey(data: Buffer): KeyObject | string {
  if (pemBlocks(data).length === 0) return 'is not PEM data (no -----BEGIN block)';
  try {
    return createPrivateKey({ key: data, format: 'pem' });
  } catch (error) {
    return `is not a valid private key (${(error as Error).message})`;
  }
}

/** Undefined when `key` is the private key of the chain's first certificate, else why not. */
export function keyMismatch(leaf: X509Certificate, key: KeyObject): string | undefined {
  return leaf.checkPrivateKey(key) ? undefined : 'does not match the certificate';
}
