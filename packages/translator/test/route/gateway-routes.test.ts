import { toProto3Json } from '@minimesh/model';
import { describe, expect, it } from 'vitest';
import { buildRoutes } from '../../src/route/build-routes.js';
import { ingress, productpage, world } from './fixtures.js';
import { expectEncodable, send } from './helpers.js';

const PP = 'outbound|9080||productpage.default.svc.cluster.local';

const rows: { path: string; expected: string }[] = [
  { path: '/productpage', expected: PP },
  { path: '/productpage?u=normal', expected: PP },
  { path: '/static/css/x.css', expected: PP },
  { path: '/login', expected: PP },
  { path: '/logout', expected: PP },
  { path: '/api/v1/products/0/reviews', expected: PP },
  { path: '/productpage/more', expected: 'none' },
  { path: '/', expected: 'none' },
  { path: '/admin', expected: 'none' },
];

describe('gateway http.8080 from bookinfo-gateway.yaml', () => {
  it.each(rows)('$path -> $expected', async ({ path, expected }) => {
    const w = await world(['bookinfo-gateway.yaml']);
    const rcs = buildRoutes(ingress, w.push, w.sink);
    expectEncodable(rcs);
    expect(rcs.map((r) => r.name)).toEqual(['http.8080']);
    expect(send(rcs, 'http.8080', { authority: 'bookinfo.example.com', path }).outcome).toBe(expected);
    expect(w.sink.list()).toEqual([]);
  });

  it('names the virtual host *:8080 and keeps the VirtualService routes in order', async () => {
    const w = await world(['bookinfo-gateway.yaml']);
    const [rc] = buildRoutes(ingress, w.push, w.sink);
    expect(rc?.virtual_hosts?.map((v) => [v.name, v.domains])).toEqual([['*:8080', ['*']]]);
    expect(rc?.virtual_hosts?.[0]?.routes?.map((r) => r.decorator?.operation)).toEqual([
      'productpage.default.svc.cluster.local:9080/productpage',
      'productpage.default.svc.cluster.local:9080/static*',
      'productpage.default.svc.cluster.local:9080/login',
      'productpage.default.svc.cluster.local:9080/logout',
      'productpage.default.svc.cluster.local:9080/api/v1/products*',
    ]);
  });

  it('matches its golden file', async () => {
    const w = await world(['bookinfo-gateway.yaml']);
    const rcs = buildRoutes(ingress, w.push, w.sink);
    const out = rcs.map((rc) => toProto3Json('envoy.config.route.v3.RouteConfiguration', rc));
    await expect(`${JSON.stringify(out, null, 2)}\n`).toMatchFileSnapshot(
      './__golden__/ingressgateway-routes.json',
    );
  });

  it('is not used by sidecars (gateways: [bookinfo-gateway] only)', async () => {
    const w = await world(['bookinfo-gateway.yaml']);
    const rcs = buildRoutes(productpage, w.push, w.sink);
    expect(send(rcs, '9080', { authority: 'productpage:9080', path: '/productpage' }).outcome).toBe(PP);
    expect(send(rcs, '9080', { authority: 'productpage:9080' }).result.matched?.name).toBe('default');
  });
});

const GW80 = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: gw80, namespace: istio-system }
spec:
  selector: { istio: ingressgateway }
  servers:
  - port: { number: 80, name: http, protocol: HTTP }
    hosts: ["default/*.example.com"]
  - port: { number: 443, name: https, protocol: HTTPS }
    hosts: ["*"]
    tls: { mode: SIMPLE, credentialName: bookinfo-cert }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: bookinfo80, namespace: default }
spec:
  hosts: [bookinfo.example.com]
  gateways: [istio-system/gw80]
  http:
  - match: [{ uri: { prefix: /reviews }, gateways: [istio-system/gw80] }]
    route: [{ destination: { host: reviews, port: { number: 9080 } } }]
  - match: [{ uri: { prefix: /mesh-only }, gateways: [mesh] }]
    route: [{ destination: { host: ratings } }]
  - route: [{ destination: { host: productpage } }]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: elsewhere, namespace: other }
