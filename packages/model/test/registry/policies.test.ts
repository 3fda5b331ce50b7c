// Security policies attached to a workload: the root namespace's and its own, by selector or targetRefs.
import { describe, expect, it } from 'vitest';
import { buildRegistry } from '../../src/registry/index.js';
import { yaml } from './support.js';

const names = (list: readonly { namespace?: string | undefined; name: string }[]) =>
  list.map((r) => `${r.namespace}/${r.name}`);

const policies = () =>
  yaml(`
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: { name: default, namespace: istio-system }
spec: { mtls: { mode: STRICT } }
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: { name: default, namespace: shop }
spec: { mtls: { mode: PERMISSIVE } }
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: { name: db, namespace: shop }
spec: { selector: { matchLabels: { app: db } }, mtls: { mode: DISABLE } }
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: { name: pay, namespace: pay }
spec: { mtls: { mode: STRICT } }
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: deny-all-mesh, namespace: istio-system }
spec: { action: DENY, rules: [{ from: [{ source: { notNamespaces: [shop] } }] }] }
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: allow-web, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  rules: [{ to: [{ operation: { methods: [GET] } }] }]
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: on-gateway, namespace: shop }
spec:
  targetRefs: [{ group: gateway.networking.k8s.io, kind: Gateway, name: shop-gw }]
  rules: [{}]
---
apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: { name: jwt, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  jwtRules: [{ issuer: "https://issuer.example.com" }]
`);

describe('PeerAuthentication', () => {
  it('root and own namespace, selector matching the workload', () => {
    const reg = buildRegistry(policies());
    expect(names(reg.peerAuthenticationsFor('shop', { app: 'db' }))).toEqual([
      'istio-system/default',
      'shop/db',
      'shop/default',
    ]);
    expect(names(reg.peerAuthenticationsFor('shop', { app: 'web' }))).toEqual([
      'istio-system/default',
      'shop/default',
    ]);
    expect(names(reg.peerAuthenticationsFor('other', {}))).toEqual(['istio-system/default']);
    expect(names(reg.peerAuthenticationsFor('istio-system', {}))).toEqual(['istio-system/default']);
  });
});

describe('AuthorizationPolicy and RequestAuthentication', () => {
  it('attach by selector to sidecar workloads; policies with targetRefs do not attach to them', () => {
    const reg = buildRegistry(policies());
    expect(names(reg.authorizationPoliciesFor('shop', { app: 'web' }))).toEqual([
      'istio-system/deny-all-mesh',
      'shop/allow-web',
    ]);
    expect(names(reg.authorizationPoliciesFor('shop', { app: 'db' }))).toEqual([
      'istio-system/deny-all-mesh',
    ]);
    expect(names(reg.requestAuthenticationsFor('shop', { app: 'web' }))).toEqual(['shop/jwt']);
    expect(reg.requestAuthenticationsFor('pay', { app: 'web' })).toEqual([]);
  });

  it('attach by targetRefs to the pods of the named Gateway API Gateway, in the same namespace only', () => {
    const reg = buildRegistry(policies());
    const gwPod = { 'gateway.networking.k8s.io/gateway-name': 'shop-gw' };
    expect(names(reg.authorizationPoliciesFor('shop', gwPod))).toEqual([
      'istio-system/deny-all-mesh',
      'shop/on-gateway',
    ]);
    expect(names(reg.authorizationPoliciesFor('pay', gwPod))).toEqual(['istio-system/deny-all-mesh']);
    expect(
      names(reg.authorizationPoliciesFor('shop', { 'gateway.networking.k8s.io/gateway-name': 'x' })),
    ).toEqual(['istio-system/deny-all-mesh']);
  });
});
