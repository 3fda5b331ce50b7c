// Config changes under load, nothing lost (issue 6): steady keep-alive load through two proxies in series (a
// client sidecar's outbound listener -> a server sidecar's inbound listeners -> node:http upstreams) while the
// control plane changes both proxies' config every 200 ms: the weights between two subsets shift, endpoints come
// and go (at least one per subset), a third subset cluster appears and is removed, a cluster's lb_policy
// changes (a new cluster runtime over the same hosts), routes are replaced, and the inbound listeners are
// re-sent with a change. Every request must be answered 200 by an upstream. Bounded: 8 clients, about 300
// requests/s, SOAK_SECONDS (default 10) of churn. The counts are printed and written to bench-results/soak.json.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import type { Cluster, ClusterLoadAssignment, Listener, RouteConfiguration } from '@minimesh/model';
import { SnapshotCache, XdsServer } from '@minimesh/xds-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningProxy, startProxy } from '../../src/index.js';
import { XdsType } from '../../src/xds/ads-method.js';
import { waitFor } from '../helpers/harness.js';
import {
  assignment,
  edsCluster,
  hcm,
  httpListener,
  routeConfig,
  routeTo,
  staticCluster,
  vhost,
} from '../helpers/resources.js';
import { startUpstream, type Upstream } from '../helpers/upstream.js';

const SOAK_SECONDS = Number(process.env.SOAK_SECONDS ?? 10);
const CHANGE_EVERY_MS = 200;
const CLIENTS = 8;
/** Pause between a client's requests, ms (8 clients: a few hundred requests/s on loopback). */
const PACE_MS = 10;

const CLIENT_NODE = 'sidecar~10.0.0.1~productpage-v1-abc.default~default.svc.cluster.local';
const SERVER_NODE = 'sidecar~10.0.0.2~reviews-v1-abc.default~default.svc.cluster.local';
/** The server sidecar's inbound LDS ports, one per upstream instance (each mapped to a free local port). */
const INBOUND = [9091, 9092, 9093, 9094] as const;
const SUBSET = (s: string) => `outbound|9080|${s}|reviews.default.svc.cluster.local`;
const TYPES = [XdsType.cluster, XdsType.endpoint, XdsType.listener, XdsType.route] as const;

/** A small deterministic generator, so a failing run can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A non-empty random subset of `items`. */
function someOf<T>(items: readonly T[], rnd: () => number): T[] {
  const out = items.filter(() => rnd() < 0.5);
  return out.length > 0 ? out : [items[Math.floor(rnd() * items.length)] as T];
}

let upstreams: Upstream[] = [];
let server: XdsServer;
let cache: SnapshotCache;
let client: RunningProxy;
let serverSide: RunningProxy;

/** The server sidecar at generation `gen`: an inbound listener per instance, its route re-sent with a change. */
function serverConfig(gen: number) {
  const clusters: Cluster[] = INBOUND.map((p, i) =>
    staticCluster(`inbound|${p}||`, [upstreams[i]?.port ?? 0]),
  );
  // The listener is re-sent with a change every other generation (its stat prefix), and every fourth it names
  // another route configuration (the old one leaves the snapshot): the listener warms until that route arrives.
  const rds = (p: number) => `inbound|${p}|${Math.floor(gen / 4) % 2 === 0 ? 'a' : 'b'}`;
  const listeners: Listener[] = INBOUND.map((p) =>
    httpListener(
      `inbound_0.0.0.0_${p}`,
      p,
      hcm({ rds: rds(p) }, undefined, { stat_prefix: `inbound_${p}_g${Math.floor(gen / 2)}` }),
    ),
  );
  // The route is replaced every generation (its name, a header, every third generation its match: the client
  // sends '/reviews/...', which both forms match).
  const routes: RouteConfiguration[] = INBOUND.map((p) =>
    routeConfig(
      rds(p),
      [
        vhost(
          'inbound|http',
          ['*'],
          [routeTo(`inbound|${p}||`, gen % 3 === 0 ? '/' : '/reviews', { name: `g${gen}` })],
        ),
      ],
      { response_headers_to_add: [{ header: { key: 'x-server-gen', value: String(gen) } }] },
    ),
  );
  return { clusters, listeners, routes };
}

