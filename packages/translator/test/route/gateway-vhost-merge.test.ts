// Gateway route configs merge virtual hosts per hostname across every server sharing the route config (istiod 1.30
// gateway.go buildGatewayHTTPRouteConfig, vHostDedupMap): Envoy rejects a route config with a duplicate domain, so
// cert-manager-gateway (port 80) and bookinfo-gateway (port 8080), both on listener 8080 of the ingress gateway, give
// one `*` virtual host holding both gateways' routes, catch-alls last. Virtual hosts with the very same routes are
// collapsed into one with several domains (collapseDuplicateRoutes).
import type { RouteConfiguration } from '@minimesh/model';
import { describe, expect, it } from 'vitest';
import { buildRoutes } from '../../src/route/build-routes.js';
import { ingress, world } from './fixtures.js';
import { expectEncodable, send } from './helpers.js';

const PP = 'outbound|9080||productpage.default.svc.cluster.local';
const ACME = 'outbound|8089||cert-manager-resolver.istio-system.svc.cluster.local';
const REVIEWS = 'outbound|9080||reviews.default.svc.cluster.local';
const DETAILS = 'outbound|9080||details.default.svc.cluster.local';

/** Every domain of the route config appears once (Envoy: "Only unique values for domains are permitted"). */
function expectUniqueDomains(rc: RouteConfiguration | undefined): void {
  const domains = (rc?.virtual_hosts ?? []).flatMap((v) => v.domains ?? []);
  expect(domains.length).toBeGreaterThan(0);
  expect(new Set(domains).size).toBe(domains.length);
}

/** Two Gateways on port 80 of the ingress gateway, both serving shop.example.com and docs.example.com. */
const SHARED_PORT = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: alpha, namespace: default }
spec:
  selector: { istio: ingressgateway }
  servers: [{ port: { number: 80, name: http, protocol: HTTP }, hosts: [shop.example.com, docs.example.com] }]
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: beta, namespace: default }
spec:
  selector: { istio: ingressgateway }
  servers: [{ port: { number: 80, name: http, protocol: HTTP }, hosts: ["*.example.com"] }]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: shop-alpha, namespace: default }
spec:
  hosts: [shop.example.com]
  gateways: [alpha]
  http:
  - route: [{ destination: { host: productpage, port: { number: 9080 } } }]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: shop-beta, namespace: default }
spec:
  hosts: [shop.example.com]
  gateways: [beta]
  http:
  - match: [{ uri: { prefix: /reviews } }]
    route: [{ destination: { host: reviews, port: { number: 9080 } } }]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: docs, namespace: default }
spec:
  hosts: [docs.example.com, help.example.com]
  gateways: [beta]
  http:
  - route: [{ destination: { host: details, port: { number: 9080 } } }]
`;

describe('gateway virtual hosts merged per hostname', () => {
  it('bookinfo-gateway + certmanager-gateway: one `*` virtual host on http.8080 with both routes', async () => {
    const w = await world(['bookinfo-gateway.yaml', 'certmanager-gateway.yaml']);
    const rcs = buildRoutes(ingress, w.push, w.sink);
    expectEncodable(rcs);
    expect(rcs.map((r) => r.name)).toEqual(['http.8080']);
    const rc = rcs[0];
    expectUniqueDomains(rc);
    // Named after the first server processed: bookinfo-gateway's (port 8080) comes before cert-manager-gateway's.
    expect(rc?.virtual_hosts?.map((v) => [v.name, v.domains, v.routes?.length])).toEqual([
      ['*:8080', ['*'], 6],
    ]);
    const send8080 = (path: string) =>
      send(rcs, 'http.8080', { authority: 'bookinfo.example.com', path }).outcome;
    expect(send8080('/productpage')).toBe(PP);
    expect(send8080('/static/app.js')).toBe(PP);
    expect(send8080('/.well-known/acme-challenge/token')).toBe(ACME);
    expect(send8080('/')).toBe('none');
  });

  it('two Gateways on one port: one virtual host per hostname, routes of both, identical ones collapsed', async () => {
    const w = await world([], [SHARED_PORT]);
    const rcs = buildRoutes(ingress, w.push, w.sink);
    expectEncodable(rcs);
    expect(rcs.map((r) => r.name)).toEqual(['http.8080']);
    const rc = rcs[0];
    expectUniqueDomains(rc);
    expect(rc?.virtual_hosts?.map((v) => [v.name, v.domains, v.routes?.map((r) => r.match?.prefix)])).toEqual(
      [
        // docs and help (both through beta) carry the very same routes of VirtualService docs: one virtual host.
        ['docs.example.com:80', ['docs.example.com', 'help.example.com'], ['/']],
        // alpha's catch-all for shop, then beta's /reviews appended; the catch-all moves last (SortVHostRoutes).
        ['shop.example.com:80', ['shop.example.com'], ['/reviews', '/']],
      ],
    );
    const to = (authority: string, path: string) => send(rcs, 'http.8080', { authority, path }).outcome;
    expect(to('shop.example.com', '/reviews/1')).toBe(REVIEWS);
    expect(to('shop.example.com', '/cart')).toBe(PP);
    expect(to('help.example.com', '/faq')).toBe(DETAILS);
    expect(to('docs.example.com', '/faq')).toBe(DETAILS);
    expect(to('other.example.com', '/')).toBe('none');
  });

  it('httpsRedirect: hosts without VirtualService get a redirect-only virtual host, as istiod keys them', async () => {
    const w = await world(
      [],
      [
        `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: redirect, namespace: istio-system }
