// The decision trace of recorded requests over examples/bookinfo: the version live at the request's time, the
// weighted pick landing where the request went, the matched VirtualService match at its file:line, endpoints named
// by pod, a destination-reported request through the inbound listener, and what it cannot trace.
import { describe, expect, it } from 'vitest';
import { ConfigHistory } from '../../src/dashboard/config/config-history.js';
import { decisionTrace } from '../../src/dashboard/config/decision-trace.js';
import { TraceError } from '../../src/dashboard/config/trace-error.js';
import {
  ALL_V1,
  DR_ALL,
  load,
  MANIFESTS,
  nodeIdOf,
  reviews,
  reviewsRecord,
  SHIFT_50,
  TEST_V2,
} from './config-fixtures.js';

describe('decisionTrace', () => {
  it('traces a request under the 50/50 shift to the subset it took, on the version live then', async () => {
    const v1 = await load(MANIFESTS, DR_ALL, ALL_V1);
    const v2 = await load(MANIFESTS, DR_ALL, SHIFT_50);
    const history = new ConfigHistory();
    history.record(1, 1_000, v1);
    history.record(2, 2_000, v2);
    const pp = nodeIdOf(v2, 'productpage-v1');
    for (const subset of ['v1', 'v3']) {
      const t = decisionTrace(reviewsRecord(pp, reviews(subset), 2_500), history);
      expect(t.configVersion).toBe(2);
      expect(t.exactVersion).toBe(true);
      expect(t.result.outcome).toBe('routed');
      expect(t.result.cluster).toBe(reviews(subset));
      expect(t.result.weighted?.clusters.map((c) => c.weight)).toEqual([50, 50]);
      expect(t.call.port).toBe(9080);
      expect(t.matched).toMatchObject({
        kind: 'VirtualService',
        namespace: 'default',
        name: 'reviews',
        file: SHIFT_50,
        line: 11,
        field: 'spec.http[0]',
      });
      const pods = Object.values(t.endpointWorkloads);
      expect(pods.length).toBeGreaterThan(0);
      for (const pod of pods) expect(pod.startsWith(`reviews-${subset}`)).toBe(true);
    }
    // Before the shift (version 1: all to v1) the same request has no weighted pick.
    const old = decisionTrace(reviewsRecord(pp, reviews('v1'), 1_500), history);
    expect(old.configVersion).toBe(1);
    expect(old.result.weighted).toBeUndefined();
    expect(old.result.cluster).toBe(reviews('v1'));
    expect(old.matched?.file).toBe(ALL_V1);
  });

  it("traces jason's request through the header route to v2, naming http[0].match[0] at its line", async () => {
    const resources = await load(MANIFESTS, DR_ALL, TEST_V2);
    const history = new ConfigHistory();
    history.record(3, 1_000, resources);
    const pp = nodeIdOf(resources, 'productpage-v1');
    const jason = decisionTrace(
      reviewsRecord(pp, reviews('v2'), 5_000, { headers: { 'end-user': 'jason' } }),
      history,
    );
    expect(jason.result.cluster).toBe(reviews('v2'));
    expect(jason.call.headers).toEqual({ 'end-user': 'jason' });
    expect(jason.matched).toMatchObject({ file: TEST_V2, field: 'spec.http[0].match[0]', line: 12 });
    const other = decisionTrace(reviewsRecord(pp, reviews('v1'), 5_000), history);
    expect(other.result.cluster).toBe(reviews('v1'));
    expect(other.matched).toMatchObject({ file: TEST_V2, field: 'spec.http[1]' });
    expect(other.result.trace.join('\n')).toContain('end-user');
  });

  it("traces a request to the ingress gateway on its listener port to productpage's pod", async () => {
    const resources = await load(MANIFESTS, DR_ALL, ALL_V1);
    const history = new ConfigHistory();
    history.record(1, 0, resources);
    const gw = nodeIdOf(resources, 'istio-ingressgateway');
    expect(gw.startsWith('router~')).toBe(true);
    const cluster = 'outbound|9080||productpage.default.svc.cluster.local';
    const t = decisionTrace(
      reviewsRecord(gw, cluster, 10, { authority: '127.0.0.1:31080', path: '/productpage' }),
      history,
    );
    expect(t.call).toMatchObject({ port: 8080, proxyType: 'router', host: '127.0.0.1:31080' });
    expect(t.result).toMatchObject({ outcome: 'routed', cluster });
    expect(t.matched).toMatchObject({
      kind: 'VirtualService',
      name: 'bookinfo',
      field: 'spec.http[0].match[0]',
    });
    expect(Object.values(t.endpointWorkloads)[0]).toMatch(/^productpage-v1/);
    // The fifth match of the route (prefix /api/v1/products), at its line in bookinfo-gateway.yaml.
    const api = decisionTrace(
      reviewsRecord(gw, cluster, 10, { authority: 'bookinfo.example', path: '/api/v1/products/0/reviews' }),
      history,
    );
    expect(api.call.port).toBe(8080);
    expect(api.result.cluster).toBe(cluster);
    expect(api.matched).toMatchObject({ field: 'spec.http[0].match[4]', line: 37 });
    expect(api.matched?.file).toMatch(/bookinfo-gateway\.yaml$/);
  });

  it('uses the newest version when the one live then is no longer kept', async () => {
    const resources = await load(MANIFESTS, DR_ALL, SHIFT_50);
    const history = new ConfigHistory(1);
    history.record(1, 1_000, await load(MANIFESTS));
    history.record(2, 2_000, resources);
    expect(history.at(1)).toBeUndefined();
    const t = decisionTrace(
      reviewsRecord(nodeIdOf(resources, 'productpage-v1'), reviews('v3'), 1_500),
      history,
    );
    expect(t.exactVersion).toBe(false);
    expect(t.configVersion).toBe(2);
    expect(t.result.cluster).toBe(reviews('v3'));
  });

  it('traces a destination-reported request through the inbound listener of its sidecar', async () => {
    const resources = await load(MANIFESTS, DR_ALL);
    const history = new ConfigHistory();
    history.record(1, 0, resources);
    const node = nodeIdOf(resources, 'reviews-v1');
    const t = decisionTrace(reviewsRecord(node, 'inbound|9080||', 100, { reporter: 'destination' }), history);
    // The inbound cluster is ORIGINAL_DST: the simulator calls that passthrough to the pod's own address.
    expect(t.result.outcome).toBe('passthrough');
    expect(t.result.cluster).toBe('inbound|9080||');
    expect(t.result.listener).toBe('virtualInbound');
    expect(t.result.filterChain).toBe('0.0.0.0_9080');
    expect(t.call).toMatchObject({ port: 9080, direction: 'inbound' });
    expect(Object.values(t.endpointWorkloads)[0]).toMatch(/^reviews-v1/);
  });

  it('throws TraceError with a code for what it cannot trace', async () => {
    const history = new ConfigHistory();
    const record = reviewsRecord(
      'sidecar~10.0.0.1~ghost-1.default~default.svc.cluster.local',
      reviews('v1'),
      1,
    );
    expect(() => decisionTrace(record, history)).toThrow(
      expect.objectContaining({ code: 'TRACE_NO_CONFIG' }),
    );
    history.record(1, 0, await load(MANIFESTS));
    expect(() => decisionTrace(record, history)).toThrow(TraceError);
    expect(() => decisionTrace(record, history)).toThrow(/ghost-1\.default/);
    expect(() => decisionTrace({ ...record, proxy: 'not-a-node' }, history)).toThrow(
      expect.objectContaining({ code: 'TRACE_PROXY' }),
    );
    const inbound = {
      ...record,
      proxy: nodeIdOf(history.at(1) ?? [], 'reviews-v1'),
      reporter: 'destination' as const,
      cluster: 'x',
      authority: 'reviews',
    };
    expect(() => decisionTrace(inbound, history)).toThrow(expect.objectContaining({ code: 'TRACE_INBOUND' }));
  });
});
