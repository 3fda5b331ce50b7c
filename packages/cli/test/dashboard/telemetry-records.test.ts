// Access log entries -> RequestRecords: what each field comes from, who reported it, the two ends as the mesh
// directory names them (bookinfo planned as `mesh dev` plans it), the ring bound and takeNew's bound.
import { describe, expect, it } from 'vitest';
import { parseClusterName } from '../../src/dashboard/telemetry/cluster-name.js';
import { buildMeshDirectory } from '../../src/dashboard/telemetry/mesh-directory.js';
import { formatResponseFlags, RESPONSE_FLAG_CODES } from '../../src/dashboard/telemetry/response-flags.js';
import { Telemetry } from '../../src/dashboard/telemetry/telemetry.js';
import {
  batch,
  bookinfo,
  entries,
  entry,
  INBOUND,
  PRODUCTPAGE,
  REVIEWS,
  REVIEWS_V1,
  T0,
} from './telemetry-fixtures.js';

const info = bookinfo();
const directory = buildMeshDirectory(info.plan, info.addresses);
const node = (workload: string) => info.instance(workload).proxyId;

describe('buildMeshDirectory', () => {
  it('names every bookinfo workload and the built-in ingress gateway, one ref per workload', () => {
    const refs = directory.workloads();
    expect(
      refs.map((r) => `${r.kind} ${r.namespace}/${r.workload} ${r.app} ${r.version ?? '-'}`).sort(),
    ).toEqual([
      'gateway istio-system/istio-ingressgateway istio-ingressgateway -',
      'workload default/details-v1 details v1',
      'workload default/productpage-v1 productpage v1',
      'workload default/ratings-v1 ratings v1',
      'workload default/reviews-v1 reviews v1',
      'workload default/reviews-v2 reviews v2',
      'workload default/reviews-v3 reviews v3',
    ]);
  });

  it('finds a proxy by node id, also under another domain suffix (by its pod IP)', () => {
    const w = info.instance('reviews-v2');
    expect(directory.node(w.proxyId)).toMatchObject({
      kind: 'workload',
      workload: 'reviews-v2',
      pod: w.podName,
    });
    const other = `sidecar~${w.address}~${w.podName}.default~default.svc.example.org`;
    expect(directory.node(other)?.workload).toBe('reviews-v2');
    expect(directory.node('sidecar~10.9.9.9~x.default~default.svc.cluster.local')).toBeUndefined();
    expect(directory.node('not-a-node-id')).toBeUndefined();
  });

  it('finds the workload at a local inbound port, app port, gateway port and pod address', () => {
    expect(directory.endpoint(info.inbound('ratings-v1'))?.workload).toBe('ratings-v1');
    expect(directory.endpoint(info.app('ratings-v1'))?.workload).toBe('ratings-v1');
    expect(directory.endpoint(`${info.instance('details-v1').address}:9080`)?.workload).toBe('details-v1');
    expect(directory.endpoint('127.0.0.1:8080')).toMatchObject({
      kind: 'gateway',
      workload: 'istio-ingressgateway',
    });
    expect(directory.endpoint('127.0.0.1:1')).toBeUndefined();
  });
});

describe('response flags and cluster names', () => {
  it('prints flags in Envoy order, `-` for none, UAEX for an unauthorized reason', () => {
    expect(formatResponseFlags(undefined)).toBe('-');
    expect(formatResponseFlags({})).toBe('-');
    expect(formatResponseFlags({ fault_injected: true, no_healthy_upstream: true })).toBe('UH,FI');
    expect(
      formatResponseFlags({ unauthorized_details: { reason: 'EXTERNAL_SERVICE' }, rate_limited: true }),
    ).toBe('RL,UAEX');
    expect(formatResponseFlags({ unauthorized_details: {} })).toBe('-');
    expect(RESPONSE_FLAG_CODES).toHaveLength(28);
  });

  it('parses Istio cluster names', () => {
    expect(parseClusterName(REVIEWS_V1)).toEqual({
      direction: 'outbound',
      host: 'reviews.default.svc.cluster.local',
      port: 9080,
      subset: 'v1',
    });
    expect(parseClusterName(INBOUND)).toEqual({ direction: 'inbound', port: 9080 });
    expect(parseClusterName('PassthroughCluster').direction).toBe('passthrough');
    expect(parseClusterName('BlackHoleCluster').direction).toBe('blackhole');
    expect(parseClusterName('xds-grpc').direction).toBe('other');
  });
});

