// details, reviews and ratings on their own, over real HTTP: answers, versions, faults and the reviews ->
// ratings deadlines (10 s for black stars, 2.5 s for red) that the fault-injection and timeout tasks rely on.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBooksApi } from '../src/books-api/books-api-app.js';
import { detailsConfigFromEnv, startDetails } from '../src/details/details-app.js';
import { RATINGS_UNAVAILABLE, reviewsConfigFromEnv } from '../src/reviews/reviews-app.js';
import { Apps, LOOPBACK } from './apps.js';
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

const json = async (p: Promise<{ status: number; text: string }>) => {
  const r = await p;
  return { status: r.status, body: JSON.parse(r.text) as Record<string, unknown> };
};

describe('details', () => {
  it('serves the book, a 400 for a non-numeric id, and /health', async () => {
    const d = await apps.details('details-v1-abc');
    expect(await json(apps.get(`${d.url}/details/7`))).toEqual({
      status: 200,
      body: {
        id: 7,
        author: 'William Shakespeare',
        year: 1595,
        type: 'paperback',
        pages: 200,
        publisher: 'PublisherA',
        language: 'English',
        'ISBN-10': '1234567890',
        'ISBN-13': '123-1234567890',
        podname: 'details-v1-abc',
      },
    });
    expect(await json(apps.get(`${d.url}/details/seven`))).toEqual({
      status: 400,
      body: { error: 'please provide numeric product id' },
    });
    expect(await json(apps.get(`${d.url}/health`))).toEqual({
      status: 200,
      body: { status: 'Details is healthy' },
    });
    expect(apps.logs.some((l) => l.includes('"GET /details/7 HTTP/1.1" 200'))).toBe(true);
  });

  it('v2 reads the external book service by name through the sidecar, and answers 400 when it cannot', async () => {
    const books = await startBooksApi({ listen: LOOPBACK, podName: 'books-api-test', log: apps.log });
    try {
      const env = {
        SERVICE_VERSION: 'v2',
        ENABLE_EXTERNAL_BOOK_SERVICE: 'true',
        EXTERNAL_BOOK_URL: 'http://books.external.test:18090',
        POD_NAME: 'details-v2-test',
      };
      const config = {
        ...detailsConfigFromEnv(env),
        listen: LOOPBACK,
        dispatcher: mesh.dispatcher(),
        log: apps.log,
      };
      const d = await startDetails(config);
      // No ServiceEntry yet: the sidecar has no route to the external host.
      const refused = await json(apps.get(`${d.url}/details/0`, { 'x-request-id': 'r1' }));
      expect(refused.status).toBe(400);
      expect(String(refused.body.error)).toContain('answered 502');
      mesh.routes.set('books.external.test:18090', books.url);
      const ok = await json(apps.get(`${d.url}/details/0`, { 'x-request-id': 'r2' }));
      expect(ok).toEqual({
        status: 200,
        body: {
          id: 0,
          author: 'William Shakespeare',
          year: '2002',
          type: 'paperback',
          pages: 80,
          publisher: 'Dover Publications',
          language: 'English',
          'ISBN-10': '0486424618',
          'ISBN-13': '9780486424613',
          podname: 'details-v2-test',
        },
      });
      const calls = mesh.to('books.external.test:18090');
      expect(calls.map((c) => c.path)).toEqual([
        '/books/v1/volumes?q=isbn:0486424618',
        '/books/v1/volumes?q=isbn:0486424618',
      ]);
      expect(calls[1]?.headers['x-request-id']).toBe('r2');
      await d.close(100);
    } finally {
      await books.close(100);
    }
  });
});

