// Gateway API PathPrefix under istiod's gateway semantics (route.go TranslateRouteMatch, 1.30): a converted
// VirtualService's prefix other than `/` becomes `path_separated_prefix` (trailing `/` trimmed), so `/static` takes
// `/static` and `/static/x` but no longer `/staticfoo`; the decorator has no case for it (`<host>:<port>/*`). A plain
// Istio VirtualService keeps its `prefix`.
import type { Route } from '@minimesh/model';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/simulate/simulate.js';
import type { SimulatedCall, SimulationResult } from '../../src/simulate/types.js';
import { BOOKINFO, BOOKINFO_GATEWAY, expectEncodes, gatewayProxy, translated } from './helpers.js';

const GW = gatewayProxy('bookinfo-gateway');
const BASE = [...BOOKINFO, BOOKINFO_GATEWAY];
const PP = 'outbound|9080||productpage.default.svc.cluster.local';

/** An HTTPRoute on bookinfo-gateway for docs.example.com: PathPrefix `/docs/` (trailing slash) and `/`. */
const DOCS_ROUTE = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: docs, namespace: default }
spec:
  parentRefs: [{ name: bookinfo-gateway }]
  hostnames: [docs.example.com]
  rules:
  - matches: [{ path: { type: PathPrefix, value: /docs/ } }]
    backendRefs: [{ name: details, port: 9080 }]
  - matches: [{ path: { type: PathPrefix, value: / } }]
    backendRefs: [{ name: productpage, port: 9080 }]
`;
const DETAILS = 'outbound|9080||details.default.svc.cluster.local';

interface Row {
  readonly path: string;
  readonly host?: string;
  readonly outcome: SimulationResult['outcome'];
  readonly cluster?: string;
}

const rows: Row[] = [
  { path: '/static/x', outcome: 'routed', cluster: PP },
  { path: '/static', outcome: 'routed', cluster: PP },
  { path: '/static/', outcome: 'routed', cluster: PP },
  { path: '/static?v=1', outcome: 'routed', cluster: PP },
  { path: '/staticfoo', outcome: 'no_route' },
  { path: '/static.css', outcome: 'no_route' },
  { path: '/api/v1/products/0', outcome: 'routed', cluster: PP },
  { path: '/api/v1/productsX', outcome: 'no_route' },
  // `/docs/` is trimmed to `/docs`; anything else of docs.example.com falls to its PathPrefix `/` rule.
  { host: 'docs.example.com', path: '/docs', outcome: 'routed', cluster: DETAILS },
  { host: 'docs.example.com', path: '/docs/a/b', outcome: 'routed', cluster: DETAILS },
  { host: 'docs.example.com', path: '/docsearch', outcome: 'routed', cluster: PP },
];

describe('Gateway API PathPrefix -> path_separated_prefix', () => {
  it.each(rows)('$host$path -> $outcome $cluster', async (row) => {
    const t = await translated(GW, BASE, [DOCS_ROUTE]);
    const call: SimulatedCall = { port: 80, host: row.host ?? 'bookinfo.example.com', path: row.path };
    const r = simulate(t, call);
    const shown = JSON.stringify(r, null, 1);
    expect(r.outcome, shown).toBe(row.outcome);
    if (row.cluster !== undefined) expect(r.cluster, shown).toBe(row.cluster);
    if (row.outcome === 'no_route') expect(r, shown).toMatchObject({ status: 404, responseFlag: 'NR' });
  });

  it('writes path_separated_prefix without the trailing slash, keeps prefix `/`, decorates with `/*`', async () => {
    const t = await translated(GW, BASE, [DOCS_ROUTE]);
    expectEncodes(t);
    const rc = t.routes.find((r) => r.name === 'http.80');
    const routes = (host: string): Route[] =>
      rc?.virtual_hosts?.find((v) => v.domains?.includes(host))?.routes ?? [];
    const shape = (r: Route) => ({
      match: { path: r.match?.path, prefix: r.match?.prefix, sep: r.match?.path_separated_prefix },
      op: r.decorator?.operation,
    });
    expect(routes('docs.example.com').map(shape)).toEqual([
      { match: { sep: '/docs' }, op: 'details.default.svc.cluster.local:9080/*' },
      { match: { prefix: '/' }, op: 'productpage.default.svc.cluster.local:9080/*' },
    ]);
    const bookinfo = routes('*').map(shape);
    expect(bookinfo).toContainEqual({
      match: { sep: '/static' },
      op: 'productpage.default.svc.cluster.local:9080/*',
    });
    expect(bookinfo).toContainEqual({
      match: { path: '/login' },
      op: 'productpage.default.svc.cluster.local:9080/login',
    });
    expect(bookinfo.some((r) => r.match.prefix !== undefined)).toBe(false);
  });
});