spec:
  hosts: [other.example.com]
  gateways: [istio-system/gw80]
  http:
  - route: [{ destination: { host: details.default.svc.cluster.local } }]
`;

describe('gateway server ports map to the Service targetPort', () => {
  it('serves port 80 as http.8080 with virtual host bookinfo.example.com:80', async () => {
    const w = await world([], [GW80]);
    const rcs = buildRoutes(ingress, w.push, w.sink);
    expectEncodable(rcs);
    expect(rcs.map((r) => r.name)).toEqual(['http.8080', 'https.443.https.gw80.istio-system']);
    const rc = rcs[0];
    // other/elsewhere is not bound: the server only admits VirtualServices of namespace default.
    expect(rc?.virtual_hosts?.map((v) => v.name)).toEqual(['bookinfo.example.com:80']);
    const req = (path: string) => send(rcs, 'http.8080', { authority: 'bookinfo.example.com', path }).outcome;
    expect(req('/reviews/1')).toBe('outbound|9080||reviews.default.svc.cluster.local');
    expect(req('/mesh-only')).toBe('outbound|9080||productpage.default.svc.cluster.local');
    expect(req('/')).toBe('outbound|9080||productpage.default.svc.cluster.local');
    expect(send(rcs, 'http.8080', { authority: 'other.example.com' }).outcome).toBe('none');
  });

  it('gives the HTTPS server its own route config with the VirtualServices bound to it', async () => {
    const w = await world([], [GW80]);
    const rc = buildRoutes(ingress, w.push, w.sink, ['https.443.https.gw80.istio-system'])[0];
    expect(rc?.virtual_hosts?.map((v) => v.name)).toEqual([
      'bookinfo.example.com:443',
      'other.example.com:443',
    ]);
  });

  it('gives a blackhole virtual host without routes (Envoy 404s) when no VirtualService binds the server', async () => {
    const w = await world([], [GW80.split('---')[0] ?? '']);
    const rcs = buildRoutes(ingress, w.push, w.sink);
    expect(rcs[0]?.virtual_hosts?.map((v) => v.name)).toEqual(['blackhole:80']);
    expect(rcs[0]?.virtual_hosts?.[0]?.routes).toEqual([]);
    expect(send(rcs, 'http.8080', { authority: 'x' }).outcome).toBe('none');
  });
});

describe('gateway virtual hosts', () => {
  it('appends the routes of every VirtualService of a host, catch-alls last, and redirects with httpsRedirect', async () => {
    const w = await world(
      [],
      [
        `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: gw, namespace: istio-system }
spec:
  selector: { istio: ingressgateway }
  servers:
  - port: { number: 80, name: http, protocol: HTTP }
    hosts: ["*/shop.example.com"]
    tls: { httpsRedirect: true }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: a-catchall, namespace: default }
spec:
  hosts: [shop.example.com]
  gateways: [istio-system/gw]
  http:
  - route: [{ destination: { host: productpage } }]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: b-reviews, namespace: default }
spec:
  hosts: [shop.example.com]
  gateways: [istio-system/gw]
  http:
  - match: [{ uri: { prefix: /reviews } }]
    route: [{ destination: { host: reviews } }]
`,
      ],
    );
    const rcs = buildRoutes(ingress, w.push, w.sink);
    expectEncodable(rcs);
    const vh = rcs[0]?.virtual_hosts?.[0];
    expect(vh?.require_tls).toBe('ALL');
    expect(vh?.routes?.map((r) => r.route?.cluster)).toEqual([
      'outbound|9080||reviews.default.svc.cluster.local',
      'outbound|9080||productpage.default.svc.cluster.local',
    ]);
  });
});