describe('ratings', () => {
  it('serves the default ratings, takes posted ones, and rejects bad ids and bodies', async () => {
    const r = await apps.ratings();
    expect(await json(apps.get(`${r.url}/ratings/1`))).toEqual({
      status: 200,
      body: { id: 1, ratings: { Reviewer1: 5, Reviewer2: 4 }, podname: 'ratings-v1-test' },
    });
    const posted = await json(
      apps.get(
        `${r.url}/ratings/1`,
        { 'content-type': 'application/json' },
        'POST',
        '{"Reviewer1":1,"Reviewer2":2}',
      ),
    );
    expect(posted.body.ratings).toEqual({ Reviewer1: 1, Reviewer2: 2 });
    expect((await json(apps.get(`${r.url}/ratings/1`))).body.ratings).toEqual({ Reviewer1: 1, Reviewer2: 2 });
    expect((await json(apps.get(`${r.url}/ratings/2`))).body.ratings).toEqual({ Reviewer1: 5, Reviewer2: 4 });
    expect(await json(apps.get(`${r.url}/ratings/x`))).toEqual({
      status: 400,
      body: { error: 'please provide numeric product ID' },
    });
    expect((await json(apps.get(`${r.url}/ratings/1`, {}, 'POST', '{oops'))).status).toBe(400);
    expect(await json(apps.get(`${r.url}/health`))).toEqual({
      status: 200,
      body: { status: 'Ratings is healthy' },
    });
  });

  it('v-faulty answers 503 when its draw is at most 0.5, v-delayed waits then', async () => {
    const draws = [0.3, 0.7];
    const faulty = await apps.ratings({ version: 'v-faulty', random: () => draws.shift() ?? 1 });
    expect((await apps.get(`${faulty.url}/ratings/0`)).status).toBe(503);
    expect((await apps.get(`${faulty.url}/ratings/0`)).status).toBe(200);
    const delayed = await apps.ratings({ version: 'v-delayed', delayMs: 400, random: () => 0.2 });
    const t0 = performance.now();
    expect((await apps.get(`${delayed.url}/ratings/0`)).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(390);
  });
});

describe('reviews', () => {
  it('v1 shows no ratings and never calls ratings', async () => {
    const r = await apps.reviews('v1');
    const { body } = await json(apps.get(`${r.url}/reviews/0`));
    expect(body).toMatchObject({ id: '0', podname: 'reviews-v1-test', clustername: 'null' });
    expect(body.reviews).toEqual([
      { reviewer: 'Reviewer1', text: expect.stringContaining('slapstick') },
      { reviewer: 'Reviewer2', text: expect.stringContaining('thematic depth') },
    ]);
    expect(mesh.requests).toHaveLength(0);
  });

  it('v2 and v3 take their stars from ratings, black and red', async () => {
    await apps.ratings();
    await apps.get(`${mesh.routes.get('ratings:9080')}/ratings/0`, {}, 'POST', '{"Reviewer1":3}');
    for (const [version, color] of [
      ['v2', 'black'],
      ['v3', 'red'],
    ] as const) {
      const r = await apps.reviews(version, {}, false);
      const { body } = await json(
        apps.get(`${r.url}/reviews/0`, { 'end-user': 'jason', 'x-b3-parentspanid': 'abc' }),
      );
      expect(body.reviews).toEqual([
        expect.objectContaining({ reviewer: 'Reviewer1', rating: { stars: 3, color } }),
        // A reviewer ratings does not rate shows the ratings error, as in the Java service.
        expect.objectContaining({ reviewer: 'Reviewer2', rating: { error: RATINGS_UNAVAILABLE } }),
      ]);
    }
    const calls = mesh.to('ratings:9080');
    expect(calls).toHaveLength(2);
    expect(
      calls.every((c) => c.headers['end-user'] === 'jason' && c.headers['x-b3-parentspanid'] === 'abc'),
    ).toBe(true);
  });

  it('waits 2.5 s for ratings with red stars and 10 s with black (Istio defaults)', async () => {
    expect(reviewsConfigFromEnv({ SERVICE_VERSION: 'v3' }).ratingsTimeoutMs).toBe(2500);
    expect(reviewsConfigFromEnv({ SERVICE_VERSION: 'v2' }).ratingsTimeoutMs).toBe(10_000);
    // ratings answers after 3 s: v3 gives up at 2.5 s, v2 still shows its stars.
    await apps.ratings();
    mesh.faults.set('ratings:9080', { delayMs: 3000 });
    const v2 = await apps.reviews('v2', {}, false);
    const v3 = await apps.reviews('v3', {}, false);
    const timed = async (url: string) => {
      const t0 = performance.now();
      const r = await json(apps.get(url));
      return { ms: performance.now() - t0, reviews: r.body.reviews as { rating: unknown }[] };
    };
    const [black, red] = await Promise.all([timed(`${v2.url}/reviews/0`), timed(`${v3.url}/reviews/0`)]);
    expect(red.reviews[0]?.rating).toEqual({ error: RATINGS_UNAVAILABLE });
    expect(red.ms).toBeGreaterThanOrEqual(2450);
    expect(black.reviews[0]?.rating).toEqual({ stars: 5, color: 'black' });
    expect(black.ms).toBeGreaterThanOrEqual(2990);
  });

  it('reads ENABLE_RATINGS and STAR_COLOR as Istio images set them', () => {
    const c = reviewsConfigFromEnv({ SERVICE_VERSION: 'v1', ENABLE_RATINGS: 'true', STAR_COLOR: 'red' });
    expect([c.ratingsEnabled, c.starColor, c.ratingsTimeoutMs]).toEqual([true, 'red', 2500]);
    const d = reviewsConfigFromEnv({
      SERVICE_VERSION: 'v2',
      ENABLE_RATINGS: 'false',
      RATINGS_HOSTNAME: 'r',
      SERVICES_DOMAIN: 'ns.svc',
    });
    expect([d.ratingsEnabled, d.starColor, d.ratingsUrl]).toEqual([false, 'black', 'http://r.ns.svc:9080']);
  });
});
