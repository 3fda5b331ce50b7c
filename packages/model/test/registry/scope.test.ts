// Istio's scoping of configs: VirtualServices by namespace and gateway, DestinationRule lookup, Sidecar
// selection, Gateway selection and EnvoyFilter attachment.
import { describe, expect, it } from 'vitest';
import { buildRegistry, type Registry } from '../../src/registry/index.js';
import { bookinfo, yaml } from './support.js';

const names = (list: readonly { namespace?: string | undefined; name: string }[]) =>
  list.map((r) => `${r.namespace}/${r.name}`);

describe('VirtualServices', () => {
  async function bookinfoRegistry(): Promise<Registry> {
    return buildRegistry([
      ...(await bookinfo('platform/kube/bookinfo.yaml')),
      ...(await bookinfo('networking/bookinfo-gateway.yaml')),
      ...(await bookinfo('networking/virtual-service-all-v1.yaml')),
    ]);
  }

  it('bookinfo: the gateway-bound VirtualService is served by bookinfo-gateway, not by sidecars', async () => {
    const reg = await bookinfoRegistry();
    expect(names(reg.virtualServicesFor('default', 'bookinfo-gateway'))).toEqual(['default/bookinfo']);
    expect(names(reg.virtualServicesFor('default', 'default/bookinfo-gateway'))).toEqual([
      'default/bookinfo',
    ]);
    expect(names(reg.virtualServicesFor('default'))).toEqual([
      'default/details',
      'default/productpage',
      'default/ratings',
      'default/reviews',
    ]);
    expect(reg.virtualServicesFor('default', 'istio-system/bookinfo-gateway')).toEqual([]);
  });

  it('bookinfo: VirtualServices for one host', async () => {
    const reg = await bookinfoRegistry();
    expect(names(reg.virtualServicesForHost('default', 'reviews.default.svc.cluster.local'))).toEqual([
      'default/reviews',
    ]);
    expect(names(reg.virtualServicesForHost('default', 'anything.example.com', 'bookinfo-gateway'))).toEqual([
      'default/bookinfo',
    ]);
  });

  const bindings = () =>
    yaml(`
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: cross, namespace: app }
spec:
  hosts: [app.example.com]
  gateways: [istio-system/ingress]
  http: [{ route: [{ destination: { host: web } }] }]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: both, namespace: app }
spec:
  hosts: [web]
  gateways: [mesh, local-gw]
  http: [{ route: [{ destination: { host: web } }] }]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: legacy, namespace: app }
spec:
  hosts: [legacy.example.com]
  gateways: [ingress.istio-system.svc.cluster.local]
  http: [{ route: [{ destination: { host: web } }] }]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: private, namespace: app }
spec:
  hosts: [web]
  exportTo: ["."]
  http: [{ route: [{ destination: { host: web } }] }]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: to-b, namespace: app }
spec:
  hosts: [web]
  exportTo: [b]
  http: [{ route: [{ destination: { host: web } }] }]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: private-gw, namespace: app }
spec:
  hosts: [private.example.com]
  gateways: [istio-system/ingress]
  exportTo: ["."]
  http: [{ route: [{ destination: { host: web } }] }]
`);

  it('binds ns/name, bare names and legacy FQDN gateway references', () => {
    const reg = buildRegistry(bindings());
    expect(names(reg.virtualServicesFor('istio-system', 'istio-system/ingress'))).toEqual([
      'app/cross',
      'app/legacy',
    ]);
    expect(names(reg.virtualServicesFor('istio-system', 'ingress'))).toEqual(['app/cross', 'app/legacy']);
    expect(names(reg.virtualServicesFor('app', 'app/local-gw'))).toEqual(['app/both']);
    expect(names(reg.virtualServicesFor('app', 'local-gw'))).toEqual(['app/both']);
  });

  it('honours exportTo: "." only in its namespace, a list only in the listed namespaces', () => {
    const reg = buildRegistry(bindings());
    expect(names(reg.virtualServicesFor('app'))).toEqual(['app/both', 'app/private']);
    expect(names(reg.virtualServicesFor('b'))).toEqual(['app/both', 'app/to-b']);
    expect(names(reg.virtualServicesFor('c'))).toEqual(['app/both']);
    // A private VirtualService bound to a gateway of another namespace is not seen by that gateway.
    expect(names(reg.virtualServicesFor('app', 'istio-system/ingress'))).toEqual([
      'app/cross',
      'app/legacy',
      'app/private-gw',
    ]);
  });
});