/** The client sidecar at generation `gen`. */
function clientConfig(gen: number, rnd: () => number) {
  const local = (p: number) => serverSide.listenerPort(`inbound_0.0.0.0_${p}`) ?? 0;
  const withCanary = gen % 10 >= 5;
  const clusters: Cluster[] = [
    edsCluster(SUBSET('v1'), { lb_policy: gen % 4 < 2 ? 'ROUND_ROBIN' : 'LEAST_REQUEST' }),
    edsCluster(SUBSET('v2')),
    ...(withCanary ? [edsCluster(SUBSET('v3'))] : []),
  ];
  const endpoints: ClusterLoadAssignment[] = [
    assignment(SUBSET('v1'), someOf([local(9091), local(9092)], rnd)),
    assignment(SUBSET('v2'), someOf([local(9093), local(9094)], rnd)),
    ...(withCanary ? [assignment(SUBSET('v3'), someOf(INBOUND.map(local), rnd))] : []),
  ];
  const w1 = 1 + Math.floor(rnd() * 98);
  const weighted = [
    { name: SUBSET('v1'), weight: { value: w1 } },
    { name: SUBSET('v2'), weight: { value: 100 - w1 } },
    ...(withCanary ? [{ name: SUBSET('v3'), weight: { value: 20 } }] : []),
  ];
  // The route is replaced each generation: its name, and every third generation its match.
  const route = {
    name: `reviews-g${gen}`,
    match: gen % 3 === 0 ? { prefix: '/' } : { prefix: '/reviews' },
    route: { weighted_clusters: { clusters: weighted }, timeout: { seconds: '10' } },
    response_headers_to_add: [{ header: { key: 'x-client-gen', value: String(gen) } }],
  };
  const routes: RouteConfiguration[] = [
    routeConfig('9080', [vhost('reviews.default.svc.cluster.local:9080', ['*'], [route])]),
  ];
  // The outbound listener is re-sent with a change every fifth generation (its stat prefix).
  const listeners: Listener[] = [
    httpListener(
      '0.0.0.0_9080',
      9080,
      hcm({ rds: '9080' }, undefined, { stat_prefix: `outbound_0.0.0.0_9080_g${Math.floor(gen / 5)}` }),
    ),
  ];
  return { clusters, endpoints, listeners, routes };
}

function counts(p: RunningProxy): { acks: number; nacks: number } {
  let acks = 0;
  let nacks = 0;
  for (const t of TYPES) {
    const s = p.xds.typeState(t);
    acks += s.acks;
    nacks += s.nacks;
  }
  return { acks, nacks };
}

interface Outcome {
  ok: boolean;
  upstream: string;
  detail: string;
}

function get(
  agent: Agent,
  port: number,
  path: string,
  body: string | undefined,
  delayMs: number,
): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: body === undefined ? 'GET' : 'POST',
        agent,
        headers: {
          host: 'reviews.default.svc.cluster.local:9080',
          ...(delayMs > 0 ? { 'x-test-delay': String(delayMs) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const upstream = String(res.headers['x-upstream'] ?? '');
          const text = Buffer.concat(chunks).toString();
          const ok = res.statusCode === 200 && upstream !== '' && (body === undefined || text.includes(body));
          resolve({ ok, upstream, detail: `${res.statusCode} ${upstream} ${text.slice(0, 120)}` });
        });
        res.on('error', (err) =>
          resolve({ ok: false, upstream: '', detail: `response error ${err.message}` }),
        );
      },
    );
    req.setTimeout(15_000, () => req.destroy(new Error('client timeout')));
    req.on('error', (err) => resolve({ ok: false, upstream: '', detail: `request error ${err.message}` }));
    req.end(body);
  });
}

beforeAll(async () => {
  upstreams = await Promise.all(['r1', 'r2', 'r3', 'r4'].map((n) => startUpstream(n)));
  cache = new SnapshotCache({ debounce: { delayMs: 0 } });
  server = await XdsServer.start({ cache, endpointWaitMs: 200 });
  cache.setSnapshot(SERVER_NODE, serverConfig(0));
  const common = {
    xds: server.address,
    adminPort: 0,
    backoff: { baseMs: 50, maxMs: 200 },
    logLevel: 'silent',
  };
  serverSide = await startProxy({
    ...common,
    nodeId: SERVER_NODE,
    portMap: Object.fromEntries(INBOUND.map((p) => [p, 0])),
  });
  await serverSide.ready(5_000);
  cache.setSnapshot(CLIENT_NODE, clientConfig(0, random(1)));
  client = await startProxy({ ...common, nodeId: CLIENT_NODE, portMap: { 9080: 0 } });
  await client.ready(5_000);
});

