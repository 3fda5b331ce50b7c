#!/usr/bin/env node
// Benchmark: push fan-out of the xDS server to simulated state-of-the-world ADS clients over loopback. N nodes
// each have their own snapshot (50 clusters, 50 listeners, 50 routes; one immutable Snapshot object shared by
// all keys) and see 50 fleet-wide ClusterLoadAssignments. Every client subscribes CDS, EDS, LDS and RDS and ACKs
// every response, as Envoy does. Measured: time for all clients to sync initially, then for one endpoint change
// (setSharedEndpoints) to reach every client, repeated; and the process's RSS. Clients run in this process, so
// the numbers include their decoding. BENCH_QUICK=1 runs a tenth of the clients and fewer rounds (CI).
import { mkdirSync, writeFileSync } from 'node:fs';
import { Client, credentials, Metadata } from '@grpc/grpc-js';
import { anyOf, decode, encode, TypeUrl } from '@minimesh/model';
import { Snapshot, SnapshotCache, XdsServer } from '../dist/index.js';

const quick = process.env.BENCH_QUICK === '1';
const CLIENTS = quick ? 20 : 200;
const ROUNDS = quick ? 3 : 20;
const SIZE = 50;

const cds = (i) => ({ name: `c${i}`, type: 'EDS', eds_cluster_config: { eds_config: { ads: {} } } });
const cla = (i, port) => ({
  cluster_name: `c${i}`,
  endpoints: [
    {
      locality: { zone: 'z' },
      lb_endpoints: [
        { endpoint: { address: { socket_address: { address: '10.0.0.1', port_value: port } } } },
      ],
    },
  ],
});
const lds = (i) => ({
  name: `l${i}`,
  api_listener: {
    api_listener: anyOf(TypeUrl.HTTP_CONNECTION_MANAGER, {
      rds: { route_config_name: `r${i}`, config_source: { ads: {} } },
      http_filters: [{ name: 'router', typed_config: anyOf(TypeUrl.ROUTER, {}) }],
    }),
  },
});
const rds = (i) => ({
  name: `r${i}`,
  virtual_hosts: [
    { name: 'vh', domains: ['*'], routes: [{ match: { prefix: '/' }, route: { cluster: `c${i}` } }] },
  ],
});
const range = (n) => Array.from({ length: n }, (_, i) => i);

const REQ = 'envoy.service.discovery.v3.DiscoveryRequest';
const RES = 'envoy.service.discovery.v3.DiscoveryResponse';
const PATH = '/envoy.service.discovery.v3.AggregatedDiscoveryService/StreamAggregatedResources';

/** A simulated Envoy: subscribes the four types, ACKs everything, counts EDS responses. */
function simulatedClient(address, id) {
  const client = new Client(address, credentials.createInsecure());
  const call = client.makeBidiStreamRequest(
    PATH,
    (v) => Buffer.from(encode(REQ, v)),
    (b) => decode(RES, b),
    new Metadata(),
  );
  const subs = {
    [TypeUrl.CLUSTER]: [],
    [TypeUrl.CLUSTER_LOAD_ASSIGNMENT]: range(SIZE).map((i) => `c${i}`),
    [TypeUrl.LISTENER]: [],
    [TypeUrl.ROUTE_CONFIGURATION]: range(SIZE).map((i) => `r${i}`),
  };
  const close = () => {
    call.cancel();
    client.close();
  };
  const state = { synced: new Set(), eds: 0, close };
  call.on('data', (r) => {
    call.write({
      type_url: r.type_url,
      version_info: r.version_info,
      response_nonce: r.nonce,
      resource_names: subs[r.type_url],
    });
    state.synced.add(r.type_url);
    if (r.type_url === TypeUrl.CLUSTER_LOAD_ASSIGNMENT) {
      state.eds++;
    }
  });
  call.on('error', () => {});
  for (const [type_url, resource_names] of Object.entries(subs)) {
    call.write({ node: { id: `node-${id}` }, type_url, resource_names });
  }
  return state;
}

const until = async (check) => {
  while (!check()) await new Promise((r) => setTimeout(r, 1));
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p99 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))];

const cache = new SnapshotCache({ debounce: { delayMs: 0 } });
let port = 10_000;
cache.setSharedEndpoints(range(SIZE).map((i) => cla(i, port)));
const snapshot = Snapshot.create({
  clusters: range(SIZE).map(cds),
  listeners: range(SIZE).map(lds),
  routes: range(SIZE).map(rds),
});
for (const id of range(CLIENTS)) cache.setSnapshot(`node-${id}`, snapshot);
const server = await XdsServer.start({ cache });

let t0 = performance.now();
const clients = range(CLIENTS).map((id) => simulatedClient(server.address, id));
await until(() => clients.every((c) => c.synced.size === 4));
const initialSyncMs = performance.now() - t0;

const pushMs = [];
for (let round = 0; round < ROUNDS; round++) {
  await new Promise((r) => setTimeout(r, 20));
  const before = clients.map((c) => c.eds);
  port++;
  t0 = performance.now();
  cache.setSharedEndpoints(range(SIZE).map((i) => cla(i, i === 0 ? port : 10_000)));
  await until(() => clients.every((c, i) => c.eds > (before[i] ?? 0)));
  pushMs.push(performance.now() - t0);
}
const rssMb = process.memoryUsage().rss / 2 ** 20;
for (const c of clients) c.close();
await server.close(1_000);

const result = {
  quick,
  clients: CLIENTS,
  resourcesPerType: SIZE,
  initialSyncMs: Math.round(initialSyncMs),
  endpointPushMedianMs: Number(median(pushMs).toFixed(2)),
  endpointPushP99Ms: Number(p99(pushMs).toFixed(2)),
  rssMb: Math.round(rssMb),
};
console.log(`xds-server push fan-out, ${CLIENTS} SotW clients, ${SIZE} resources per type:`);
console.log(`  initial sync of every client: ${result.initialSyncMs} ms`);
console.log(
  `  one endpoint change to every client: median ${result.endpointPushMedianMs} ms, p99 ${result.endpointPushP99Ms} ms`,
);
console.log(`  RSS (server and clients): ${result.rssMb} MB`);
mkdirSync(new URL('../../../bench-results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('../../../bench-results/xds-server-push.json', import.meta.url),
  `${JSON.stringify(result, null, 2)}\n`,
);
