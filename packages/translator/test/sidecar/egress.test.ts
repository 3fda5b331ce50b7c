// Sidecar egress listeners (istiod buildSidecarOutboundListeners): hosts scope what productpage's sidecar sees, a
// declared port gets listeners for its own hosts only (the catch-all listener adds nothing to it), captureMode
// NONE binds a real socket on 127.0.0.1, and what falls outside the scope is passed through or blackholed per
// outboundTrafficPolicy.
import { allocatedClusterIP } from '@minimesh/model';
import { describe, expect, it } from 'vitest';
import { C, check, configFor, type Row } from '../simulate/helpers.js';
import { call, expectEncodable, MYSQL, MYSQL_PODS, sidecar, tcp } from './helpers.js';

const REVIEWS_ONLY = sidecar(`  egress:
  - hosts: [./reviews.default.svc.cluster.local, istio-system/*]
`);
const REVIEWS_ONLY_STRICT = sidecar(`  egress:
  - hosts: [./reviews.default.svc.cluster.local, istio-system/*]
  outboundTrafficPolicy: { mode: REGISTRY_ONLY }
`);
/** Port 9080 for ratings only; everything else of `default` through the catch-all listener. */
const RATINGS_ON_9080 = sidecar(`  egress:
  - port: { number: 9080, protocol: HTTP, name: http }
    hosts: [./ratings.default.svc.cluster.local]
  - hosts: [./*]
  outboundTrafficPolicy: { mode: REGISTRY_ONLY }
`);
/** mysql on a real socket 127.0.0.1:3306 (the application dials localhost; no iptables). */
const MYSQL_LOCAL = sidecar(`  egress:
  - port: { number: 3306, protocol: TCP, name: tcp }
    bind: 127.0.0.1
    captureMode: NONE
    hosts: [./mysql.default.svc.cluster.local]
  - hosts: [./reviews.default.svc.cluster.local]
`);

/**
 * Port 9080 declared TCP for a service without a VIP: its listener is `0.0.0.0_9080`, and the catch-all
 * listener's HTTP services cannot add to it (locked). A Kubernetes Service always has a cluster IP (allocated when
 * the manifest has none), so the service without a VIP is a ServiceEntry without `addresses`.
 */
const LEGACY_TCP_9080 = sidecar(`  egress:
  - port: { number: 9080, protocol: TCP, name: tcp }
    hosts: [./legacy.example.com]
  - hosts: [./*]
`);
const LEGACY = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: legacy, namespace: default }
spec:
  hosts: [legacy.example.com]
  ports: [{ number: 9080, name: tcp, protocol: TCP }]
  resolution: DNS
