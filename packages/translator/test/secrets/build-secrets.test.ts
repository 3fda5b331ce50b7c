// SDS for the ingress gateway: bookinfo + a Gateway with eight HTTPS servers whose credentialNames exercise
// istiod's secret reading (kubernetes.io/tls and generic layouts, -cacert companions, refusal of another
// namespace's Secret), a DestinationRule with client TLS, and Secrets that cannot be used (not PEM, key of another
// certificate, no CA). Everything generated strictly encodes; calls are simulated over the generated listeners.
import { generateKeyPairSync } from 'node:crypto';
import { buildRegistry, decode, encode, loadManifests, type Secret } from '@minimesh/model';
import { describe, expect, it } from 'vitest';
import { MessageSink } from '../../src/messages.js';
import { PushContext } from '../../src/push-context.js';
import { buildSecrets } from '../../src/secret/build-secrets.js';
import { simulate } from '../../src/simulate/simulate.js';
import { translate } from '../../src/translate.js';
import {
  BOOKINFO,
  INGRESS_SERVICE,
  ingress,
  load,
  productpage,
  WORKLOADS,
  world,
} from '../route/fixtures.js';
import { CA_CERT, gatewayYaml, lineOf, SERVER_CERT, SERVER_KEY, secretYaml } from './fixtures.js';

const OTHER_KEY = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({
  type: 'pkcs8',
  format: 'pem',
});

const GATEWAY = gatewayYaml([
  { host: 'bookinfo.example.com', mode: 'SIMPLE', credentialName: 'bookinfo-cert' },
  { host: 'mtls.example.com', mode: 'MUTUAL', credentialName: 'mtls-cert' },
  { host: 'split.example.com', mode: 'MUTUAL', credentialName: 'split-cert' },
  { host: 'bad.example.com', mode: 'SIMPLE', credentialName: 'bad-cert' },
  { host: 'cross.example.com', mode: 'SIMPLE', credentialName: 'other/cross-cert' },
  { host: 'missing.example.com', mode: 'SIMPLE', credentialName: 'nothing' },
  { host: 'mismatch.example.com', mode: 'SIMPLE', credentialName: 'mismatch-cert' },
  { host: 'noca.example.com', mode: 'MUTUAL', credentialName: 'noca-cert' },
]);
const TLS = 'kubernetes.io/tls';
const SECRETS = [
  secretYaml('bookinfo-cert', { 'tls.crt': SERVER_CERT, 'tls.key': SERVER_KEY, 'ca.crt': CA_CERT }, TLS),
  secretYaml('mtls-cert', { cacert: CA_CERT, cert: SERVER_CERT, key: SERVER_KEY }),
  secretYaml('split-cert', { 'tls.crt': SERVER_CERT, 'tls.key': SERVER_KEY }, TLS),
  secretYaml('split-cert-cacert', { 'ca.crt': CA_CERT }),
  secretYaml('bad-cert', { 'tls.crt': 'hello, not a certificate\n', 'tls.key': SERVER_KEY }, TLS),
  secretYaml('cross-cert', { 'tls.crt': SERVER_CERT, 'tls.key': SERVER_KEY }, TLS, 'other'),
  secretYaml('mismatch-cert', { 'tls.crt': SERVER_CERT, 'tls.key': String(OTHER_KEY) }, TLS),
  secretYaml('noca-cert', { 'tls.crt': SERVER_CERT, 'tls.key': SERVER_KEY }, TLS),
  secretYaml('client-cert', { cert: SERVER_CERT, key: SERVER_KEY, cacert: CA_CERT }),
];
const CLIENT_TLS = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: details-mtls, namespace: default }
spec:
  host: details
  trafficPolicy: { tls: { mode: MUTUAL, credentialName: client-cert } }
