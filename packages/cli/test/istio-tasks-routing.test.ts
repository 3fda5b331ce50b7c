// Istio's bookinfo traffic tasks on a real `mesh dev`: request routing, fault injection, traffic shifting and
// request timeouts, each with the YAML Istio's task applies (../shared/istio-samples, unchanged; the timeouts task's
// inline YAML is our networking/request-timeouts), asserting the outcome the task page describes, with real HTTP
// through the ingress gateway. One mesh for the file; each test applies its configs and deletes them after.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ISTIO_NETWORKING,
  login,
  meshApply,
  meshDelete,
  OUR_NETWORKING,
  productPage,
  RATINGS_ERROR,
  REVIEWS_ERROR,
  reviewsVersion,
  starColour,
  startTaskMesh,
  type TaskMesh,
  waitForPage,
} from './istio-tasks-helpers.js';

const istio = (file: string) => join(ISTIO_NETWORKING, file);
const ALL_V1 = istio('virtual-service-all-v1.yaml');
const TEST_V2 = istio('virtual-service-reviews-test-v2.yaml');

let mesh: TaskMesh;
/** The running test applied VirtualServices (the DestinationRules stay for the whole file). */
let applied = false;

/**
 * `mesh apply -f` of each file in turn (as the task's steps; one apply may not name a resource twice). Every test
 * starts with all-v1, which names the four VirtualServices the others replace: deleting it after the test
 * removes whatever the test left.
 */
async function apply(...files: string[]): Promise<string> {
  let stdout = '';
  for (const f of files) stdout += await meshApply(mesh, f);
  applied = true;
  return stdout;
}

beforeAll(async () => {
  mesh = await startTaskMesh();
  // Every task starts from Istio's subsets (Istio's "Apply default destination rules").
  await meshApply(mesh, istio('destination-rule-all.yaml'));
}, 120_000);

afterEach(async () => {
  if (applied) await meshDelete(mesh, ALL_V1);
  applied = false;
}, 30_000);

afterAll(async () => {
  await mesh?.close();
}, 30_000);

describe('request routing (Istio: Request Routing)', () => {
  it('virtual-service-all-v1.yaml: every page is served by reviews v1, with no stars', async () => {
    const stdout = await apply(ALL_V1);
    expect(stdout).toMatch(/^virtualservice\.networking\.istio\.io\/reviews created$/m);
    await waitForPage(mesh, (b) => reviewsVersion(b) === 'v1', 'a v1 page');
    for (let i = 0; i < 15; i++) {
      const r = await productPage(mesh);
      expect(r.status).toBe(200);
      expect(reviewsVersion(r.body)).toBe('v1');
      expect(starColour(r.body)).toBe('none');
    }
  }, 60_000);

  it('virtual-service-reviews-test-v2.yaml: jason sees black stars (v2), anybody else v1', async () => {
    await apply(ALL_V1, TEST_V2);
    const jason = await login(mesh.gatewayUrl, 'jason');
    await waitForPage(mesh, (b) => reviewsVersion(b) === 'v2', 'a v2 page for jason', jason);
    const other = await login(mesh.gatewayUrl, 'mary');
    for (let i = 0; i < 8; i++) {
      const j = await productPage(mesh, jason);
      expect(j.body).toContain('jason');
      expect(reviewsVersion(j.body)).toBe('v2');
      expect(starColour(j.body)).toBe('black');
      const m = await productPage(mesh, other);
      expect(reviewsVersion(m.body)).toBe('v1');
      expect(starColour(m.body)).toBe('none');
      const anonymous = await productPage(mesh);
      expect(reviewsVersion(anonymous.body)).toBe('v1');
    }
  }, 60_000);
});

