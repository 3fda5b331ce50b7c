// What the cache reuses: proxies of one scope share their outbound resources within a push; across pushes a change
// rebuilds only what depends on the hosts it touched, and a change a proxy does not see leaves every resource of
// its translation the same object. Behaviour is checked on the real output with the simulator.
import { buildRegistry, type Registry } from '@minimesh/model';
import { describe, expect, it } from 'vitest';
import { TranslationCache } from '../../src/cache/translation-cache.js';
import { buildEndpoints } from '../../src/endpoint/build-endpoints.js';
import { MessageSink } from '../../src/messages.js';
import { PushContext } from '../../src/push-context.js';
import { buildRoutes } from '../../src/route/build-routes.js';
import { simulate } from '../../src/simulate/simulate.js';
import { type Translation, translate } from '../../src/translate.js';
import { load, net, WORKLOADS } from '../route/fixtures.js';
import {
  expectEncodes,
  mesh,
  productpage,
  productpage2,
  resourcesOf,
  reviewsV2,
  serviceYaml,
  shopClient,
  workloadEntryYaml,
  yaml,
} from './helpers.js';

const REVIEWS = 'reviews.default.svc.cluster.local';

async function start(): Promise<{ registry: Registry; cache: TranslationCache }> {
  const m = await mesh();
  return { registry: buildRegistry(m.base, { workloads: WORKLOADS }), cache: new TranslationCache() };
}

function applyAndPush(
  registry: Registry,
  cache: TranslationCache,
  update: Parameters<Registry['apply']>[0],
): { registry: Registry; push: PushContext } {
  const result = registry.apply(update);
  expect(result.changes.length).toBeGreaterThan(0);
  cache.advance(registry, result);
  return { registry: result.registry, push: new PushContext(result.registry, {}, { cache }) };
}

const byName = <T extends { name?: string }>(xs: readonly T[], name: string): T | undefined =>
  xs.find((x) => x.name === name);

describe('sharing within one push', () => {
  it('two pods of one namespace share outbound clusters, endpoints and virtual hosts, not their inbound side', async () => {
    const { registry } = await start();
    const push = new PushContext(registry);
    const a = translate(productpage, push);
    const b = translate(productpage2, push);
    const outbound = a.clusters.filter((c) => c.name?.startsWith('outbound|'));
    expect(outbound.length).toBeGreaterThan(10);
    for (const c of outbound) expect(byName(b.clusters, c.name ?? '')).toBe(c);
    for (const [i, e] of a.endpoints.entries()) expect(b.endpoints[i]).toBe(e);
    expect(b.routes).toEqual(a.routes);
    for (const [i, r] of a.routes.entries()) expect(b.routes[i]).toBe(r);
    // The inbound listener is each pod's own (its own address and pod).
    expect(byName(b.listeners, 'virtualInbound')).not.toBe(byName(a.listeners, 'virtualInbound'));
    expectEncodes(b);
  });

  it('a proxy in another namespace or with labels a DestinationRule selects gets its own resources', async () => {
    const selectorRule = yaml(`apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: reviews-from-canary, namespace: default }
spec:
  host: reviews
  workloadSelector: { matchLabels: { track: canary } }
  trafficPolicy: { loadBalancer: { simple: RANDOM } }`);
    const registry = buildRegistry([...(await mesh()).base, ...selectorRule], { workloads: WORKLOADS });
    const push = new PushContext(registry);
    const canary = { ...productpage2, labels: { ...productpage2.labels, track: 'canary' } };
    const plain = translate(productpage, push);
    const selected = translate(canary, push);
    const name = `outbound|9080||${REVIEWS}`;
    expect(byName(plain.clusters, name)?.lb_policy).toBe('LEAST_REQUEST');
    expect(byName(selected.clusters, name)?.lb_policy).toBe('RANDOM');
    const shop = translate(shopClient, push);
    expect(byName(shop.clusters, name)).not.toBe(byName(plain.clusters, name));
  });
});

describe('unit keys', () => {
  it('a cluster name Envoy asks for never reaches another kind of cached resource', async () => {
    const { registry } = await start();
    const push = new PushContext(registry);
    const t = translate(productpage, push);
    const sink = new MessageSink();
    // Names shaped like the cache's own unit keys: EDS must treat them as unknown clusters, nothing else.
    const asked = buildEndpoints(productpage, push, sink, [
      'r|9080',
      's|blackhole',
      'l',
      `outbound|9080||${REVIEWS}`,
    ]);
    expect(asked.map((e) => e.cluster_name)).toEqual([`outbound|9080||${REVIEWS}`]);
    expect(buildRoutes(productpage, push, sink)).toEqual(t.routes);
  });
});

