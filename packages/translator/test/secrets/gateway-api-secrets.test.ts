// SDS for a Gateway API gateway: an HTTPS listener's certificateRefs become `kubernetes-gateway://<ns>/<name>`
// (istiod's ToKubernetesGatewayResource), kept as written by sdsSecretName, served from the named namespace when a
// ReferenceGrant allowed it (the conversion checks grants before it writes the name).
import { encode } from '@minimesh/model';
import { describe, expect, it } from 'vitest';
import { translate } from '../../src/translate.js';
import { gatewayApiGateway } from '../golden/inputs.js';
import { world } from '../route/fixtures.js';
import { SERVER_CERT, SERVER_KEY, secretYaml } from './fixtures.js';

const gateway = (certNamespace: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: shop, namespace: default }
spec:
  gatewayClassName: istio
  listeners:
  - name: https
    port: 443
    protocol: HTTPS
    hostname: shop.example.com
    tls:
      mode: Terminate
      certificateRefs: [{ name: shop-cert, namespace: ${certNamespace} }]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: shop, namespace: default }
spec:
  parentRefs: [{ name: shop }]
  rules:
  - backendRefs: [{ name: productpage, port: 9080 }]
`;
const GRANT = `apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: { name: certs, namespace: certs }
spec:
  from: [{ group: gateway.networking.k8s.io, kind: Gateway, namespace: default }]
  to: [{ group: "", kind: Secret }]
`;
const TLS = 'kubernetes.io/tls';

describe('Gateway API HTTPS listeners over SDS', () => {
  it('serves kubernetes-gateway://default/shop-cert from the gateway namespace', async () => {
    const w = await world(
      [],
      [
        gateway('default'),
        secretYaml('shop-cert', { 'tls.crt': SERVER_CERT, 'tls.key': SERVER_KEY }, TLS, 'default'),
      ],
    );
    const t = translate(gatewayApiGateway('shop'), w.push);
    expect((t.secrets ?? []).map((s) => s.name)).toEqual(['kubernetes-gateway://default/shop-cert']);
    for (const s of t.secrets ?? []) encode('envoy.extensions.transport_sockets.tls.v3.Secret', s);
    expect(JSON.stringify(t.listeners)).toContain('"kubernetes-gateway://default/shop-cert"');
  });

  it('serves a Secret of another namespace once a ReferenceGrant allows it', async () => {
    const secret = secretYaml('shop-cert', { 'tls.crt': SERVER_CERT, 'tls.key': SERVER_KEY }, TLS, 'certs');
    const without = translate(gatewayApiGateway('shop'), (await world([], [gateway('certs'), secret])).push);
    expect((without.secrets ?? []).map((s) => s.name)).toEqual([]);
    const granted = translate(
      gatewayApiGateway('shop'),
      (await world([], [gateway('certs'), secret, GRANT])).push,
    );
    expect((granted.secrets ?? []).map((s) => s.name)).toEqual(['kubernetes-gateway://certs/shop-cert']);
  });
});
