// How a TranslationCache follows registry versions: chained advances before one push, a push of an older version
// after the cache moved on, a version reached without advance (reset), a mesh config change, and scopes that a
// label-selected Sidecar splits. In every case the output equals a fresh full translation.
import { buildRegistry, type Registry } from '@minimesh/model';
import { describe, expect, it } from 'vitest';
import { TranslationCache } from '../../src/cache/translation-cache.js';
import type { MeshConfig } from '../../src/mesh-config.js';
import type { MeshProxy } from '../../src/proxy.js';
import { PushContext } from '../../src/push-context.js';
import { simulate } from '../../src/simulate/simulate.js';
import { type Translation, translate } from '../../src/translate.js';
import { load, net, SAMPLES, WORKLOADS } from '../route/fixtures.js';
import {
  expectEncodes,
  ingressGateway,
  mesh,
  productpage,
  productpage2,
  workloadEntryYaml,
  yaml,
} from './helpers.js';

const json = (t: Translation) => JSON.stringify(t);

function fresh(proxy: MeshProxy, registry: Registry, meshConfig: Partial<MeshConfig> = {}): string {
  return json(translate(proxy, new PushContext(registry, meshConfig)));
}

async function base(): Promise<Registry> {
  return buildRegistry((await mesh()).base, { workloads: WORKLOADS });
}

describe('TranslationCache across registry versions', () => {
  it('chained advances before one push rebuild what any of them touched', async () => {
    const cache = new TranslationCache();
    const a = await base();
    translate(productpage, new PushContext(a, {}, { cache }));
    const [v3] = await load([net('virtual-service-reviews-v3.yaml')]);
    if (v3 === undefined) throw new Error('sample missing');
    const ab = a.apply({ upsert: [v3] });
    cache.advance(a, ab);
    const bc = ab.registry.apply({
      upsert: yaml(workloadEntryYaml('ratings-vm', 'default', 'ratings', 'v1', '10.7.0.1')),
    });
    cache.advance(ab.registry, bc);
    const c = bc.registry;
    const t = translate(productpage, new PushContext(c, {}, { cache }));
    expect(json(t)).toBe(fresh(productpage, c));
    expect(simulate(t, { port: 9080, host: 'reviews:9080' }).cluster).toBe(
      'outbound|9080|v3|reviews.default.svc.cluster.local',
    );
    expect(JSON.stringify(t.endpoints)).toContain('10.7.0.1');
    expectEncodes(t);
  });

  it('a push of an older version, after the cache moved on, translates that version and leaves the cache intact', async () => {
    const cache = new TranslationCache();
    const a = await base();
    const oldPush = new PushContext(a, {}, { cache });
    translate(productpage, oldPush);
    const [v3] = await load([net('virtual-service-reviews-v3.yaml')]);
    if (v3 === undefined) throw new Error('sample missing');
    const ab = a.apply({ upsert: [v3] });
    cache.advance(a, ab);
    const newPush = new PushContext(ab.registry, {}, { cache });
    const current = translate(productpage, newPush);
    // The old push still answers its own version (from a private cache), and does not disturb the shared one.
    expect(json(translate(productpage2, oldPush))).toBe(fresh(productpage2, a));
    expect(json(translate(productpage2, newPush))).toBe(fresh(productpage2, ab.registry));
    expect(json(current)).toBe(fresh(productpage, ab.registry));
    expect(cache.registry).toBe(ab.registry);
  });

  it('a version reached without advance resets the cache instead of reusing stale entries', async () => {
    const cache = new TranslationCache();
    const a = await base();
    translate(productpage, new PushContext(a, {}, { cache }));
    const [v3] = await load([net('virtual-service-reviews-v3.yaml')]);
    if (v3 === undefined) throw new Error('sample missing');
    const b = a.apply({ upsert: [v3] }).registry; // the caller forgot cache.advance
    const t = translate(productpage, new PushContext(b, {}, { cache }));
    expect(json(t)).toBe(fresh(productpage, b));
    expect(simulate(t, { port: 9080, host: 'reviews:9080' }).cluster).toBe(
      'outbound|9080|v3|reviews.default.svc.cluster.local',
    );
  });

  it('with Gateway API objects (translated through their Istio view) a change is still incremental', async () => {
    const gatewayApi = await load([`${SAMPLES}/gateway-api/bookinfo-gateway.yaml`]);
    const a = buildRegistry([...(await mesh()).base, ...gatewayApi], { workloads: WORKLOADS });
    const cache = new TranslationCache();
    translate(productpage, new PushContext(a, {}, { cache }));
    const [v3] = await load([net('virtual-service-reviews-v3.yaml')]);
    if (v3 === undefined) throw new Error('sample missing');
    const ab = a.apply({ upsert: [v3] });
    cache.advance(a, ab);
    const misses = cache.misses;
    const push = new PushContext(ab.registry, {}, { cache });
    const t = translate(productpage, push);
    expect(json(t)).toBe(fresh(productpage, ab.registry));
    // Only the reviews virtual host, its route config and the proxy's own parts were rebuilt.
    expect(cache.misses - misses).toBeLessThan(5);
    const gateway = translate(ingressGateway, push);
    expect(json(gateway)).toBe(fresh(ingressGateway, ab.registry));
    expect(gateway.listeners.length).toBeGreaterThan(0);
  });

  it('a mesh config change rebuilds everything', async () => {
    const cache = new TranslationCache();
    const a = await base();
    const allow = translate(productpage, new PushContext(a, {}, { cache }));
    const strict: Partial<MeshConfig> = { outboundTrafficPolicy: 'REGISTRY_ONLY' };
    const blocked = translate(productpage, new PushContext(a, strict, { cache }));
    expect(json(blocked)).toBe(fresh(productpage, a, strict));
    expect(simulate(allow, { port: 80, host: 'example.com', address: '93.184.216.34' }).outcome).toBe(
      'passthrough',
    );
    expect(simulate(blocked, { port: 80, host: 'example.com', address: '93.184.216.34' }).outcome).toBe(
      'blackhole',
    );
  });

  it('a Sidecar selecting some pods by label gives them their own scope, the other pods keep sharing', async () => {
    const sidecar = yaml(`apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: { name: productpage-only-reviews, namespace: default }
spec:
  workloadSelector: { labels: { pod-template-hash: xyz } }
  egress: [{ hosts: ["./reviews.default.svc.cluster.local"] }]`);
    const registry = buildRegistry([...(await mesh()).base, ...sidecar], { workloads: WORKLOADS });
    const cache = new TranslationCache();
    const push = new PushContext(registry, {}, { cache });
    const narrowed = translate(productpage2, push);
    const wide = translate(productpage, push);
    const hosts = (t: Translation) =>
      [...new Set(t.clusters.map((c) => c.name?.split('|')[3] ?? '').filter((h) => h !== ''))].sort();
    expect(hosts(narrowed)).toEqual(['reviews.default.svc.cluster.local']);
    expect(hosts(wide).length).toBeGreaterThan(4);
    expect(json(narrowed)).toBe(fresh(productpage2, registry));
    expect(json(wide)).toBe(fresh(productpage, registry));
  });
});
