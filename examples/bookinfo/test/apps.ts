// Starting the bookinfo apps in this process on 127.0.0.1 port 0, wired through a MeshStub by service name,
// with their access logs captured. Everything started here is closed by `stopAll`.
import { Agent, request } from 'undici';
import type { AppServer } from '../src/common/app-server.js';
import { startDetails } from '../src/details/details-app.js';
import { startHttpbin } from '../src/httpbin/httpbin-app.js';
import { type ProductpageConfig, startProductpage } from '../src/productpage/productpage-app.js';
import { type RatingsConfig, startRatings } from '../src/ratings/ratings-app.js';
import { type ReviewsConfig, reviewsConfigFromEnv, startReviews } from '../src/reviews/reviews-app.js';
import type { MeshStub } from './mesh-stub.js';

export const LOOPBACK = { host: '127.0.0.1', port: 0 } as const;

export class Apps {
  readonly #servers: AppServer[] = [];
  readonly #agent = new Agent();
  /** Access-log and error lines of every app, in order. */
  readonly logs: string[] = [];
  readonly mesh: MeshStub;

  constructor(mesh: MeshStub) {
    this.mesh = mesh;
  }

  #track(s: AppServer, authority?: string): AppServer {
    this.#servers.push(s);
    if (authority !== undefined) this.mesh.routes.set(authority, s.url);
    return s;
  }

  readonly log = (line: string): void => {
    this.logs.push(line);
  };

  async details(podName = 'details-v1-test'): Promise<AppServer> {
    const s = await startDetails({ listen: LOOPBACK, version: 'v1', podName, log: this.log });
    return this.#track(s, 'details:9080');
  }

  async ratings(over: Partial<RatingsConfig> = {}): Promise<AppServer> {
    const s = await startRatings({
      listen: LOOPBACK,
      version: 'v1',
      podName: 'ratings-v1-test',
      log: this.log,
      ...over,
    });
    return this.#track(s, 'ratings:9080');
  }

  /** reviews of `version` with Istio's defaults for it (from SERVICE_VERSION), wired to ratings:9080. */
  async reviews(
    version: 'v1' | 'v2' | 'v3',
    over: Partial<ReviewsConfig> = {},
    route = true,
  ): Promise<AppServer> {
    const base = reviewsConfigFromEnv({ SERVICE_VERSION: version, POD_NAME: `reviews-${version}-test` });
    const s = await startReviews({
      ...base,
      listen: LOOPBACK,
      dispatcher: this.mesh.dispatcher(),
      log: this.log,
      ...over,
    });
    return this.#track(s, route ? 'reviews:9080' : undefined);
  }

  async productpage(over: Partial<ProductpageConfig> = {}): Promise<AppServer> {
    const s = await startProductpage({
      listen: LOOPBACK,
      podName: 'productpage-v1-test',
      detailsUrl: 'http://details:9080',
      reviewsUrl: 'http://reviews:9080',
      ratingsUrl: 'http://ratings:9080',
      timeoutMs: 3000,
      reviewsAttempts: 2,
      dispatcher: this.mesh.dispatcher(),
      log: this.log,
      ...over,
    });
    return this.#track(s);
  }

  async httpbin(version = 'v1', random?: () => number): Promise<AppServer> {
    const s = await startHttpbin({
      listen: LOOPBACK,
      version,
      podName: `httpbin-${version}-test`,
      log: this.log,
      ...(random ? { random } : {}),
    });
    return this.#track(s, 'httpbin:8000');
  }

  /** A direct GET (no proxy) with its status, headers and body text. */
  async get(
    url: string,
    headers: Record<string, string> = {},
    method: 'GET' | 'POST' = 'GET',
    body?: string,
  ) {
    const res = await request(url, {
      method,
      headers,
      dispatcher: this.#agent,
      ...(body !== undefined ? { body } : {}),
    });
    return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.#servers.map((s) => s.close(100)));
    this.#servers.length = 0;
    await this.#agent.destroy();
  }
}

/** Occurrences of `needle` in `haystack`. */
export function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}
