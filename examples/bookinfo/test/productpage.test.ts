// productpage end to end over real HTTP: the page from details and reviews v1/v2/v3 (stars, colours, instance
// names), the error texts when a backend is down, slow or failing, and the timeouts and retries of Istio's
// productpage.py, with every backend reached by name through a sidecar stand-in (HTTP_PROXY).
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

async function bookinfo(version: 'v1' | 'v2' | 'v3') {
  await apps.details();
  await apps.ratings();
  await apps.reviews(version);
  return apps.productpage();
}

describe('the product page', () => {
  it('shows details and reviews v1 without stars, naming the reviews instance', async () => {
    const pp = await bookinfo('v1');
    const page = await apps.get(`${pp.url}/productpage`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('The Comedy of Errors');
    expect(page.text).toContain('Book Details');
    expect(page.text).toContain('PublisherA');
    expect(page.text).toContain('Reviews served by: reviews-v1-test');
    expect(page.text).toContain('An extremely entertaining play by Shakespeare.');
    expect(page.text).not.toContain('glyphicon-star');
    // v1 calls nobody: productpage made one call to details and one to reviews, reviews none to ratings.
    expect(mesh.to('details:9080').map((r) => r.path)).toEqual(['/details/0']);
    expect(mesh.to('reviews:9080').map((r) => r.path)).toEqual(['/reviews/0']);
    expect(mesh.to('ratings:9080')).toHaveLength(0);
    expect(mesh.requests.every((r) => r.absoluteForm)).toBe(true);
  });

  it.each([
    ['v2', 'black'],
    ['v3', 'red'],
  ] as const)('shows reviews %s with %s stars: 5 for Reviewer1, 4 for Reviewer2', async (version, color) => {
    const pp = await bookinfo(version);
    const page = await apps.get(`${pp.url}/productpage`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Reviews served by: reviews-${version}-test`);
    expect(count(page.text, 'class="glyphicon glyphicon-star"')).toBe(9);
    expect(count(page.text, 'class="glyphicon glyphicon-star-empty"')).toBe(1);
    expect(count(page.text, `<font color="${color}" class="stars text-${color}-500">`)).toBe(2);
    const other = color === 'black' ? 'red' : 'black';
    expect(page.text).not.toContain(`text-${other}-500"`);
    expect(mesh.to('ratings:9080').map((r) => r.path)).toEqual(['/ratings/0']);
  });

  it('shows the reviews error when reviews is down, after two attempts', async () => {
    await apps.details();
    const pp = await apps.productpage();
    const page = await apps.get(`${pp.url}/productpage`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Error fetching product reviews');
    expect(page.text).toContain(REVIEWS_UNAVAILABLE);
    expect(page.text).toContain('Book Details');
    expect(mesh.to('reviews:9080')).toHaveLength(2);
  });

  it('shows the details error when details is down, and still the reviews', async () => {
    await apps.reviews('v1');
    const pp = await apps.productpage();
    const page = await apps.get(`${pp.url}/productpage`);
    expect(page.text).toContain('Error fetching product details');
    expect(page.text).toContain('Sorry, product details are currently unavailable for this book.');
    expect(page.text).toContain('Reviews served by: reviews-v1-test');
    expect(mesh.to('details:9080')).toHaveLength(1);
  });

  it('shows "Ratings service is currently unavailable" for both reviewers when ratings fails', async () => {
    const pp = await bookinfo('v2');
    mesh.faults.set('ratings:9080', { abortStatus: 500 });
    const page = await apps.get(`${pp.url}/productpage`);
    expect(page.status).toBe(200);
    expect(count(page.text, RATINGS_UNAVAILABLE)).toBe(2);
    expect(page.text).not.toContain('glyphicon-star');
    expect(page.text).toContain('Reviews served by: reviews-v2-test');
  });

  it('retries reviews once: a 503 then a 200 shows the reviews', async () => {
    const pp = await bookinfo('v1');
    mesh.faults.set('reviews:9080', { abortStatus: 503, times: 1 });
    const page = await apps.get(`${pp.url}/productpage`);
    expect(page.text).toContain('Reviews served by: reviews-v1-test');
    expect(mesh.to('reviews:9080')).toHaveLength(2);
  });

  it('gives reviews a deadline per attempt: a slow reviews shows the error after two timeouts', async () => {
    await apps.details();
    await apps.reviews('v1');
    mesh.faults.set('reviews:9080', { delayMs: 1500 });
    const pp = await apps.productpage({ timeoutMs: 300 });
    const t0 = performance.now();
    const page = await apps.get(`${pp.url}/productpage`);
    const ms = performance.now() - t0;
    expect(page.text).toContain(REVIEWS_UNAVAILABLE);
    expect(mesh.to('reviews:9080')).toHaveLength(2);
    expect(ms).toBeGreaterThanOrEqual(580);
    expect(ms).toBeLessThan(1400);
  });
});

describe('users', () => {
  it('signs in with the form, forwards end-user, and signs out', async () => {
    const pp = await bookinfo('v1');
    const login = await apps.get(
      `${pp.url}/login`,
      { 'content-type': 'application/x-www-form-urlencoded', referer: `${pp.url}/productpage` },
      'POST',
      'username=jason&passwd=password',
    );
    expect(login.status).toBe(302);
    expect(login.headers.location).toBe('/productpage');
    const setCookie = String(login.headers['set-cookie']);
    expect(setCookie).toMatch(/^user=jason;/);
    const cookie = setCookie.split(';')[0] ?? '';

    const page = await apps.get(`${pp.url}/productpage`, { cookie });
    expect(page.text).toContain('<span class="user">jason</span>');
    expect(page.text).toContain('Sign out');
    for (const r of [...mesh.to('details:9080'), ...mesh.to('reviews:9080')]) {
      expect(r.headers['end-user']).toBe('jason');
      expect(r.headers.cookie).toBe(cookie);
    }

    const logout = await apps.get(`${pp.url}/logout`, { cookie, referer: `${pp.url}/productpage` });
    expect(logout.status).toBe(302);
    expect(String(logout.headers['set-cookie'])).toMatch(/^user=; Path=\/; Max-Age=0/);
    mesh.requests.length = 0;
    const anonymous = await apps.get(`${pp.url}/productpage`);
    expect(anonymous.text).toContain('Sign in');
    expect(mesh.to('reviews:9080')[0]?.headers['end-user']).toBeUndefined();
  });

  it('forwards end-user down to ratings through reviews v2', async () => {
    const pp = await bookinfo('v2');
    await apps.get(`${pp.url}/productpage`, { cookie: 'user=jason' });
    expect(mesh.to('ratings:9080')[0]?.headers['end-user']).toBe('jason');
  });
});

describe('header propagation', () => {
  it('copies the tracing and context headers as productpage.py does, and re-injects b3 as x-b3-*', async () => {
    const pp = await bookinfo('v2');
    const incoming = {
      'x-request-id': 'req-42',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      tracestate: 'rojo=00f067aa0ba902b7',
      b3: '80f198ee56343ba8-e457b5a2e4d86bd1-1-05e3ac9a4f6e3b90',
      'x-ot-span-context': 'ot',
      sw8: 'sw8-value',
      authorization: 'Bearer abc',
      'user-agent': 'bookinfo-test/1.0',
      'x-not-forwarded': 'nope',
    };
    await apps.get(`${pp.url}/productpage`, incoming);
    const toReviews = mesh.to('reviews:9080')[0]?.headers ?? {};
    expect(toReviews['x-request-id']).toBe('req-42');
    expect(toReviews.traceparent).toBe(incoming.traceparent);
    expect(toReviews.tracestate).toBe(incoming.tracestate);
    expect(toReviews['x-ot-span-context']).toBe('ot');
    expect(toReviews.sw8).toBe('sw8-value');
    expect(toReviews.authorization).toBe('Bearer abc');
    expect(toReviews['user-agent']).toBe('bookinfo-test/1.0');
    expect(toReviews['x-not-forwarded']).toBeUndefined();
    // The single b3 header becomes OpenTelemetry's multi headers: 64-bit trace id widened, no parent id.
    expect(toReviews.b3).toBeUndefined();
    expect(toReviews['x-b3-traceid']).toBe('000000000000000080f198ee56343ba8');
    expect(toReviews['x-b3-spanid']).toBe('e457b5a2e4d86bd1');
    expect(toReviews['x-b3-sampled']).toBe('1');
    expect(toReviews['x-b3-parentspanid']).toBeUndefined();
    // reviews copies its list on to ratings, x-b3-* included.
    const toRatings = mesh.to('ratings:9080')[0]?.headers ?? {};
    expect(toRatings['x-request-id']).toBe('req-42');
    expect(toRatings['x-b3-traceid']).toBe('000000000000000080f198ee56343ba8');
    expect(toRatings.traceparent).toBe(incoming.traceparent);
    expect(toRatings['x-not-forwarded']).toBeUndefined();
  });

  it('forwards no b3 context when the incoming one is invalid', async () => {
    const pp = await bookinfo('v1');
    await apps.get(`${pp.url}/productpage`, { 'x-b3-traceid': 'not-hex', 'x-b3-spanid': 'e457b5a2e4d86bd1' });
    const h = mesh.to('details:9080')[0]?.headers ?? {};
    expect(h['x-b3-traceid']).toBeUndefined();
    expect(h['x-b3-spanid']).toBeUndefined();
  });
});

describe('the JSON API', () => {
  it('lists products and serves details, reviews and ratings of one, naming the instances', async () => {
    const pp = await bookinfo('v3');
    const products = await apps.get(`${pp.url}/api/v1/products`);
    expect(JSON.parse(products.text)).toEqual([
      expect.objectContaining({ id: 0, title: 'The Comedy of Errors' }),
    ]);
    const details = JSON.parse((await apps.get(`${pp.url}/api/v1/products/0`)).text);
    expect(details).toMatchObject({ id: 0, publisher: 'PublisherA', podname: 'details-v1-test' });
    const reviews = JSON.parse((await apps.get(`${pp.url}/api/v1/products/0/reviews`)).text);
    expect(reviews.podname).toBe('reviews-v3-test');
    expect(reviews.reviews[0].rating).toEqual({ stars: 5, color: 'red' });
    const ratings = JSON.parse((await apps.get(`${pp.url}/api/v1/products/0/ratings`)).text);
    expect(ratings).toEqual({ id: 0, ratings: { Reviewer1: 5, Reviewer2: 4 }, podname: 'ratings-v1-test' });
  });

  it("passes a backend's status through, and 500 with the error text when it cannot be reached", async () => {
    await apps.details();
    const pp = await apps.productpage();
    const bad = await apps.get(`${pp.url}/api/v1/products/abc`);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text)).toEqual({
      error: 'Sorry, product details are currently unavailable for this book.',
    });
    const down = await apps.get(`${pp.url}/api/v1/products/0/reviews`);
    expect(down.status).toBe(502); // the stand-in has no route to reviews, as a REGISTRY_ONLY sidecar
    expect(JSON.parse(down.text)).toEqual({ error: REVIEWS_UNAVAILABLE });
  });

  it('answers /health and the index page', async () => {
    const pp = await apps.productpage();
    const health = await apps.get(`${pp.url}/health`);
    expect([health.status, health.text]).toEqual([200, 'Product page is healthy']);
    const index = await apps.get(`${pp.url}/`);
    expect(index.text).toContain('/productpage?u=normal');
  });
});