describe('Telemetry records', () => {
  const versions = (t: number) => (t < T0 + 5000 ? 1 : 2);

  it('makes a source-reported record from a sidecar outbound entry, every field from the codec form', () => {
    const t = new Telemetry(() => directory, versions);
    const e = entry({
      startMs: T0 + 6250,
      durationMs: 12.5,
      cluster: REVIEWS_V1,
      upstream: info.inbound('reviews-v1'),
      route: 'reviews.default.svc.cluster.local:9080',
      requestId: 'req-1',
      headers: { 'end-user': 'jason' },
      details: 'via_upstream',
      flags: { fault_injected: true, delay_injected: true },
    });
    t.ingest(
      { node: { id: node('productpage-v1') }, logName: 'http_envoy_accesslog' },
      batch([e], node('productpage-v1')),
    );
    const [r] = t.requests();
    expect(r).toEqual({
      id: 1,
      time: T0 + 6250,
      reporter: 'source',
      proxy: node('productpage-v1'),
      source: directory.node(node('productpage-v1')),
      destination: directory.endpoint(info.inbound('reviews-v1')),
      service: 'reviews.default.svc.cluster.local',
      method: 'GET',
      path: '/reviews/0',
      authority: 'reviews:9080',
      protocol: 'HTTP/1.1',
      status: 200,
      durationMs: 12.5,
      flags: 'DI,FI',
      responseCodeDetails: 'via_upstream',
      route: 'reviews.default.svc.cluster.local:9080',
      cluster: REVIEWS_V1,
      endpoint: info.inbound('reviews-v1'),
      requestId: 'req-1',
      headers: { 'end-user': 'jason' },
      configVersion: 2,
    });
    expect(r?.destination).toMatchObject({
      kind: 'workload',
      workload: 'reviews-v1',
      app: 'reviews',
      version: 'v1',
    });
    expect(t.request(1)).toBe(r);
  });

  it('makes a destination-reported record from an inbound entry: the reporter is the destination', () => {
    const t = new Telemetry(() => directory, versions);
    const e = entry({ startMs: T0, cluster: INBOUND, upstream: info.app('ratings-v1'), status: 0 });
    t.ingest({ node: { id: node('ratings-v1') } }, batch([e]));
    const [r] = t.requests();
    expect(r).toMatchObject({ reporter: 'destination', status: 0, flags: '-', configVersion: 1 });
    expect(r?.destination.workload).toBe('ratings-v1');
    expect(r?.source).toMatchObject({ kind: 'unknown', workload: 'unknown' });
    expect(r?.service).toBeUndefined();
  });

  it("names the client of a destination-reported entry by its request id, when the client's entry came first", () => {
    const t = new Telemetry(() => directory, versions);
    const out = entry({
      startMs: T0,
      cluster: REVIEWS_V1,
      upstream: info.inbound('reviews-v1'),
      requestId: 'req-7',
    });
    t.ingest({ node: { id: node('productpage-v1') } }, batch([out]));
    const inbound = (id: string) =>
      entry({ startMs: T0 + 1, cluster: INBOUND, upstream: info.app('reviews-v1'), requestId: id });
    t.ingest({ node: { id: node('reviews-v1') } }, batch([inbound('req-7'), inbound('req-8')]));
    const [, matched, other] = t.requests();
    expect(matched).toMatchObject({ reporter: 'destination', requestId: 'req-7' });
    expect(matched?.source.workload).toBe('productpage-v1');
    expect(matched?.destination.workload).toBe('reviews-v1');
    expect(other?.source.workload).toBe('unknown');
  });

  it('names the gateway as the source of its requests, and passthrough and unknown hosts as external', () => {
    const t = new Telemetry(() => directory, versions);
    const gw = node('istio-ingressgateway');
    t.ingest(
      { node: { id: gw } },
      batch([entry({ startMs: T0, cluster: PRODUCTPAGE, upstream: info.inbound('productpage-v1') })]),
    );
    const outside = [
      entry({
        startMs: T0,
        cluster: 'PassthroughCluster',
        upstream: '93.184.216.34:443',
        authority: 'example.com:443',
      }),
      entry({
        startMs: T0,
        cluster: 'outbound|443||api.example.org',
        upstream: '10.1.2.3:443',
        authority: 'api',
      }),
      entry({ startMs: T0, status: 404, authority: 'nowhere', flags: { no_route_found: true } }),
    ];
    t.ingest({ node: { id: node('details-v1') } }, batch(outside));
    const [viaGateway, passthrough, serviceEntry, noRoute] = t.requests();
    expect(viaGateway?.source).toMatchObject({ kind: 'gateway', workload: 'istio-ingressgateway' });
    expect(viaGateway?.destination.workload).toBe('productpage-v1');
    expect(passthrough?.destination).toEqual({
      kind: 'external',
      namespace: '',
      workload: 'example.com',
      app: 'example.com',
    });
    expect(serviceEntry?.destination).toMatchObject({ kind: 'external', workload: 'api.example.org' });
    expect(serviceEntry?.service).toBe('api.example.org');
    expect(noRoute).toMatchObject({ flags: 'NR', status: 404, destination: { kind: 'unknown' } });
    expect(noRoute?.cluster).toBeUndefined();
  });

  it('gives a request that reached no host the workload its cluster was served by, when that is one', () => {
    const t = new Telemetry(() => directory, versions);
    const pp = { node: { id: node('productpage-v1') } };
    t.ingest(pp, batch([entry({ startMs: T0, cluster: REVIEWS_V1, upstream: info.inbound('reviews-v1') })]));
    t.ingest(
      pp,
      batch([entry({ startMs: T0, cluster: REVIEWS_V1, status: 500, flags: { fault_injected: true } })]),
    );
    // The unsubsetted cluster was served by two workloads: no single one to name.
    t.ingest(pp, batch([entry({ startMs: T0, cluster: REVIEWS, upstream: info.inbound('reviews-v1') })]));
    t.ingest(pp, batch([entry({ startMs: T0, cluster: REVIEWS, upstream: info.inbound('reviews-v2') })]));
    t.ingest(
      pp,
      batch([entry({ startMs: T0, cluster: REVIEWS, status: 503, flags: { no_healthy_upstream: true } })]),
    );
    const r = t.requests();
    expect(r[1]?.destination.workload).toBe('reviews-v1');
    expect(r[4]?.destination).toMatchObject({
      kind: 'external',
      workload: 'reviews.default.svc.cluster.local',
    });
  });

  it('takes node ids from the first message identifier when the stream has none, and ignores TCP batches', () => {
    const t = new Telemetry(() => directory, versions);
    const m = batch(
      [entry({ startMs: T0, cluster: REVIEWS_V1, upstream: info.inbound('reviews-v1') })],
      node('productpage-v1'),
    );
    t.ingest({}, m);
    t.ingest({}, { tcp_logs: { log_entry: [{ common_properties: { upstream_cluster: 'x' } }] } });
    expect(t.requests()).toHaveLength(1);
    expect(t.requests()[0]?.source.workload).toBe('productpage-v1');
  });

  it('keeps the newest logSize records, oldest first', () => {
    const t = new Telemetry(() => directory, versions, { logSize: 5 });
    t.ingest(
      { node: { id: node('productpage-v1') } },
      batch(
        entries(8, { startMs: T0, stepMs: 10, cluster: REVIEWS_V1, upstream: info.inbound('reviews-v1') }),
      ),
    );
    expect(t.requests().map((r) => r.id)).toEqual([4, 5, 6, 7, 8]);
    expect(t.requests().map((r) => r.time)).toEqual([30, 40, 50, 60, 70].map((d) => T0 + d));
    expect(t.request(3)).toBeUndefined();
    expect(t.request(4)?.id).toBe(4);
    expect(t.request(9)).toBeUndefined();
  });

  it('takeNew gives the newest maxRecordsPerTake records since the last call and counts the rest dropped', () => {
    const t = new Telemetry(() => directory, versions, { maxRecordsPerTake: 3, logSize: 100 });
    const pp = { node: { id: node('productpage-v1') } };
    expect(t.takeNew()).toEqual({ records: [], dropped: 0 });
    t.ingest(
      pp,
      batch(entries(7, { startMs: T0, cluster: REVIEWS_V1, upstream: info.inbound('reviews-v1') })),
    );
    const first = t.takeNew();
    expect(first.records.map((r) => r.id)).toEqual([5, 6, 7]);
    expect(first.dropped).toBe(4);
    expect(t.takeNew()).toEqual({ records: [], dropped: 0 });
    t.ingest(
      pp,
      batch(entries(2, { startMs: T0, cluster: REVIEWS_V1, upstream: info.inbound('reviews-v1') })),
    );
    expect(t.takeNew()).toMatchObject({ records: [{ id: 8 }, { id: 9 }], dropped: 0 });
  });
});