describe('across pushes', () => {
  it('a VirtualService edit rebuilds only the virtual host of its host and the route config holding it', async () => {
    let { registry, cache } = await start();
    const before = translate(productpage, new PushContext(registry, {}, { cache }));
    const [v3] = await load([net('virtual-service-reviews-v3.yaml')]);
    if (v3 === undefined) throw new Error('sample missing');
    const next = applyAndPush(registry, cache, { upsert: [v3] });
    registry = next.registry;
    const after = translate(productpage, next.push);
    for (const [i, c] of before.clusters.entries()) expect(after.clusters[i]).toBe(c);
    for (const [i, e] of before.endpoints.entries()) expect(after.endpoints[i]).toBe(e);
    for (const [i, l] of before.listeners.entries()) expect(after.listeners[i]).toBe(l);
    const hosts = (t: Translation) => byName(t.routes, '9080')?.virtual_hosts ?? [];
    expect(byName(after.routes, '9080')).not.toBe(byName(before.routes, '9080'));
    for (const vh of hosts(after)) {
      const old = byName(hosts(before), vh.name ?? '');
      if (vh.name === `${REVIEWS}:9080`) expect(vh).not.toBe(old);
      else expect(vh).toBe(old);
    }
    // The incremental output routes as the new VirtualService says.
    const call = { port: 9080, host: 'reviews:9080' };
    expect(simulate(after, call).cluster).toBe(`outbound|9080|v3|${REVIEWS}`);
    expect(simulate(before, call).cluster).toBe(`outbound|9080||${REVIEWS}`);
    expectEncodes(after);
  });

  it('an endpoint change rebuilds the assignments of its service only', async () => {
    const { registry, cache } = await start();
    const before = translate(reviewsV2, new PushContext(registry, {}, { cache }));
    const we = yaml(workloadEntryYaml('reviews-vm', 'default', 'reviews', 'v3', '10.5.0.7'));
    const { push } = applyAndPush(registry, cache, { upsert: we });
    const after = translate(reviewsV2, push);
    expect(after.endpoints.length).toBe(before.endpoints.length);
    for (const e of after.endpoints) {
      const old = before.endpoints.find((x) => x.cluster_name === e.cluster_name);
      if (e.cluster_name === `outbound|9080||${REVIEWS}` || e.cluster_name === `outbound|9080|v3|${REVIEWS}`)
        expect(JSON.stringify(e)).toContain('10.5.0.7');
      if (!e.cluster_name?.endsWith(REVIEWS)) expect(e).toBe(old);
    }
    expectEncodes(after);
  });

  it('a change the proxy does not see leaves every resource of its translation the same object', async () => {
    const base = await start();
    let registry = base.registry;
    const { cache } = base;
    // A service of namespace shop visible only there: productpage (default) never sees it.
    const hidden = yaml(serviceYaml('ledger', 'shop', true));
    registry = registry.apply({ upsert: hidden }).registry;
    const before = translate(productpage, new PushContext(registry, {}, { cache }));
    const shopBefore = translate(shopClient, new PushContext(registry, {}, { cache }));
    const edits = [
      { upsert: yaml(workloadEntryYaml('ledger-1', 'shop', 'ledger', 'v1', '10.6.0.1')) },
      {
        upsert: yaml(`apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: ledger, namespace: shop }
spec: { host: ledger, exportTo: ["."], trafficPolicy: { loadBalancer: { simple: RANDOM } } }`),
      },
    ];
    let push = new PushContext(registry, {}, { cache });
    for (const update of edits) {
      const next = applyAndPush(registry, cache, update);
      registry = next.registry;
      push = next.push;
    }
    const after = translate(productpage, push);
    const same = resourcesOf(after);
    expect(same.length).toBe(resourcesOf(before).length);
    for (const [i, r] of resourcesOf(before).entries()) expect(same[i]).toBe(r);
    // The shop client sees ledger: its ledger clusters changed, the rest did not.
    const shopAfter = translate(shopClient, push);
    const ledger = 'outbound|9080||ledger.shop.svc.cluster.local';
    expect(byName(shopAfter.clusters, ledger)?.lb_policy).toBe('RANDOM');
    expect(byName(shopAfter.clusters, ledger)).not.toBe(byName(shopBefore.clusters, ledger));
    const details = `outbound|9080||details.default.svc.cluster.local`;
    expect(byName(shopAfter.clusters, details)).toBe(byName(shopBefore.clusters, details));
  });
});
