// The correctness rule of incremental translation: along a seeded random walk of changes (VirtualService and
// DestinationRule edits and removals, services added and removed, endpoints added, moved and removed, a policy
// change that invalidates everything), the translation through a TranslationCache advanced by each apply equals a
// fresh full translation of the same version byte for byte (JSON of listeners, routes, clusters, endpoints and
// messages), for sidecars of two namespaces, one with a locality, and for the ingress gateway.
import { buildRegistry, type Registry } from '@minimesh/model';
import { describe, expect, it } from 'vitest';
import { TranslationCache } from '../../src/cache/translation-cache.js';
import { PushContext } from '../../src/push-context.js';
import { type Translation, translate } from '../../src/translate.js';
import { WORKLOADS } from '../route/fixtures.js';
import {
  type ChangeKind,
  expectEncodes,
  ingressGateway,
  mesh,
  productpage,
  productpage2,
  random,
  randomChange,
  reviewsV2,
  shopClient,
} from './helpers.js';

const PROXIES = [productpage, productpage2, reviewsV2, shopClient, ingressGateway];
const KINDS: ChangeKind[] = ['vs-edit', 'vs-remove', 'dr-edit', 'dr-remove', 'service', 'endpoint', 'policy'];
const json = (t: Translation) => JSON.stringify(t);

interface Walk {
  steps: number;
  changed: number;
  reused: number;
  last: Translation[];
  kinds: Set<ChangeKind>;
}

async function walk(seed: number, steps: number): Promise<Walk> {
  const m = await mesh();
  const next = random(seed);
  let registry: Registry = buildRegistry(m.base, { workloads: WORKLOADS });
  const cache = new TranslationCache();
  let last = PROXIES.map((p) => translate(p, new PushContext(registry, {}, { cache })));
  const out: Walk = { steps: 0, changed: 0, reused: 0, last, kinds: new Set() };
  for (let step = 0; step < steps; step++) {
    // Policies (which invalidate everything) are rare, as in a real mesh.
    const kind = next() < 0.05 ? 'policy' : (KINDS[Math.floor(next() * (KINDS.length - 1))] as ChangeKind);
    const result = registry.apply(randomChange(kind, registry, m, next, step));
    cache.advance(registry, result);
    registry = result.registry;
    if (result.changes.length > 0) {
      out.changed++;
      out.kinds.add(kind);
    }
    const push = new PushContext(registry, {}, { cache });
    const hitsBefore = cache.hits;
    last = PROXIES.map((p) => translate(p, push));
    out.reused += cache.hits - hitsBefore;
    for (const [i, t] of last.entries()) {
      const fresh = translate(PROXIES[i] ?? productpage, new PushContext(registry));
      expect(json(t), `seed ${seed} step ${step} (${kind}) proxy ${PROXIES[i]?.id}`).toBe(json(fresh));
    }
    out.steps++;
  }
  out.last = last;
  return out;
}

describe('incremental translation equals a fresh full translation', () => {
  for (const seed of [1, 7, 42]) {
    it(`random walk of 30 changes, seed ${seed}`, { timeout: 120_000 }, async () => {
      const w = await walk(seed, 30);
      expect(w.steps).toBe(30);
      // The walk really changed the mesh, in every way it can, and the cache really reused entries.
      expect(w.changed).toBeGreaterThan(18);
      expect([...w.kinds].sort()).toEqual(
        expect.arrayContaining(['dr-edit', 'endpoint', 'service', 'vs-edit']),
      );
      expect(w.reused).toBeGreaterThan(100);
      for (const t of w.last) expectEncodes(t);
    });
  }
});
