import { type Cluster, type DestinationRule, encode, type LoadedResource } from '@minimesh/model';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildClusters } from '../../src/cluster/build-clusters.js';
import type { MeshConfig } from '../../src/mesh-config.js';
import { loadSample, manifests, sidecarOf, world } from './fixtures.js';

const RATINGS = 'ratings.default.svc.cluster.local';
const HTTP_OPTIONS = 'envoy.extensions.upstreams.http.v3.HttpProtocolOptions';

let bookinfo: LoadedResource[];
beforeAll(async () => {
  bookinfo = await loadSample('platform/kube/bookinfo.yaml');
});

function clusters(extra: LoadedResource[], mesh: Partial<MeshConfig> = {}): Cluster[] {
  const w = world([...bookinfo, ...extra], undefined, mesh);
  const out = buildClusters(sidecarOf('productpage-v1-0'), w.push, w.sink);
  for (const c of out) encode('envoy.config.cluster.v3.Cluster', c);
  return out;
}

function named(cs: readonly Cluster[], name: string): Cluster {
  const c = cs.find((x) => x.name === name);
  if (c === undefined) throw new Error(`no cluster ${name}`);
  return c;
}

const ratingsRule = (tls: string) =>
  manifests(`
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: ratings, namespace: default }
spec:
  host: ratings
  trafficPolicy: { tls: ${tls} }
`);

describe('upstream TLS', () => {
  it('uses one Istio mTLS transport socket for ISTIO_MUTUAL (destination-rule-all-mtls.yaml)', async () => {
    const cs = clusters(await loadSample('networking/destination-rule-all-mtls.yaml'));
    const c = named(cs, `outbound|9080|v2|${RATINGS}`);
    expect(c.transport_socket_matches).toBeUndefined();
    expect(c.transport_socket).toMatchObject({
      name: 'envoy.transport_sockets.tls',
      typed_config: {
        sni: `outbound_.9080_.v2_.${RATINGS}`,
        common_tls_context: {
          alpn_protocols: ['istio-peer-exchange', 'istio'],
          combined_validation_context: {
            default_validation_context: {
              match_subject_alt_names: [{ exact: 'spiffe://cluster.local/ns/default/sa/bookinfo-ratings' }],
            },
          },
        },
      },
    });
    // ISTIO_MUTUAL is not user TLS: no ALPN override.
    expect(JSON.stringify(c.metadata)).not.toContain('alpn_override');
  });

  it('sends plaintext for DISABLE, and when auto mTLS is off', () => {
    const disabled = named(clusters(ratingsRule('{ mode: DISABLE }')), `outbound|9080||${RATINGS}`);
    expect(disabled.transport_socket).toBeUndefined();
    expect(disabled.transport_socket_matches).toBeUndefined();
    const off = named(clusters([], { enableAutoMtls: false }), `outbound|9080||${RATINGS}`);
    expect(off.transport_socket).toBeUndefined();
    expect(off.transport_socket_matches).toBeUndefined();
  });

  it('infers no mTLS for a namespace whose PeerAuthentication disables it', () => {
    const pa = manifests(`
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: { name: default, namespace: default }
spec: { mtls: { mode: DISABLE } }
`);
    expect(named(clusters(pa), `outbound|9080||${RATINGS}`).transport_socket_matches).toBeUndefined();
  });

  it('writes SIMPLE TLS with the system CAs, SNI and SANs, and marks the ALPN override', () => {
    const c = named(
      clusters(
        ratingsRule('{ mode: SIMPLE, sni: ratings.example.com, subjectAltNames: [ratings.example.com] }'),
      ),
      `outbound|9080||${RATINGS}`,
    );
    expect(c.transport_socket?.typed_config).toMatchObject({
      sni: 'ratings.example.com',
      common_tls_context: {
        combined_validation_context: {
          default_validation_context: { match_subject_alt_names: [{ exact: 'ratings.example.com' }] },
          validation_context_sds_secret_config: { name: 'file-root:system' },
        },
      },
    });
    expect(c.typed_extension_protocol_options).toBeUndefined();
    expect(JSON.stringify(c.metadata)).toContain('"alpn_override":{"stringValue":"false"}');
  });

  it('lets Envoy set SNI and verify the host name when SIMPLE gives neither', () => {
    const c = named(clusters(ratingsRule('{ mode: SIMPLE }')), `outbound|9080||${RATINGS}`);
    expect(c.typed_extension_protocol_options?.[HTTP_OPTIONS]).toMatchObject({
      upstream_http_protocol_options: { auto_sni: true, auto_san_validation: true },
      explicit_http_config: { http_protocol_options: {} },
    });
  });

  it('writes MUTUAL TLS with file certificates served over SDS', () => {
    const c = named(
      clusters(
        ratingsRule(
          '{ mode: MUTUAL, clientCertificate: /etc/certs/cert.pem, privateKey: /etc/certs/key.pem, caCertificates: /etc/certs/ca.pem, sni: ratings }',
        ),
      ),
      `outbound|9080||${RATINGS}`,
    );
    expect(c.transport_socket?.typed_config).toMatchObject({
      common_tls_context: {
        tls_certificate_sds_secret_configs: [{ name: 'file-cert:/etc/certs/cert.pem~/etc/certs/key.pem' }],
        combined_validation_context: {
          validation_context_sds_secret_config: { name: 'file-root:/etc/certs/ca.pem' },
        },
      },
    });
  });

  it('gives a sidecar no TLS for a credentialName it may not read', () => {
    const c = named(
      clusters(ratingsRule('{ mode: SIMPLE, credentialName: ratings-ca }')),
      `outbound|9080||${RATINGS}`,
    );
    expect(c.transport_socket).toBeUndefined();
    expect(c.transport_socket_matches).toBeUndefined();
  });
});

describe('TLS settings that cannot work', () => {
  it('reports MUTUAL without certificate as a message and builds the cluster without TLS', () => {
    // The loader refuses this rule; a caller that builds resources in code can still hand one over.
    const [valid] = ratingsRule('{ mode: MUTUAL, clientCertificate: /c.pem, privateKey: /k.pem }');
    if (valid === undefined) throw new Error('no rule');
    const spec = { host: 'ratings', trafficPolicy: { tls: { mode: 'MUTUAL' } } };
    const rule = valid as LoadedResource<DestinationRule>;
    const broken = { ...rule, object: { ...rule.object, spec } } as LoadedResource;
    const w = world([...bookinfo, broken]);
    const out = buildClusters(sidecarOf('productpage-v1-0'), w.push, w.sink);
    const c = named(out, `outbound|9080||${RATINGS}`);
    expect(c.transport_socket).toBeUndefined();
    expect(c.transport_socket_matches).toBeUndefined();
    expect(w.sink.list()).toEqual([
      expect.objectContaining({
        code: 'TR0002',
        severity: 'Error',
        resource: 'DestinationRule default/ratings',
        message: expect.stringContaining('client certificate and private key must not be empty'),
      }),
    ]);
  });
});