`;
const INLINE = [GATEWAY, CLIENT_TLS, ...SECRETS];
// inline-0.yaml is the ingress Service; ours follow.
const file = (doc: string): string => `inline-${INLINE.indexOf(doc) + 1}.yaml`;

async function gatewayTranslation() {
  const w = await world(['bookinfo-gateway.yaml'], INLINE);
  return { w, t: translate(ingress, w.push) };
}

const names = (secrets: readonly Secret[] | undefined) => (secrets ?? []).map((s) => s.name);

describe('buildSecrets (gateway credentialName, DestinationRule client TLS)', () => {
  it('answers every kubernetes:// name the listeners and clusters reference that istiod would serve', async () => {
    const { t } = await gatewayTranslation();
    expect(names(t.secrets)).toEqual([
      'kubernetes://bookinfo-cert',
      'kubernetes://client-cert',
      'kubernetes://client-cert-cacert',
      'kubernetes://mtls-cert',
      'kubernetes://mtls-cert-cacert',
      'kubernetes://noca-cert',
      'kubernetes://split-cert',
      'kubernetes://split-cert-cacert',
    ]);
    const byName = new Map((t.secrets ?? []).map((s) => [s.name, s]));
    // kubernetes.io/tls layout: chain and key as the Secret holds them, inline.
    expect(byName.get('kubernetes://bookinfo-cert')).toEqual({
      name: 'kubernetes://bookinfo-cert',
      tls_certificate: {
        certificate_chain: { inline_bytes: SERVER_CERT },
        private_key: { inline_bytes: SERVER_KEY },
      },
    });
    // Generic layout: cacert becomes the -cacert validation context; a separate -cacert Secret wins when present.
    expect(byName.get('kubernetes://mtls-cert-cacert')).toEqual({
      name: 'kubernetes://mtls-cert-cacert',
      validation_context: { trusted_ca: { inline_bytes: CA_CERT } },
    });
    expect(byName.get('kubernetes://split-cert-cacert')?.validation_context?.trusted_ca).toEqual({
      inline_bytes: CA_CERT,
    });
    for (const s of t.secrets ?? []) {
      const bytes = encode('envoy.extensions.transport_sockets.tls.v3.Secret', s);
      expect(decode('envoy.extensions.transport_sockets.tls.v3.Secret', bytes)).toMatchObject({
        name: s.name,
      });
    }
    for (const l of t.listeners) expect(() => encode('envoy.config.listener.v3.Listener', l)).not.toThrow();
    for (const c of t.clusters) expect(() => encode('envoy.config.cluster.v3.Cluster', c)).not.toThrow();
  });

  it('reports what cannot be served at the Secret key or the credentialName, as istiod refuses it', async () => {
    const { t } = await gatewayTranslation();
    const codes = new Set(['IST0101', 'TR0010', 'TR0011']);
    const got = t.messages
      .filter(
        (m) =>
          codes.has(m.code) && (m.resource?.startsWith('Secret') || m.resource === 'Gateway default/shop'),
      )
      .map((m) => [m.code, m.resource, `${m.file}:${m.line}`, m.message]);
    const bad = SECRETS[4] ?? '';
    const mismatch = SECRETS[6] ?? '';
    const noca = SECRETS[7] ?? '';
    expect(got).toEqual([
      [
        'TR0011',
        'Secret istio-system/bad-cert',
        `${file(bad)}:${lineOf(bad, 'tls.crt')}`,
        'key "tls.crt" is not PEM data (no -----BEGIN block); the SDS secret kubernetes://bad-cert is not sent',
      ],
      [
        'TR0011',
        'Secret istio-system/mismatch-cert',
        `${file(mismatch)}:${lineOf(mismatch, 'tls.key')}`,
        'key "tls.key" does not match the certificate; the SDS secret kubernetes://mismatch-cert is not sent',
      ],
      [
        'TR0011',
        'Secret istio-system/noca-cert',
        // A problem with the whole data map is placed where the map starts: its first entry.
        `${file(noca)}:${lineOf(noca, 'tls.crt')}`,
        "found secret, but didn't have expected keys cacert or ca.crt; found: tls.crt, tls.key; the SDS secret kubernetes://noca-cert-cacert is not sent",
      ],
      [
        'IST0101',
        'Gateway default/shop',
        `${file(GATEWAY)}:${lineOf(GATEWAY, 'credentialName: nothing')}`,
        'Referenced credentialName not found: "nothing"',
      ],
      [
        'TR0010',
        'Gateway default/shop',
        `${file(GATEWAY)}:${lineOf(GATEWAY, 'credentialName: other/cross-cert')}`,
        'credentialName "other/cross-cert" names a Secret in namespace other, but istiod serves the proxy router~10.0.0.9~istio-ingressgateway-abc.istio-system~istio-system.svc.cluster.local only Secrets of its own namespace istio-system (cross namespace secret reference requires ReferenceGrant); kubernetes://other/cross-cert is not sent',
      ],
    ]);
  });

  it('keeps the listener chains of servers whose secret is not sent: the TLS calls still route', async () => {
    const { t } = await gatewayTranslation();
    for (const host of ['bookinfo.example.com', 'bad.example.com', 'missing.example.com']) {
      const r = simulate(t, { port: 8443, host, path: '/productpage', tls: { serverName: host } });
      expect(r, JSON.stringify(r.trace)).toMatchObject({
        outcome: 'routed',
        listener: '0.0.0.0_8443',
        cluster: 'outbound|9080||productpage.default.svc.cluster.local',
      });
    }
    const chains = t.listeners.find((l) => l.name === '0.0.0.0_8443')?.filter_chains ?? [];
    const bad = chains.find((c) => c.filter_chain_match?.server_names?.includes('bad.example.com'));
    expect(JSON.stringify(bad?.transport_socket)).toContain('"kubernetes://bad-cert"');
  });

  it('builds the same secrets on its own, with only its own messages, deterministically', async () => {
    const { w, t } = await gatewayTranslation();
    const sink = new MessageSink();
    const alone = buildSecrets(ingress, w.push, sink);
    expect(alone).toEqual(t.secrets);
    expect(new Set(sink.list().map((m) => m.code))).toEqual(new Set(['IST0101', 'TR0010', 'TR0011']));
    const again = translate(ingress, new PushContext(w.registry));
    expect(JSON.stringify(again.secrets)).toBe(JSON.stringify(t.secrets));
  });

  it('gives a sidecar no secrets: its DestinationRule credentialName needs a workloadSelector', async () => {
    const { w } = await gatewayTranslation();
    expect(translate(productpage, w.push).secrets).toEqual([]);
  });

  it("serves a sidecar its DestinationRule's credential when the rule selects the workload", async () => {
    const rule = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: ratings-mtls, namespace: default }
spec:
  host: ratings
  workloadSelector: { matchLabels: { app: productpage } }
  trafficPolicy: { tls: { mode: MUTUAL, credentialName: ratings-client } }
`;
    const secret = secretYaml(
      'ratings-client',
      { cert: SERVER_CERT, key: SERVER_KEY, cacert: CA_CERT },
      undefined,
      'default',
    );
    const w = await world([], [rule, secret]);
    const t = translate(productpage, w.push);
    expect(names(t.secrets)).toEqual(['kubernetes://ratings-client', 'kubernetes://ratings-client-cacert']);
    // The rule selects productpage only: the ingress gateway neither references nor gets the credential.
    const gw = translate(ingress, w.push);
    expect(names(gw.secrets)).toEqual([]);
    expect(gw.messages.filter((m) => m.resource === 'DestinationRule default/ratings-mtls')).toEqual([]);
  });

  it('never sees a Secret whose data is not base64: the loader refuses it at its line', async () => {
    const text = secretYaml('bookinfo-cert', { 'tls.crt': SERVER_CERT, 'tls.key': SERVER_KEY }, TLS).replace(
      /tls\.key: .*/,
      'tls.key: not*base64',
    );
    const loaded = loadManifests(text, { file: 'secret.yaml' });
    expect(loaded.errors.map((e) => [e.line, e.message])).toEqual([
      [lineOf(text, 'tls.key'), 'expected base64-encoded bytes'],
    ]);
    const resources = await load([BOOKINFO], [INGRESS_SERVICE, GATEWAY]);
    const push = new PushContext(
      buildRegistry([...resources, ...loaded.resources], { workloads: WORKLOADS }),
    );
    const sink = new MessageSink();
    expect(names(buildSecrets(ingress, push, sink))).not.toContain('kubernetes://bookinfo-cert');
    expect(sink.list().map((m) => m.message)).toContain(
      'Referenced credentialName not found: "bookinfo-cert"',
    );
  });
});