describe('DestinationRule lookup', () => {
  const rules = () =>
    yaml(`
apiVersion: v1
kind: Service
metadata: { name: reviews, namespace: shop }
spec: { selector: { app: reviews }, ports: [{ port: 9080, name: http }] }
---
apiVersion: v1
kind: Service
metadata: { name: ratings, namespace: shop }
spec: { selector: { app: ratings }, ports: [{ port: 9080, name: http }] }
---
apiVersion: v1
kind: Service
metadata: { name: cart, namespace: shop }
spec: { selector: { app: cart }, ports: [{ port: 9080, name: http }] }
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: mesh-wide, namespace: istio-system }
spec: { host: "*.local", trafficPolicy: { tls: { mode: ISTIO_MUTUAL } } }
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: root-private, namespace: istio-system }
spec: { host: "*.shop.svc.cluster.local", exportTo: ["."] }
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: reviews, namespace: shop }
spec: { host: reviews, subsets: [{ name: v1, labels: { version: v1 } }] }
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: reviews-extra, namespace: shop }
spec: { host: reviews, subsets: [{ name: v2, labels: { version: v2 } }] }
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: shop-wide, namespace: shop }
spec: { host: "*.shop.svc.cluster.local" }
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: ratings-private, namespace: shop }
spec: { host: ratings, exportTo: ["."] }
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: reviews-override, namespace: frontend }
spec: { host: reviews.shop.svc.cluster.local }
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: reviews-for-canary, namespace: frontend }
spec:
  host: reviews.shop.svc.cluster.local
  workloadSelector: { matchLabels: { track: canary } }
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: cart-for-web, namespace: frontend }
spec:
  host: cart.shop.svc.cluster.local
  workloadSelector: { matchLabels: { app: web } }
`);

  const pick = (reg: Registry, ns: string, host: string, labels?: Record<string, string>) => {
    const m = reg.destinationRuleFor(ns, host, labels);
    return m === undefined ? undefined : names(m.rules);
  };

  it("1. the proxy's namespace first", () => {
    const reg = buildRegistry(rules());
    expect(pick(reg, 'frontend', 'reviews.shop.svc.cluster.local')).toEqual(['frontend/reviews-override']);
  });

  it("2. then the service's namespace, exact host before wildcard, same-host rules merged in name order", () => {
    const reg = buildRegistry(rules());
    const m = reg.destinationRuleFor('other', 'reviews.shop.svc.cluster.local');
    expect(m?.host).toBe('reviews.shop.svc.cluster.local');
    expect(m?.namespace).toBe('shop');
    expect(names(m?.rules ?? [])).toEqual(['shop/reviews', 'shop/reviews-extra']);
    expect(m?.bySelector).toBe(false);
  });

  it("2. a private rule of the service's namespace is skipped for other namespaces; the wildcard of that namespace applies", () => {
    const reg = buildRegistry(rules());
    expect(pick(reg, 'other', 'ratings.shop.svc.cluster.local')).toEqual(['shop/shop-wide']);
    expect(pick(reg, 'shop', 'ratings.shop.svc.cluster.local')).toEqual(['shop/ratings-private']);
  });

  it('3. then the root namespace, for services with no rule of their own', () => {
    const reg = buildRegistry([
      ...rules(),
      ...yaml(`
apiVersion: v1
kind: Service
metadata: { name: billing, namespace: pay }
spec: { selector: { app: billing }, ports: [{ port: 80, name: http }] }
`),
    ]);
    const m = reg.destinationRuleFor('pay', 'billing.pay.svc.cluster.local');
    expect(m).toMatchObject({ host: '*.local', namespace: 'istio-system' });
  });

  it('root-namespace proxies use its private rules first; other namespaces never see them', () => {
    const reg = buildRegistry(rules());
    expect(pick(reg, 'istio-system', 'cart.shop.svc.cluster.local')).toEqual(['istio-system/root-private']);
    expect(pick(reg, 'elsewhere', 'cart.shop.svc.cluster.local')).toEqual(['shop/shop-wide']);
  });

  it('a rootNamespace option moves the mesh-wide fallback', () => {
    const reg = buildRegistry(rules(), { rootNamespace: 'mesh-config' });
    expect(pick(reg, 'pay', 'billing.pay.svc.cluster.local')).toBeUndefined();
  });

  it('workloadSelector: a matching rule of the proxy namespace wins over the catch-all', () => {
    const reg = buildRegistry(rules());
    const canary = reg.destinationRuleFor('frontend', 'reviews.shop.svc.cluster.local', { track: 'canary' });
    expect(canary?.bySelector).toBe(true);
    expect(names(canary?.rules ?? [])).toEqual(['frontend/reviews-for-canary']);
    expect(pick(reg, 'frontend', 'reviews.shop.svc.cluster.local', { track: 'stable' })).toEqual([
      'frontend/reviews-override',
    ]);
  });

  it("workloadSelector: a selector rule is not exported, and (as in Istio) shadows the service's namespace", () => {
    const reg = buildRegistry(rules());
    expect(pick(reg, 'frontend', 'cart.shop.svc.cluster.local', { app: 'web' })).toEqual([
      'frontend/cart-for-web',
    ]);
    // The proxy namespace has a rule for this host, but only for app=web: Istio stops there.
    expect(pick(reg, 'frontend', 'cart.shop.svc.cluster.local', { app: 'api' })).toBeUndefined();
    expect(pick(reg, 'other', 'cart.shop.svc.cluster.local', { app: 'web' })).toEqual(['shop/shop-wide']);
  });

  it('bookinfo: destination-rule-all.yaml gives each service its rule', async () => {
    const reg = buildRegistry([
      ...(await bookinfo('platform/kube/bookinfo.yaml')),
      ...(await bookinfo('networking/destination-rule-all.yaml')),
    ]);
    for (const svc of ['productpage', 'reviews', 'ratings', 'details']) {
      expect(pick(reg, 'default', `${svc}.default.svc.cluster.local`)).toEqual([`default/${svc}`]);
    }
  });
});

