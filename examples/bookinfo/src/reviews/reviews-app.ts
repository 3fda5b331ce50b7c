// reviews: two reviews of the book, in three versions from one program (SERVICE_VERSION), as Istio's
// LibertyRestEndpoint.java: v1 calls nobody and shows no stars; v2 asks ratings and shows black stars; v3 red
// ones. The ratings call waits 10 s for black stars and 2.5 s otherwise (Istio's per-image client timeouts),
// which is what the fault-injection and timeout tasks observe.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';
import {
  type Env,
  envFlag,
  instanceName,
  type ListenConfig,
  listenConfig,
  serviceUrl,
} from '../common/app-config.js';
import { type AppServer, type LogSink, startServer } from '../common/app-server.js';
import { copyHeaders, SERVICE_COPIED_HEADERS } from '../common/forward-headers.js';
import { sendJson, splitUrl } from '../common/respond.js';
import { getJson, isObject, meshDispatcher } from '../common/upstream.js';

export const RATINGS_UNAVAILABLE = 'Ratings service is currently unavailable';

export interface ReviewsConfig {
  readonly listen: ListenConfig;
  readonly version: string;
  readonly podName: string;
  /** CLUSTER_NAME; the string "null" when unset, as the Java service prints it. */
  readonly clusterName: string;
  readonly ratingsEnabled: boolean;
  readonly starColor: string;
  /** Base URL of ratings (`http://ratings:9080`). */
  readonly ratingsUrl: string;
  /** Deadline of the ratings call in milliseconds: 10000 for black stars, 2500 otherwise. */
  readonly ratingsTimeoutMs: number;
  readonly dispatcher?: Dispatcher;
  readonly log?: LogSink;
}

/** The Istio defaults of a version: v1 has no ratings; v2 black stars; v3 red stars. */
export function reviewsConfigFromEnv(env: Env): ReviewsConfig {
  const version = env.SERVICE_VERSION?.trim() || 'v1';
  const ratingsEnabled = envFlag(env, 'ENABLE_RATINGS') ?? version !== 'v1';
  const starColor = env.STAR_COLOR?.trim() || (version === 'v3' ? 'red' : 'black');
  return {
    listen: listenConfig(env, 9080),
    version,
    podName: instanceName(env, 'reviews', version),
    clusterName: env.CLUSTER_NAME?.trim() || 'null',
    ratingsEnabled,
    starColor,
    ratingsUrl: serviceUrl(env, 'ratings'),
    ratingsTimeoutMs: starColor === 'black' ? 10_000 : 2_500,
  };
}

type Rating = { stars: number; color: string } | { error: string };

const REVIEWS = [
  {
    reviewer: 'Reviewer1',
    text: 'An extremely entertaining play by Shakespeare. The slapstick humour is refreshing!',
  },
  {
    reviewer: 'Reviewer2',
    text: 'Absolutely fun and entertaining. The play lacks thematic depth when compared to other plays by Shakespeare.',
  },
] as const;

/** The stars per reviewer from a ratings answer; a reviewer without an integer rating is absent. */
function starsFrom(body: unknown): Map<string, number> {
  const out = new Map<string, number>();
  if (!isObject(body) || !isObject(body.ratings)) return out;
  for (const [reviewer, stars] of Object.entries(body.ratings)) {
    if (typeof stars === 'number' && Number.isInteger(stars)) out.set(reviewer, stars);
  }
  return out;
}

export function reviewsHandler(config: ReviewsConfig) {
  const dispatcher = config.dispatcher ?? meshDispatcher();
  const log = config.log;

  const fetchStars = async (productId: string, req: IncomingMessage): Promise<Map<string, number>> => {
    const url = `${config.ratingsUrl}/ratings/${productId}`;
    const r = await getJson(url, {
      dispatcher,
      headers: copyHeaders(req.headers, SERVICE_COPIED_HEADERS),
      timeoutMs: config.ratingsTimeoutMs,
    });
    if (!r.ok || r.status !== 200) {
      log?.(`Error: unable to contact ${url}: ${r.ok ? `status ${r.status}` : r.error}`);
      return new Map();
    }
    return starsFrom(r.body);
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const { path } = splitUrl(req);
    if (path === '/health' && req.method === 'GET') {
      sendJson(res, 200, { status: 'Reviews is healthy' });
      return;
    }
    const m = /^\/reviews\/(-?\d+)$/.exec(path);
    if (m === null || req.method !== 'GET') {
      sendJson(res, 404, { error: `no route for ${req.method} ${path}` });
      return;
    }
    const productId = String(Number(m[1]));
    const stars = config.ratingsEnabled ? await fetchStars(productId, req) : new Map<string, number>();
    const reviews = REVIEWS.map((r) => {
      if (!config.ratingsEnabled) return { ...r };
      const n = stars.get(r.reviewer);
      const rating: Rating =
        n === undefined ? { error: RATINGS_UNAVAILABLE } : { stars: n, color: config.starColor };
      return { ...r, rating };
    });
    sendJson(res, 200, {
      id: productId,
      podname: config.podName,
      clustername: config.clusterName,
      reviews,
    });
  };
}

export function startReviews(config: ReviewsConfig): Promise<AppServer> {
  const log = config.log;
  return startServer(reviewsHandler(config), {
    name: config.podName,
    listen: config.listen,
    ...(log ? { log } : {}),
  });
}
