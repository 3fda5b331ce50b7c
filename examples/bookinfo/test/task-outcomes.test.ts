// The outcomes Istio's task pages describe, from the apps' own timeouts and retries at their real (Istio)
// values, with the sidecar's part (fault filter, route timeout, header match) played by the stand-in proxy:
// the 7 s delay for jason, the abort for jason, and the 0.5 s reviews timeout over a 2 s ratings delay.
import type { IncomingHttpHeaders } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REVIEWS_UNAVAILABLE } from '../src/productpage/products.js';
import { RATINGS_UNAVAILABLE } from '../src/reviews/reviews-app.js';
import { Apps, count } from './apps.js';
import { type MeshStub, startMeshStub } from './mesh-stub.js';

let mesh: MeshStub;
let apps: Apps;

beforeEach(async () => {
  mesh = await startMeshStub();
  apps = new Apps(mesh);
});

afterEach(async () => {
  await apps.stopAll();
  await mesh.close();
});

const jason = (h: IncomingHttpHeaders) => h['end-user'] === 'jason';

/** Bookinfo with reviews v2 and productpage at Istio's defaults (3 s per call, 2 tries at reviews). */
async function bookinfoV2() {
  await apps.details();
  await apps.ratings();
  await apps.reviews('v2');
  return apps.productpage();
}

async function timedPage(url: string, headers: Record<string, string> = {}) {
  const t0 = performance.now();
  const page = await apps.get(url, headers);
  return { ms: performance.now() - t0, text: page.text, status: page.status };
}

describe("Istio's task outcomes", () => {
  it('fault injection, 7 s delay on ratings for jason: his page shows the reviews error after about 6 s', async () => {
    const pp = await bookinfoV2();
    mesh.faults.set('ratings:9080', { delayMs: 7000, match: jason });
    const [his, anyone] = await Promise.all([
      timedPage(`${pp.url}/productpage`, { cookie: 'user=jason' }),
      timedPage(`${pp.url}/productpage`),
    ]);
    // reviews v2 would wait 10 s; productpage gives up after two 3 s attempts.
    expect(his.status).toBe(200);
    expect(his.text).toContain(REVIEWS_UNAVAILABLE);
    expect(his.ms).toBeGreaterThanOrEqual(5950);
    expect(his.ms).toBeLessThan(6950);
    expect(mesh.to('reviews:9080').filter((r) => jason(r.headers))).toHaveLength(2);
    // Everybody else is not delayed.
    expect(count(anyone.text, '<font color="black"')).toBe(2);
    expect(anyone.ms).toBeLessThan(2000);
  });

  it('fault injection, abort on ratings for jason: his reviews say the ratings service is unavailable', async () => {
    const pp = await bookinfoV2();
    mesh.faults.set('ratings:9080', { abortStatus: 500, match: jason });
    const his = await timedPage(`${pp.url}/productpage`, { cookie: 'user=jason' });
    expect(count(his.text, RATINGS_UNAVAILABLE)).toBe(2);
    expect(his.text).toContain('Reviews served by: reviews-v2-test');
    const anyone = await timedPage(`${pp.url}/productpage`);
    expect(count(anyone.text, 'class="glyphicon glyphicon-star"')).toBe(9);
  });

  it('request timeouts, 2 s ratings delay: stars after 2 s; with a 0.5 s reviews timeout the error after about 1 s', async () => {
    const pp = await bookinfoV2();
    mesh.faults.set('ratings:9080', { delayMs: 2000 });
    const slow = await timedPage(`${pp.url}/productpage`);
    expect(count(slow.text, '<font color="black"')).toBe(2);
    expect(slow.ms).toBeGreaterThanOrEqual(1990);
    mesh.faults.set('reviews:9080', { routeTimeoutMs: 500 });
    const cut = await timedPage(`${pp.url}/productpage`);
    expect(cut.text).toContain(REVIEWS_UNAVAILABLE);
    // Two tries at reviews, each cut at 0.5 s by the route timeout.
    expect(cut.ms).toBeGreaterThanOrEqual(990);
    expect(cut.ms).toBeLessThan(1900);
  });
});