spec:
  selector: { istio: ingressgateway }
  servers:
  - port: { number: 80, name: http, protocol: HTTP }
    hosts: [Secure.example.com, "*/shop.example.com", default/legacy.example.com]
    tls: { httpsRedirect: true }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: legacy, namespace: default }
spec:
  hosts: [legacy.example.com, shop.example.com]
  gateways: [istio-system/redirect]
  http:
  - route: [{ destination: { host: productpage, port: { number: 9080 } } }]
`,
      ],
    );
    const rcs = buildRoutes(ingress, w.push, w.sink);
    expectEncodable(rcs);
    expectUniqueDomains(rcs[0]);
    expect(
      rcs[0]?.virtual_hosts?.map((v) => [v.name, v.domains, v.require_tls, v.routes?.length ?? 0]),
    ).toEqual([
      // `default/legacy.example.com` as written never finds the virtual host of its VirtualService (istiod 1.30);
      // its redirect-only virtual host and Secure.example.com's (lower-cased) have the same (no) routes, so
      // collapseDuplicateRoutes makes them one, named after the more specific (longer) hostname.
      ['default/legacy.example.com:80', ['default/legacy.example.com', 'secure.example.com'], 'ALL', 0],
      // legacy and shop carry the same routes: collapsed, shop's `*/` prefix dropped so it is found and redirected.
      ['legacy.example.com:80', ['legacy.example.com', 'shop.example.com'], 'ALL', 1],
    ]);
  });

  it('builds a VirtualService again for a later server when the first got no route from it (port match)', async () => {
    const w = await world(
      [],
      [
        `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: ports, namespace: default }
spec:
  selector: { istio: ingressgateway }
  servers:
  - { port: { number: 80, name: http, protocol: HTTP }, hosts: [api.example.com] }
  - { port: { number: 8080, name: http-alt, protocol: HTTP }, hosts: [api.example.com] }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: api, namespace: default }
spec:
  hosts: [api.example.com]
  gateways: [ports]
  http:
  - match: [{ port: 8080 }]
    route: [{ destination: { host: details, port: { number: 9080 } } }]
`,
      ],
    );
    const rcs = buildRoutes(ingress, w.push, w.sink);
    expectEncodable(rcs);
    // Server 80 (listening on 8080 too) gets no route from the port-8080 match; server 8080 does.
    expect(rcs.map((r) => [r.name, r.virtual_hosts?.map((v) => [v.name, v.routes?.length])])).toEqual([
      ['http.8080', [['api.example.com:8080', 1]]],
    ]);
    expect(send(rcs, 'http.8080', { authority: 'api.example.com', path: '/x' }).outcome).toBe(DETAILS);
  });

  it('processes Gateways oldest first, then by name then namespace, as istiod orders them', async () => {
    const gateway = (
      name: string,
      ns: string,
      port: number,
      created?: string,
    ) => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: ${name}, namespace: ${ns}${created === undefined ? '' : `, creationTimestamp: "${created}"`} }
spec:
  selector: { istio: ingressgateway }
  servers: [{ port: { number: ${port}, name: http, protocol: HTTP }, hosts: ["*/www.example.com"] }]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: www-${name}, namespace: ${ns} }
spec:
  hosts: [www.example.com]
  gateways: [${ns}/${name}]
  http:
  - match: [{ uri: { prefix: /${name} } }]
    route: [{ destination: { host: details.default.svc.cluster.local, port: { number: 9080 } } }]
`;
    const vhostOf = async (docs: string[]) => {
      const w = await world([], docs);
      const [rc] = buildRoutes(ingress, w.push, w.sink);
      return rc?.virtual_hosts?.map((v) => [v.name, v.routes?.map((r) => r.match?.prefix)]);
    };
    // By name before namespace: `alpha` (namespace zz, port 8080) before `zeta` (namespace aa, port 80).
    expect(await vhostOf([gateway('zeta', 'default', 80), gateway('alpha', 'istio-system', 8080)])).toEqual([
      ['www.example.com:8080', ['/alpha', '/zeta']],
    ]);
    // An older Gateway comes first whatever its name.
    expect(
      await vhostOf([
        gateway('zeta', 'default', 80, '2024-01-01T00:00:00Z'),
        gateway('alpha', 'istio-system', 8080, '2025-01-01T00:00:00Z'),
      ]),
    ).toEqual([['www.example.com:80', ['/zeta', '/alpha']]]);
  });

  it('copies routes shared by two virtual hosts, so no two resources share a mutable object', async () => {
    const w = await world([], [SHARED_PORT]);
    const [rc] = buildRoutes(ingress, w.push, w.sink);
    const routes = (rc?.virtual_hosts ?? []).flatMap((v) => v.routes ?? []);
    expect(new Set(routes).size).toBe(routes.length);
  });
});
