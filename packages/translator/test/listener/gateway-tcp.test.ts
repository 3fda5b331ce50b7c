// Gateway TCP and TLS passthrough routes with several destinations: tcp_proxy with weighted_clusters, stat prefix
// `<VirtualService>.<namespace>` (istiod's buildOutboundNetworkFiltersWithWeightedClusters), for Istio's tcp-echo
// traffic-shifting task in its Istio API and Gateway API forms.
import { buildRegistry, decode, encode, type LoadedResource, resourceKey } from '@minimesh/model';
import { describe, expect, it } from 'vitest';
import { PushContext } from '../../src/push-context.js';
import { translate } from '../../src/translate.js';
import { goldenInputs } from '../golden/inputs.js';
import { load } from '../route/fixtures.js';

async function gatewayListeners(id: string) {
  const input = goldenInputs().find((c) => c.id === id);
  if (input === undefined) throw new Error(id);
  const byKey = new Map<string, LoadedResource>();
  for (const r of await load(input.files, input.inline)) {
    byKey.delete(resourceKey(r));
    byKey.set(resourceKey(r), r);
  }
  const push = new PushContext(buildRegistry([...byKey.values()], { workloads: input.workloads }));
  return translate(input.gateway, push).listeners;
}

function tcpProxyOf(listeners: Awaited<ReturnType<typeof gatewayListeners>>, name: string) {
  const l = listeners.find((x) => x.name === name);
  const filter = l?.filter_chains?.[0]?.filters?.[0];
  expect(filter?.name).toBe('envoy.filters.network.tcp_proxy');
  // Through the strict codec and back: what an Envoy would read.
  const bytes = encode('envoy.config.listener.v3.Listener', l ?? {});
  const back = decode('envoy.config.listener.v3.Listener', bytes);
  expect(back.name).toBe(name);
  return JSON.parse(JSON.stringify(filter?.typed_config)) as Record<string, unknown>;
}

describe('gateway tcp_proxy with weighted destinations', () => {
  it('tcp-echo-20-v2 (Istio API): 80/20 between the v1 and v2 subsets on 0.0.0.0_31400', async () => {
    const listeners = await gatewayListeners('tcp-echo/tcp-echo-20-v2');
    const tcp = tcpProxyOf(listeners, '0.0.0.0_31400');
    expect(tcp).toMatchObject({
      stat_prefix: 'tcp-echo.default',
      weighted_clusters: {
        clusters: [
          { name: 'outbound|9000|v1|tcp-echo.default.svc.cluster.local', weight: 80 },
          { name: 'outbound|9000|v2|tcp-echo.default.svc.cluster.local', weight: 20 },
        ],
      },
    });
  });

  it('tcp-echo-all-v1 (Istio API): one destination is a plain cluster', async () => {
    const tcp = tcpProxyOf(await gatewayListeners('tcp-echo/tcp-echo-all-v1'), '0.0.0.0_31400');
    expect(tcp).toMatchObject({ cluster: 'outbound|9000|v1|tcp-echo.default.svc.cluster.local' });
    expect(tcp.weighted_clusters).toBeUndefined();
  });

  it('tcp-echo-20-v2 (Gateway API TCPRoute): 80/20 between the per-version Services', async () => {
    const tcp = tcpProxyOf(await gatewayListeners('tcp-echo/gateway-api/tcp-echo-20-v2'), '0.0.0.0_31400');
    const clusters = (tcp.weighted_clusters as { clusters: { name: string; weight: number }[] }).clusters;
    expect(clusters).toEqual([
      { name: 'outbound|9000||tcp-echo-v1.default.svc.cluster.local', weight: 80 },
      { name: 'outbound|9000||tcp-echo-v2.default.svc.cluster.local', weight: 20 },
    ]);
  });
});