describe('fault injection (Istio: Fault Injection)', () => {
  it('virtual-service-ratings-test-delay.yaml: jason’s page shows the reviews error, others are fine', async () => {
    await apply(ALL_V1, TEST_V2, istio('virtual-service-ratings-test-delay.yaml'));
    const jason = await login(mesh.gatewayUrl, 'jason');
    // ratings answers jason after 7 s; productpage gives reviews 3 s and tries twice, so the page gives up.
    const j = await waitForPage(mesh, (b) => b.includes(REVIEWS_ERROR), 'the reviews error for jason', jason);
    expect(j.body).toContain('jason');
    expect(j.body).not.toContain('Reviews served by');
    for (let i = 0; i < 5; i++) {
      const anonymous = await productPage(mesh);
      expect(anonymous.body).not.toContain(REVIEWS_ERROR);
      expect(reviewsVersion(anonymous.body)).toBe('v1');
    }
  }, 60_000);

  it('virtual-service-ratings-test-abort.yaml: jason sees "Ratings service is currently unavailable"', async () => {
    await apply(ALL_V1, TEST_V2, istio('virtual-service-ratings-test-abort.yaml'));
    const jason = await login(mesh.gatewayUrl, 'jason');
    await waitForPage(mesh, (b) => b.includes(RATINGS_ERROR), 'the ratings error for jason', jason);
    for (let i = 0; i < 5; i++) {
      const j = await productPage(mesh, jason);
      expect(reviewsVersion(j.body)).toBe('v2');
      expect(j.body).toContain(RATINGS_ERROR);
      expect(j.body).not.toContain('glyphicon-star');
      const anonymous = await productPage(mesh);
      expect(reviewsVersion(anonymous.body)).toBe('v1');
      expect(anonymous.body).not.toContain(RATINGS_ERROR);
    }
  }, 60_000);
});

describe('traffic shifting (Istio: Traffic Shifting)', () => {
  it('virtual-service-reviews-50-v3.yaml: about half v1 and half v3 over 400 pages, none v2; then all v3', async () => {
    await apply(ALL_V1);
    await apply(istio('virtual-service-reviews-50-v3.yaml'));
    await waitForPage(mesh, (b) => reviewsVersion(b) === 'v3', 'a v3 page');
    const counts: Record<string, number> = {};
    const one = async () => {
      const r = await productPage(mesh);
      expect(r.status).toBe(200);
      const v = reviewsVersion(r.body) ?? 'none';
      expect(starColour(r.body)).toBe(v === 'v3' ? 'red' : 'none');
      counts[v] = (counts[v] ?? 0) + 1;
    };
    // 4 clients of 100 pages each.
    await Promise.all(
      [0, 1, 2, 3].map(async () => {
        for (let i = 0; i < 100; i++) await one();
      }),
    );
    expect(Object.keys(counts).sort()).toEqual(['v1', 'v3']);
    // 50 % +- 8 points: 3.2 standard deviations of 400 fair draws (a false failure about once in 700 runs).
    expect(counts.v1).toBeGreaterThanOrEqual(168);
    expect(counts.v1).toBeLessThanOrEqual(232);
    expect((counts.v1 ?? 0) + (counts.v3 ?? 0)).toBe(400);

    await apply(istio('virtual-service-reviews-v3.yaml'));
    await waitForPage(mesh, (b) => reviewsVersion(b) === 'v3', 'a v3 page');
    // After the first v3 page the push has reached productpage's sidecar: every page is v3.
    for (let i = 0; i < 20; i++) {
      const r = await productPage(mesh);
      expect(reviewsVersion(r.body)).toBe('v3');
      expect(starColour(r.body)).toBe('red');
    }
  }, 90_000);
});

describe('request timeouts (Istio: Request Timeouts)', () => {
  const timeouts = (file: string) => join(OUR_NETWORKING, 'request-timeouts', file);

  it('reviews to v2 and a 2 s delay on ratings: stars, late; a 0.5 s timeout on reviews: the reviews error', async () => {
    await apply(ALL_V1, timeouts('virtual-service-reviews-v2.yaml'));
    await waitForPage(mesh, (b) => reviewsVersion(b) === 'v2', 'a v2 page');
    await apply(timeouts('virtual-service-ratings-delay-2s.yaml'));
    // reviews v2 waits up to 10 s for ratings: the 2 s delay only makes the page late.
    const late = await productPage(mesh);
    expect(reviewsVersion(late.body)).toBe('v2');
    expect(starColour(late.body)).toBe('black');
    expect(late.body).not.toContain(RATINGS_ERROR);

    await apply(timeouts('virtual-service-reviews-timeout.yaml'));
    // reviews (2 s behind ratings) now gets 0.5 s per call; productpage tries twice and shows the error.
    const r = await waitForPage(mesh, (b) => b.includes(REVIEWS_ERROR), 'the reviews error');
    expect(r.body).not.toContain('Reviews served by');
    const again = await productPage(mesh);
    expect(again.status).toBe(200);
    expect(again.body).toContain(REVIEWS_ERROR);
  }, 60_000);
});
