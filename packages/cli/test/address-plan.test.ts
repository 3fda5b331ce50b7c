// The address plan (local ports per instance) and the post-translation rewrite (pure functions), plus both over
// a real translation of bookinfo's manifests.
import { createServer } from 'node:net';
import { buildRegistry, type Cluster, type ClusterLoadAssignment, loadDirectory } from '@minimesh/model';
import { PushContext, parseProxy, translate } from '@minimesh/translator';
import { describe, expect, it } from 'vitest';
import { planInstances } from '../src/dev/control-plane-workloads.js';
import {
  AddressPlanError,
  createAddressPlan,
  freePorts,
  localResources,
  type PlanInstance,
  planAddresses,
  planWorkloads,
  portsNeeded,
  rewriteAssignment,
  rewriteEndpoints,
  rewriteInboundClusters,
} from '../src/index.js';
import { addressesOf, BOOKINFO_MANIFESTS } from './control-plane-helpers.js';

const counter = (start = 20000) => {
  let n = start;
  return () => n++;
};

const reviews: PlanInstance = {
  podName: 'reviews-v1-abc-12345',
  namespace: 'default',
  podIP: '10.200.0.7',
  kind: 'sidecar',
  containerPorts: [9080],
};
const gateway: PlanInstance = {
  podName: 'istio-ingressgateway-x-y',
  namespace: 'istio-system',
  podIP: '10.200.0.9',
  kind: 'gateway',
  containerPorts: [],
};

const cla = (name: string, ...addrs: [string, number][]): ClusterLoadAssignment => ({
  cluster_name: name,
  endpoints: [
    {
      lb_endpoints: addrs.map(([address, port_value]) => ({
        endpoint: { address: { socket_address: { address, port_value } } },
      })),
    },
  ],
});

describe('address plan', () => {
  it('gives a sidecar an app and an inbound port per container port, a forward proxy and an admin port', () => {
    const plan = planAddresses([reviews], counter());
    const a = plan.pod('reviews-v1-abc-12345');
    expect(a).toMatchObject({
      appPorts: { 9080: 20000 },
      inboundPorts: { 9080: 20001 },
      forwardProxyPort: 20002,
      adminPort: 20003,
      listenerPorts: { 15001: 0, 15006: 0 },
    });
    expect(plan.inboundPort('10.200.0.7', 9080)).toBe(20001);
    expect(plan.appPort('reviews-v1-abc-12345', 'default', 9080)).toBe(20000);
    expect(plan.inboundPort('10.200.0.7', 9090)).toBeUndefined();
    expect(plan.inboundPort('10.9.9.9', 9080)).toBeUndefined();
  });

  it("maps the gateway's listener ports (8080 -> 8080 by default; 0 gets a free port)", () => {
    expect(planAddresses([gateway], counter()).pod(gateway.podName, 'istio-system')).toMatchObject({
      listenerPorts: { 8080: 8080 },
      inboundPorts: { 8080: 8080 },
      adminPort: 20000,
      forwardProxyPort: undefined,
    });
    const free = planAddresses([gateway], counter(), { gatewayPorts: { 8080: 0, 8443: 9443 } });
    expect(free.pod(gateway.podName, 'istio-system')?.listenerPorts).toEqual({ 8080: 20000, 8443: 9443 });
    expect(free.inboundPort('10.200.0.9', 8080)).toBe(20000);
  });

  it('asks the allocator for exactly portsNeeded ports', () => {
    let asked = 0;
    const alloc = () => 30000 + asked++;
    planAddresses(
      [reviews, gateway, { ...reviews, podName: 'r2', podIP: '10.200.0.8', containerPorts: [1, 2, 2] }],
      alloc,
      {
        gatewayPorts: { 8080: 0 },
      },
    );
    expect(asked).toBe(
      portsNeeded([reviews, gateway, { ...reviews, containerPorts: [1, 2] }], { gatewayPorts: { 8080: 0 } }),
    );
  });

  it('keeps the ports of instances it had when extended, and drops the others', () => {
    const plan = planAddresses([reviews, gateway], counter());
    const other: PlanInstance = { ...reviews, podName: 'ratings-v1-a-b', podIP: '10.200.0.8' };
    const next = plan.extend([reviews, other], counter(40000));
    expect(next.pod(reviews.podName)).toBe(plan.pod(reviews.podName));
    expect(next.pod(other.podName)?.appPorts).toEqual({ 9080: 40000 });
    expect(next.pod(gateway.podName, 'istio-system')).toBeUndefined();
    expect(plan.portsNeeded([reviews, other])).toBe(4);
  });

  it('refuses two instances with one pod IP', () => {
    expect(() => planAddresses([reviews, { ...reviews, podName: 'twin' }], counter())).toThrow(
      AddressPlanError,
    );
  });

  it('finds distinct free ports that can be bound', async () => {
    const ports = await freePorts(5);
    expect(new Set(ports).size).toBe(5);
    const s = createServer();
    await new Promise<void>((r) => s.listen(ports[0], '127.0.0.1', () => r()));
    await new Promise<void>((r) => s.close(() => r()));
  });

  it("plans bookinfo's workloads with distinct local ports", async () => {
    const { resources } = await loadDirectory(BOOKINFO_MANIFESTS);
    const instances = planInstances(planWorkloads(resources));
    const plan = await createAddressPlan(instances, { gatewayPorts: { 8080: 0 } });
    const all = plan.instances.flatMap((i) => [
      i.adminPort,
      ...Object.values(i.appPorts),
      ...Object.values(i.inboundPorts),
      ...(i.forwardProxyPort === undefined ? [] : [i.forwardProxyPort]),
    ]);
    expect(plan.instances.length).toBe(instances.length);
    expect(plan.instances.filter((i) => i.kind === 'gateway')).toHaveLength(1);
    expect(new Set(all).size).toBe(all.length);
    expect(all.every((p) => p > 0)).toBe(true);
  });
});

