// istiod's reading of a Secret (secrets.go ExtractCertInfo / ExtractRoot) and the PEM checks, on validated
// Secrets loaded through the model's loader.
import { type KubernetesSecret, loadManifests } from '@minimesh/model';
import { describe, expect, it } from 'vitest';
import { extractCertInfo, extractRoot } from '../../src/secret/credentials.js';
import { parseCertificates, parsePrivateKey } from '../../src/secret/pem.js';
import { CA_CERT, SERVER_CERT, SERVER_KEY, secretYaml } from './fixtures.js';

function secret(data: Record<string, Buffer | string>, type?: string): KubernetesSecret {
  const r = loadManifests(secretYaml('s', data, type), { file: 's.yaml' });
  expect(r.errors).toEqual([]);
  return r.resources[0]?.object as KubernetesSecret;
}

describe('extractCertInfo / extractRoot (istiod secrets.go)', () => {
  it('prefers the generic keys over the kubernetes.io/tls ones, whatever the type', () => {
    const info = extractCertInfo(
      secret({ cert: SERVER_CERT, key: SERVER_KEY, 'tls.crt': CA_CERT, 'tls.key': 'x' }, 'kubernetes.io/tls'),
    );
    expect(info).toMatchObject({ cert: { key: 'cert' }, key: { key: 'key' } });
  });

  it('reads the OCSP staple and CRL of the tls layout', () => {
    const info = extractCertInfo(
      secret({ 'tls.crt': SERVER_CERT, 'tls.key': SERVER_KEY, 'tls.ocsp-staple': 'st', 'ca.crl': 'crl' }),
    );
    expect(info).toMatchObject({ staple: { key: 'tls.ocsp-staple' }, crl: { key: 'ca.crl' } });
  });

  it("says what is missing in istiod's words", () => {
    expect(extractCertInfo(secret({ cert: '', key: '' }))).toBe(
      'found keys "cert" and "key", but they were empty',
    );
    expect(extractCertInfo(secret({ a: '1', b: '2', c: '3', d: '4' }))).toBe(
      "found secret, but didn't have expected keys (cert and key) or (tls.crt and tls.key); found: a, b, c, and 1 more...",
    );
    expect(extractRoot(secret({ 'ca.crt': '' }))).toBe('found key "ca.crt", but it was empty');
    expect(extractRoot(secret({ cacert: CA_CERT, 'ca.crt': SERVER_CERT }))).toMatchObject({
      cert: { key: 'cacert' },
    });
  });
});

describe('PEM checks', () => {
  it('accepts a chain of certificates and a private key', () => {
    const chain = parseCertificates(Buffer.concat([SERVER_CERT, CA_CERT]));
    expect(typeof chain === 'string' ? chain : chain.map((c) => c.subject)).toEqual([
      'O=minimesh test\nCN=bookinfo.example.com',
      'O=minimesh test\nCN=minimesh test CA',
    ]);
    expect(typeof parsePrivateKey(SERVER_KEY)).toBe('object');
  });

  it('says why data is no certificate or no key', () => {
    expect(parseCertificates(Buffer.from('plain text'))).toBe('is not PEM data (no -----BEGIN block)');
    expect(parseCertificates(Buffer.concat([SERVER_CERT, SERVER_KEY]))).toBe(
      'PEM block 2 is a PRIVATE KEY, not a CERTIFICATE',
    );
    const broken = Buffer.from('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    expect(parseCertificates(broken)).toMatch(/^PEM block 1 is not a valid certificate \(/);
    expect(parsePrivateKey(CA_CERT)).toMatch(/^is not a valid private key \(/);
  });
});
