// Connections a sidecar carries as TCP: a TCP service on its VIP listener (tcp_proxy), VirtualService TCP routes with
// weights, and what virtualOutbound does with everything else (passthrough, blackhole under REGISTRY_ONLY, itself).
import { describe, it } from 'vitest';
import { INGRESS_VIP } from '../route/fixtures.js';
import { check, type Row } from './helpers.js';

const MYSQL = `apiVersion: v1
kind: Service
metadata: { name: mysql, namespace: default }
spec: { clusterIP: 10.96.0.12, ports: [{ port: 3306, name: tcp }], selector: { app: mysql } }
`;
const MYSQL_PODS = [
  { name: 'mysql-v1-abc', address: '10.0.0.20', labels: { app: 'mysql', version: 'v1' } },
  { name: 'mysql-v2-abc', address: '10.0.0.21', labels: { app: 'mysql', version: 'v2' } },
];
const MYSQL_RULES = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: mysql, namespace: default }
spec:
  host: mysql
  subsets:
  - { name: v1, labels: { version: v1 } }
  - { name: v2, labels: { version: v2 } }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: mysql, namespace: default }
spec:
  hosts: [mysql]
  tcp:
  - route:
    - { destination: { host: mysql, subset: v1 }, weight: 70 }
    - { destination: { host: mysql, subset: v2 }, weight: 30 }
`;
const REGISTRY_ONLY = `apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: { name: default, namespace: default }
spec:
  outboundTrafficPolicy: { mode: REGISTRY_ONLY }
`;
const MYSQL_CLUSTER = 'outbound|3306||mysql.default.svc.cluster.local';
const mysql = { port: 3306, host: 'mysql', address: '10.96.0.12' };
const WITH_PODS = { inline: [MYSQL], workloads: MYSQL_PODS };
const WEIGHTED = { inline: [MYSQL, MYSQL_RULES], workloads: MYSQL_PODS };
const subset = (s: string) => `outbound|3306|${s}|mysql.default.svc.cluster.local`;

const rows: Row[] = [
  {
    what: 'mysql VIP: its listener, tcp_proxy to the service cluster',
    input: WITH_PODS,
    call: mysql,
    outcome: 'routed',
    cluster: MYSQL_CLUSTER,
    expect: {
      listener: '10.96.0.12_3306',
      networkFilter: 'tcp_proxy',
      endpoints: ['10.0.0.20:3306', '10.0.0.21:3306'],
    },
    absent: ['routeConfig', 'virtualHost', 'route'],
    trace: [
      'listener: 10.96.0.12_3306 (original destination 10.96.0.12:3306)',
      `tcp_proxy: cluster ${MYSQL_CLUSTER}`,
    ],
  },
  {
    what: 'the VIP can be given as the host',
    input: WITH_PODS,
    call: { port: 3306, host: '10.96.0.12' },
    outcome: 'routed',
    cluster: MYSQL_CLUSTER,
  },
  {
    what: 'mysql without pods: UH',
    input: { inline: [MYSQL] },
    call: mysql,
    outcome: 'no_healthy_upstream',
    expect: { responseFlag: 'UH', endpoints: [] },
  },
  {
    what: 'another IP on 3306 is not mysql: virtualOutbound passes it through',
    input: WITH_PODS,
    call: { port: 3306, host: 'db.example.com', address: '203.0.113.5' },
    outcome: 'passthrough',
    cluster: 'PassthroughCluster',
    expect: {
      listener: 'virtualOutbound',
      filterChain: 'virtualOutbound-catchall-tcp',
      endpoints: ['203.0.113.5:3306'],
    },
  },
  {
    what: 'TCP routes 70/30: random 69 -> v1',
    input: WEIGHTED,
    call: { ...mysql, random: 69 },
    outcome: 'routed',
    cluster: subset('v1'),
    expect: { endpoints: ['10.0.0.20:3306'], weighted: { totalWeight: 100, selectedValue: 69, index: 0 } },
  },
  {
    what: 'TCP routes 70/30: random 70 -> v2',
    input: WEIGHTED,
    call: { ...mysql, random: 70 },
    outcome: 'routed',
    cluster: subset('v2'),
    expect: { endpoints: ['10.0.0.21:3306'] },
    trace: [`weighted cluster ${subset('v1')}: weight 70 covers [0, 70), not 70`],
  },
  {
    what: 'unknown TCP destination, ALLOW_ANY: passthrough',
    call: { port: 5432, host: '198.51.100.7' },
    outcome: 'passthrough',
    expect: { endpoints: ['198.51.100.7:5432'] },
    trace: ['listener: none for port 5432; virtualOutbound keeps the connection'],
  },
  {
    what: 'unknown TCP destination, REGISTRY_ONLY: BlackHoleCluster',
    input: { inline: [REGISTRY_ONLY] },
    call: { port: 5432, host: '198.51.100.7' },
    outcome: 'blackhole',
    cluster: 'BlackHoleCluster',
  },
  {
    what: 'a connection to 15001 itself is dropped',
    call: { port: 15001, host: '10.0.0.1' },
    outcome: 'blackhole',
    expect: { filterChain: 'virtualOutbound-blackhole', cluster: 'BlackHoleCluster' },
  },
  {
    what: 'the ingress Service https port 443: tcp_proxy to its cluster on its VIP listener',
    call: {
      port: 443,
      address: INGRESS_VIP,
      host: 'istio-ingressgateway.istio-system',
      tls: { serverName: 'istio-ingressgateway.istio-system.svc.cluster.local' },
    },
    outcome: 'routed',
    cluster: 'outbound|443||istio-ingressgateway.istio-system.svc.cluster.local',
    expect: { listener: `${INGRESS_VIP}_443`, endpoints: ['10.0.0.9:8443'] },
  },
];

describe('simulate: TCP through the sidecar', () => {
  it.each(rows)('$what', async (row) => {
    await check(row);
  });
});
