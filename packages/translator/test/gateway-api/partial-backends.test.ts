// A rule whose backends partly dangle: the missing backend keeps its share of the weight and that share answers
// 500 (cluster_not_found_response_code INTERNAL_SERVER_ERROR on Gateway API routes, istiod's UseGatewaySemantics),
// while the rest reaches the existing backend. Istio VirtualServices keep Envoy's 503 for a missing cluster.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/simulate/simulate.js';
import { BOOKINFO, BOOKINFO_GATEWAY, gatewayProxy, translated } from './helpers.js';

const ROUTE = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: half, namespace: default }
spec:
  parentRefs: [{ name: bookinfo-gateway }]
  hostnames: [half.example.com]
  rules:
  - backendRefs:
    - { name: productpage, port: 9080, weight: 50 }
    - { name: nothing-here, port: 9080, weight: 50 }
`;
const call = (random: number) => ({ port: 80, host: 'half.example.com', path: '/', random });

describe('Gateway API rule with a missing backend among others', () => {
  it('sends the existing share to productpage and answers 500 with NC for the missing share', async () => {
    const t = await translated(gatewayProxy('bookinfo-gateway'), [...BOOKINFO, BOOKINFO_GATEWAY], [ROUTE]);
    const route = t.routes
      .flatMap((rc) => rc.virtual_hosts ?? [])
      .flatMap((vh) => vh.routes ?? [])
      .find((r) => r.route?.weighted_clusters !== undefined && JSON.stringify(r).includes('nothing-here'));
    expect(route?.route?.cluster_not_found_response_code).toBe('INTERNAL_SERVER_ERROR');
    const hit = simulate(t, call(10));
    expect(hit.outcome).toBe('routed');
    expect(hit.cluster).toBe('outbound|9080||productpage.default.svc.cluster.local');
    const miss = simulate(t, call(60));
    expect(miss).toMatchObject({ outcome: 'no_cluster', status: 500, responseFlag: 'NC' });
  });
});