describe('Sidecar selection', () => {
  const sidecars = (withRoot = true) =>
    yaml(`
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: { name: default, namespace: shop }
spec: { egress: [{ hosts: ["./*"] }] }
---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: { name: ratings, namespace: shop }
spec:
  workloadSelector: { labels: { app: ratings } }
  egress: [{ hosts: ["./*", "istio-system/*"] }]
${
  withRoot
    ? `---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: { name: default, namespace: istio-system }
spec: { egress: [{ hosts: ["*/*"] }] }`
    : ''
}
`);

  it('a selecting Sidecar, else the namespace default, else the root default', () => {
    const reg = buildRegistry(sidecars());
    expect(reg.sidecarFor('shop', { app: 'ratings', version: 'v1' })?.name).toBe('ratings');
    expect(reg.sidecarFor('shop', { app: 'reviews' })?.name).toBe('default');
    expect(reg.sidecarFor('shop', { app: 'reviews' })?.namespace).toBe('shop');
    expect(reg.sidecarFor('other', { app: 'ratings' })?.namespace).toBe('istio-system');
    expect(buildRegistry(sidecars(false)).sidecarFor('other', {})).toBeUndefined();
  });
});

describe('Gateways and EnvoyFilters', () => {
  it('selects Gateways by their selector, optionally in one namespace', async () => {
    const reg = buildRegistry([
      ...(await bookinfo('networking/bookinfo-gateway.yaml')),
      ...yaml(`
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: any, namespace: edge }
spec: { servers: [{ port: { number: 80, name: http, protocol: HTTP }, hosts: ["*"] }] }
`),
    ]);
    expect(names(reg.gatewaysFor({ istio: 'ingressgateway', app: 'x' }))).toEqual([
      'default/bookinfo-gateway',
      'edge/any',
    ]);
    expect(names(reg.gatewaysFor({ istio: 'egressgateway' }))).toEqual(['edge/any']);
    expect(names(reg.gatewaysFor({ istio: 'ingressgateway' }, 'default'))).toEqual([
      'default/bookinfo-gateway',
    ]);
  });

  it('attaches EnvoyFilters of the root and own namespace by selector, ordered by priority then root first', () => {
    const filter = (name: string, ns: string, extra: string) => `
apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata: { name: ${name}, namespace: ${ns} }
spec:
  ${extra}
  configPatches:
    - applyTo: NETWORK_FILTER
      match: { context: SIDECAR_INBOUND }
      patch: { operation: REMOVE }
---`;
    const reg = buildRegistry(
      yaml(
        filter('global', 'istio-system', 'priority: 0') +
          filter('early', 'shop', 'priority: -5') +
          filter('a-local', 'shop', 'workloadSelector: { labels: { app: api } }') +
          filter('other-app', 'shop', 'workloadSelector: { labels: { app: web } }') +
          filter('elsewhere', 'pay', 'priority: 0') +
          filter(
            'gw-only',
            'shop',
            'targetRefs: [{ group: gateway.networking.k8s.io, kind: Gateway, name: gw }]',
          ),
      ),
    );
    expect(names(reg.envoyFiltersFor('shop', { app: 'api' }))).toEqual([
      'shop/early',
      'istio-system/global',
      'shop/a-local',
    ]);
    expect(names(reg.envoyFiltersFor('shop', { 'gateway.networking.k8s.io/gateway-name': 'gw' }))).toEqual([
      'shop/early',
      'istio-system/global',
      'shop/gw-only',
    ]);
    expect(names(reg.envoyFiltersFor('istio-system', {}))).toEqual(['istio-system/global']);
  });
});