afterAll(async () => {
  await client?.close();
  await serverSide?.close();
  await server?.close();
  await Promise.all(upstreams.map((u) => u.close()));
});

describe('config churn under load', () => {
  it(
    'loses no request while weights, endpoints, clusters, routes and listeners change every 200 ms',
    async () => {
      const port = client.listenerPort('0.0.0.0_9080') ?? 0;
      const rnd = random(6);
      let gen = 0;
      let stopLoad = false;
      const failures: string[] = [];
      let requests = 0;
      const served = new Map<string, number>();
      const before = { client: counts(client), server: counts(serverSide) };

      const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
      const loop = async (id: number) => {
        for (let n = 0; !stopLoad; n++) {
          // Every fifth request carries a body (buffered for retries by nothing: no retry policy is set).
          const body = n % 5 === 0 ? `client-${id}-${n}` : undefined;
          // Every third request is slow upstream (20 to 60 ms), so config changes meet requests in flight.
          const delayMs = n % 3 === 0 ? 20 + ((id * 7 + n) % 41) : 0;
          const r = await get(agent, port, `/reviews/${id}/${n}`, body, delayMs);
          requests++;
          if (r.ok) served.set(r.upstream, (served.get(r.upstream) ?? 0) + 1);
          else failures.push(r.detail);
          await new Promise((resolve) => setTimeout(resolve, PACE_MS));
        }
      };
      const load = Promise.all(Array.from({ length: CLIENTS }, (_, i) => loop(i)));

      const started = Date.now();
      while (Date.now() - started < SOAK_SECONDS * 1000) {
        await new Promise((resolve) => setTimeout(resolve, CHANGE_EVERY_MS));
        gen++;
        cache.setSnapshot(CLIENT_NODE, clientConfig(gen, rnd));
        cache.setSnapshot(SERVER_NODE, serverConfig(gen));
      }
      // The last generation is applied on both sides before the load stops.
      await waitFor(
        () => server.proxyStatus().every((p) => p.types.every((t) => t.status !== 'STALE')),
        10_000,
        'both proxies to catch up',
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      stopLoad = true;
      await load;
      agent.destroy();

      const after = { client: counts(client), server: counts(serverSide) };
      const applied = {
        client: after.client.acks - before.client.acks,
        server: after.server.acks - before.server.acks,
      };
      const result = {
        date: new Date().toISOString(),
        node: process.version,
        seconds: SOAK_SECONDS,
        clients: CLIENTS,
        generations: gen,
        requests,
        failures: failures.length,
        requestsPerSecond: Math.round(requests / ((Date.now() - started) / 1000)),
        configVersionsApplied: applied,
        nacks: { client: after.client.nacks, server: after.server.nacks },
        servedBy: Object.fromEntries([...served.entries()].sort()),
        firstFailures: failures.slice(0, 10),
      };
      process.stdout.write(`config churn soak: ${JSON.stringify(result)}\n`);
      // One entry per duration ("10s", "60s"), so CI's short run does not overwrite a long one.
      const file = new URL('../../bench-results/soak.json', import.meta.url);
      let runs: Record<string, unknown> = {};
      try {
        runs = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      } catch {
        // No file yet (or not ours): start over.
      }
      runs[`${SOAK_SECONDS}s`] = result;
      mkdirSync(new URL('.', file), { recursive: true }); // bench-results/ is not in git: a clean clone has none
      writeFileSync(file, `${JSON.stringify(runs, null, 2)}\n`);

      expect(failures.slice(0, 10)).toEqual([]);
      expect(result.nacks).toEqual({ client: 0, server: 0 });
      expect(requests).toBeGreaterThan(CLIENTS * 10);
      // Every generation was pushed and acknowledged: at least one version per generation and proxy.
      expect(applied.client).toBeGreaterThanOrEqual(gen);
      expect(applied.server).toBeGreaterThanOrEqual(gen);
      // The shifting weights and endpoints reached every upstream instance.
      expect([...served.keys()].sort()).toEqual(['r1', 'r2', 'r3', 'r4']);
    },
    (SOAK_SECONDS + 60) * 1000,
  );
});