`;

/**
 * Port 9080 declared TCP for ratings, a Kubernetes Service (its cluster IP allocated): its TCP listener sits on
 * the VIP, so the catch-all listener's HTTP services build `0.0.0.0_9080`, whose route config `9080` still comes
 * from the declared port's egress listener (istiod GetEgressListenerForRDS): ratings only.
 */
const RATINGS_TCP_9080 = sidecar(`  egress:
  - port: { number: 9080, protocol: TCP, name: tcp }
    hosts: [./ratings.default.svc.cluster.local]
  - hosts: [./*]
`);
const RATINGS_VIP = allocatedClusterIP('default', 'ratings');

/** A headless Service: istiod gives each pod IP its own TCP listener. */
const HEADLESS_DB = `apiVersion: v1
kind: Service
metadata: { name: db, namespace: default }
spec: { clusterIP: None, ports: [{ port: 5432, name: tcp-pg }], selector: { app: db } }
`;
const DB_PODS = [
  { name: 'db-0', address: '10.0.0.40', labels: { app: 'db' } },
  { name: 'db-1', address: '10.0.0.41', labels: { app: 'db' } },
];

const scoped = { inline: [REVIEWS_ONLY, MYSQL], workloads: MYSQL_PODS };
const strict = { inline: [REVIEWS_ONLY_STRICT, MYSQL], workloads: MYSQL_PODS };
const port9080 = { inline: [RATINGS_ON_9080, MYSQL], workloads: MYSQL_PODS };
const tcp9080 = { inline: [LEGACY_TCP_9080, LEGACY] };
const ratingsTcp9080 = { inline: [RATINGS_TCP_9080] };
const local = { inline: [MYSQL_LOCAL, MYSQL], workloads: MYSQL_PODS };
const MYSQL_CLUSTER = 'outbound|3306||mysql.default.svc.cluster.local';

const rows: Row[] = [
  {
    what: 'egress hosts: reviews is in scope and routed',
    input: scoped,
    call: call({ port: 9080, host: 'reviews' }),
    outcome: 'routed',
    cluster: C('reviews'),
    expect: { listener: '0.0.0.0_9080', routeConfig: '9080' },
  },
  {
    what: 'egress hosts: ratings is out of scope, ALLOW_ANY passes it through (allow_any)',
    input: scoped,
    call: call({ port: 9080, host: 'ratings' }),
    outcome: 'passthrough',
    cluster: 'PassthroughCluster',
    expect: { virtualHost: 'allow_any' },
  },
  {
    what: 'egress hosts: ratings under REGISTRY_ONLY is blocked with 502',
    input: strict,
    call: call({ port: 9080, host: 'ratings' }),
    outcome: 'blackhole',
    expect: { status: 502, virtualHost: 'block_all' },
  },
  {
    what: 'egress hosts: mysql (out of scope) has no listener; virtualOutbound passes it through',
    input: scoped,
    call: tcp({ port: 3306, host: 'mysql', address: '10.96.0.12' }),
    outcome: 'passthrough',
    cluster: 'PassthroughCluster',
    expect: { listener: 'virtualOutbound' },
  },
  {
    what: 'egress hosts: mysql under REGISTRY_ONLY is blackholed by virtualOutbound',
    input: strict,
    call: tcp({ port: 3306, host: 'mysql', address: '10.96.0.12' }),
    outcome: 'blackhole',
    cluster: 'BlackHoleCluster',
    expect: { listener: 'virtualOutbound' },
  },
  {
    what: 'egress port 9080: ratings, its host, is routed',
    input: port9080,
    call: call({ port: 9080, host: 'ratings' }),
    outcome: 'routed',
    cluster: C('ratings'),
    expect: { listener: '0.0.0.0_9080' },
  },
  {
    what: "egress port 9080: reviews (catch-all listener) is not in the port's route config, so it is blocked",
    input: port9080,
    call: call({ port: 9080, host: 'reviews' }),
    outcome: 'blackhole',
    expect: { listener: '0.0.0.0_9080', routeConfig: '9080', status: 502, virtualHost: 'block_all' },
  },
  {
    what: 'egress port 9080: mysql (catch-all listener) still gets its own VIP listener',
    input: port9080,
    call: tcp({ port: 3306, host: 'mysql', address: '10.96.0.12' }),
    outcome: 'routed',
    cluster: MYSQL_CLUSTER,
    expect: { listener: '10.96.0.12_3306' },
  },
  {
    what: "egress TCP port 9080: locked, so even an HTTP call for reviews takes legacy's tcp_proxy",
    input: tcp9080,
    call: call({ port: 9080, host: 'reviews' }),
    outcome: 'routed',
    cluster: 'outbound|9080||legacy.example.com',
    expect: { listener: '0.0.0.0_9080', networkFilter: 'tcp_proxy' },
    absent: ['routeConfig'],
  },
  {
    what: "egress TCP port 9080 for ratings (a VIP): ratings' tcp_proxy on its VIP listener",
    input: ratingsTcp9080,
    call: tcp({ port: 9080, host: 'ratings', address: RATINGS_VIP }),
    outcome: 'routed',
    cluster: C('ratings'),
    expect: { listener: `${RATINGS_VIP}_9080`, networkFilter: 'tcp_proxy' },
  },
  {
    what: "egress TCP port 9080 for ratings (a VIP): reviews' HTTP takes 0.0.0.0_9080, whose route config lacks it",
    input: ratingsTcp9080,
    call: call({ port: 9080, host: 'reviews' }),
    outcome: 'passthrough',
    cluster: 'PassthroughCluster',
    expect: { listener: '0.0.0.0_9080', routeConfig: '9080', virtualHost: 'allow_any' },
  },
  {
    what: 'egress port with bind 127.0.0.1 and captureMode NONE: the app dials localhost, mysql answers',
    input: local,
    call: tcp({ port: 3306, host: '127.0.0.1' }),
    outcome: 'routed',
    cluster: MYSQL_CLUSTER,
    expect: { listener: '127.0.0.1_3306', endpoints: ['10.0.0.20:3306'] },
  },
  {
    what: 'headless Service: the pod IP 10.0.0.41 has its own listener, forwarded as dialled',
    input: { inline: [HEADLESS_DB], workloads: DB_PODS },
    call: tcp({ port: 5432, host: '10.0.0.41' }),
    outcome: 'passthrough',
    cluster: 'outbound|5432||db.default.svc.cluster.local',
    expect: { listener: '10.0.0.41_5432', endpoints: ['10.0.0.41:5432'] },
  },
];

describe('Sidecar egress listeners (simulated)', () => {
  it.each(rows)('$what', async (row) => {
    await check(row);
  });
});

describe('Sidecar egress listeners (resources)', () => {
  it('captureMode NONE binds the socket (no bind_to_port false) on the declared address', async () => {
    const t = await configFor('sidecar', local);
    expectEncodable(t);
    const l = t.listeners.find((x) => x.name === '127.0.0.1_3306');
    expect(l?.address?.socket_address).toEqual({ address: '127.0.0.1', port_value: 3306 });
    expect(l?.bind_to_port).toBeUndefined();
    // The VIP listener is not built: mysql comes through the declared port only.
    expect(t.listeners.some((x) => x.name === '10.96.0.12_3306')).toBe(false);
    // Only reviews through the catch-all listener: no details / ratings / productpage hosts.
    expect(t.clusters.some((c) => c.name === C('ratings'))).toBe(false);
    expect(t.clusters.some((c) => c.name === C('reviews'))).toBe(true);
  });

  it('an egress port imports only services that have that port (istiod matchPort)', async () => {
    const only3306 = sidecar(`  egress:
  - port: { number: 3306, protocol: TCP, name: tcp }
    hosts: [./*]
`);
    const t = await configFor('sidecar', { inline: [only3306, MYSQL], workloads: MYSQL_PODS });
    expectEncodable(t);
    const outbound = t.clusters.map((c) => c.name ?? '').filter((n) => n.startsWith('outbound|'));
    expect(outbound).toEqual([MYSQL_CLUSTER]);
    expect(t.listeners.map((l) => l.name)).toEqual(['10.96.0.12_3306', 'virtualInbound', 'virtualOutbound']);
  });
});
