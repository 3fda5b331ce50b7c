// The dev mesh's post-translation rewrite (src/dev/rewrite-translation.ts) over a real translation of bookinfo's
// manifests with the access log service on: the STATIC `envoy_accesslog_service` cluster (the control plane on
// 127.0.0.1) reaches every proxy as the translator wrote it, while pod endpoints and inbound clusters are rewritten.
import { buildRegistry, loadDirectory } from '@minimesh/model';
import { ENVOY_ACCESS_LOG_CLUSTER, PushContext, parseProxy, translate } from '@minimesh/translator';
import { describe, expect, it } from 'vitest';
import { planInstances } from '../src/dev/control-plane-workloads.js';
import { createAddressPlan, localResources, planWorkloads } from '../src/index.js';
import { addressesOf, BOOKINFO_MANIFESTS } from './control-plane-helpers.js';

describe('the access log cluster through the dev rewrite', () => {
  it('every bookinfo proxy keeps envoy_accesslog_service at 127.0.0.1:15010, unchanged', async () => {
    const { resources } = await loadDirectory(BOOKINFO_MANIFESTS);
    const workloads = planWorkloads(resources);
    const addresses = await createAddressPlan(planInstances(workloads), { gatewayPorts: { 8080: 0 } });
    const push = new PushContext(
      buildRegistry([...resources, ...workloads.resources], { workloads: workloads.workloads }),
      { enableEnvoyAccessLogService: true, envoyAccessLogService: { address: '127.0.0.1:15010' } },
    );
    expect(workloads.instances.length).toBeGreaterThan(5);
    let sidecarsChecked = 0;
    for (const w of workloads.instances) {
      const t = translate(parseProxy({ id: w.proxyId, labels: { ...w.labels } }), push);
      const before = t.clusters.find((c) => c.name === ENVOY_ACCESS_LOG_CLUSTER);
      expect(before?.type, w.proxyId).toBe('STATIC');
      const self = addresses.pod(w.podName, w.namespace);
      const out = localResources(t, addresses, self);
      const after = out.clusters?.find((c) => c.name === ENVOY_ACCESS_LOG_CLUSTER);
      expect(after, w.proxyId).toBe(before);
      expect(addressesOf(after?.load_assignment as unknown as Record<string, unknown>)).toEqual([
        '127.0.0.1:15010',
      ]);
      // The rewrite did run on this proxy: its own inbound clusters (sidecars) now point at the app's local port.
      if (w.proxyType === 'sidecar' && w.containerPorts.length > 0) {
        const inbound = out.clusters?.find((c) => c.name?.startsWith('inbound|'));
        expect(inbound?.type, w.proxyId).toBe('STATIC');
        sidecarsChecked++;
      }
    }
    expect(sidecarsChecked).toBeGreaterThan(5);
  });
});
