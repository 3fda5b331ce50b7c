// productpage's calls to details, reviews and ratings, with Istio's productpage.py timeouts: 3 s per call,
// and for reviews a second attempt when the first gives no 200 (the loop Istio keeps on purpose for the
// fault-injection task: a 7 s delay on ratings makes reviews v2/v3 answer only after both 3 s attempts fail).
import type { Dispatcher } from 'undici';
import { getJson } from '../common/upstream.js';
import { DETAILS_UNAVAILABLE, RATINGS_UNAVAILABLE_FOR_BOOK, REVIEWS_UNAVAILABLE } from './products.js';

export interface BackendsConfig {
  readonly detailsUrl: string;
  readonly reviewsUrl: string;
  readonly ratingsUrl: string;
  /** Deadline of each call, in milliseconds (3000 as in Istio). */
  readonly timeoutMs: number;
  /** Attempts at reviews before giving up (2 as in Istio). */
  readonly reviewsAttempts: number;
  readonly dispatcher: Dispatcher;
}

/** A backend's answer as productpage uses it: the status to show or return, and the JSON body. */
export interface BackendAnswer {
  /** 200, the backend's own status when it answered otherwise, or 500 when it did not answer. */
  readonly status: number;
  readonly body: unknown;
}

/** One call: 200 with the JSON body, else the status (500 when none) with `errorText` as the body's error. */
async function call(
  config: BackendsConfig,
  url: string,
  headers: Record<string, string>,
  errorText: string,
  attempts: number,
): Promise<BackendAnswer> {
  let status = 500;
  for (let i = 0; i < attempts; i++) {
    const r = await getJson(url, { dispatcher: config.dispatcher, headers, timeoutMs: config.timeoutMs });
    if (r.ok && r.status === 200) return { status: 200, body: r.body };
    // As in Python: the status of the last attempt that got an answer; 500 when the last one got none.
    status = r.ok && r.status !== 0 ? r.status : 500;
  }
  return { status, body: { error: errorText } };
}

export class Backends {
  readonly #config: BackendsConfig;

  constructor(config: BackendsConfig) {
    this.#config = config;
  }

  details(productId: string, headers: Record<string, string>): Promise<BackendAnswer> {
    const url = `${this.#config.detailsUrl}/details/${productId}`;
    return call(this.#config, url, headers, DETAILS_UNAVAILABLE, 1);
  }

  reviews(productId: string, headers: Record<string, string>): Promise<BackendAnswer> {
    const url = `${this.#config.reviewsUrl}/reviews/${productId}`;
    return call(this.#config, url, headers, REVIEWS_UNAVAILABLE, this.#config.reviewsAttempts);
  }

  ratings(productId: string, headers: Record<string, string>): Promise<BackendAnswer> {
    const url = `${this.#config.ratingsUrl}/ratings/${productId}`;
    return call(this.#config, url, headers, RATINGS_UNAVAILABLE_FOR_BOOK, 1);
  }
}