describe('post-translation rewrite', () => {
  const plan = planAddresses([reviews], counter());

  it('sends planned pod endpoints to their inbound ports and leaves the others', () => {
    const input = cla(
      'outbound|9080||reviews',
      ['10.200.0.7', 9080],
      ['10.200.0.7', 9999],
      ['93.184.216.34', 443],
    );
    const frozen = JSON.stringify(input);
    const [out] = rewriteEndpoints([input], (ip, port) => plan.inboundPort(ip, port));
    expect(addressesOf(out as unknown as Record<string, unknown>)).toEqual([
      '127.0.0.1:20001',
      '10.200.0.7:9999',
      '93.184.216.34:443',
    ]);
    expect(JSON.stringify(input)).toBe(frozen);
    const external = cla('outbound|443||example.com', ['93.184.216.34', 443]);
    expect(rewriteAssignment(external, (ip, port) => plan.inboundPort(ip, port))).toBe(external);
  });

  it("makes a sidecar's ORIGINAL_DST inbound cluster STATIC to its app port", () => {
    const inbound: Cluster = {
      name: 'inbound|9080||',
      type: 'ORIGINAL_DST',
      lb_policy: 'CLUSTER_PROVIDED',
      cleanup_interval: { seconds: '9223372035' },
      upstream_bind_config: { source_address: { address: '127.0.0.6', port_value: 0 } },
      connect_timeout: { seconds: '10' },
    };
    const passthrough: Cluster = { name: 'InboundPassthroughCluster', type: 'ORIGINAL_DST' };
    const other: Cluster = { name: 'inbound|7070||', type: 'ORIGINAL_DST' };
    const [a, b, c] = rewriteInboundClusters([inbound, passthrough, other], (p) =>
      p === 9080 ? 20000 : undefined,
    );
    expect(a).toEqual({
      name: 'inbound|9080||',
      type: 'STATIC',
      connect_timeout: { seconds: '10' },
      load_assignment: {
        cluster_name: 'inbound|9080||',
        endpoints: [
          {
            lb_endpoints: [
              { endpoint: { address: { socket_address: { address: '127.0.0.1', port_value: 20000 } } } },
            ],
          },
        ],
      },
    });
    expect(b).toBe(passthrough);
    expect(c).toBe(other);
  });

  it("rewrites a real translation of bookinfo's reviews sidecar: no pod address is left in EDS", async () => {
    const { resources } = await loadDirectory(BOOKINFO_MANIFESTS);
    const workloads = planWorkloads(resources);
    const addresses = await createAddressPlan(planInstances(workloads), { gatewayPorts: { 8080: 0 } });
    const push = new PushContext(
      buildRegistry([...resources, ...workloads.resources], { workloads: workloads.workloads }),
    );
    const w = workloads.instances.find((i) => i.workloadName === 'reviews-v1');
    if (w === undefined) throw new Error('no reviews-v1');
    const t = translate(parseProxy({ id: w.proxyId, labels: { ...w.labels } }), push);
    const self = addresses.pod(w.podName, w.namespace);
    const out = localResources(t, addresses, self);
    const ratings = out.endpoints?.find(
      (e) => e.cluster_name === 'outbound|9080||ratings.default.svc.cluster.local',
    );
    const ratingsPod = workloads.instances.find((i) => i.workloadName === 'ratings-v1');
    expect(addressesOf(ratings as unknown as Record<string, unknown>)).toEqual([
      `127.0.0.1:${addresses.inboundPort(ratingsPod?.address ?? '', 9080)}`,
    ]);
    const podAddresses = (out.endpoints ?? []).flatMap((e) =>
      addressesOf(e as unknown as Record<string, unknown>),
    );
    expect(
      podAddresses.filter((a) => a.startsWith('10.200.') && !a.endsWith(':15021') && !a.endsWith(':8443')),
    ).toEqual([]);
    const inbound = out.clusters?.find((c) => c.name === 'inbound|9080||');
    expect(inbound?.type).toBe('STATIC');
    expect(addressesOf(inbound?.load_assignment as unknown as Record<string, unknown>)).toEqual([
      `127.0.0.1:${self?.appPorts[9080]}`,
    ]);
    expect(out.listeners).toBe(t.listeners);
  });
});
