// ratings: the stars two reviewers gave a book, as Istio's ratings.js serves them from memory (v1), with its
// fault-demo versions: v-faulty (half the answers are 503), v-delayed (half wait 7 s), v-unavailable (503 for
// alternate minutes). Ratings posted to a product replace its defaults for the life of the process. Istio's
// database-backed v2 is not built: any other SERVICE_VERSION serves as v1.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Env, instanceName, type ListenConfig, listenConfig } from '../common/app-config.js';
import { type AppServer, type LogSink, startServer } from '../common/app-server.js';
import { readBody, sendJson, splitUrl } from '../common/respond.js';

export interface RatingsConfig {
  readonly listen: ListenConfig;
  /** SERVICE_VERSION: v1 (default), v-faulty, v-delayed, v-unavailable. */
  readonly version: string;
  readonly podName: string;
  /** [0,1) source for the faulty and delayed versions; Math.random by default. */
  readonly random?: () => number;
  /** The delay of v-delayed, in milliseconds (7000 as in Istio). */
  readonly delayMs?: number;
  /** The period v-unavailable flips on, in milliseconds (60000 as in Istio). */
  readonly flipMs?: number;
  readonly log?: LogSink;
}

export function ratingsConfigFromEnv(env: Env): RatingsConfig {
  const version = env.SERVICE_VERSION?.trim() || 'v1';
  return { listen: listenConfig(env, 9080), version, podName: instanceName(env, 'ratings', version) };
}

type Ratings = Record<string, unknown>;

const DEFAULT_RATINGS: Ratings = { Reviewer1: 5, Reviewer2: 4 };

/** The product id from `/ratings/{id}`: parseInt of the last segment, as ratings.js reads it. */
function productId(path: string): number {
  return Number.parseInt(path.split('/').pop() ?? '', 10);
}

export function ratingsHandler(config: RatingsConfig, startedAt = Date.now()) {
  const random = config.random ?? Math.random;
  const delayMs = config.delayMs ?? 7000;
  const flipMs = config.flipMs ?? 60_000;
  const posted = new Map<number, Ratings>();
  const answer = (id: number) => ({
    id,
    ratings: posted.get(id) ?? DEFAULT_RATINGS,
    podname: config.podName,
  });
  // v-unavailable starts available and flips every flipMs.
  const unavailable = () =>
    config.version === 'v-unavailable' && Math.floor((Date.now() - startedAt) / flipMs) % 2 === 1;

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const { path } = splitUrl(req);
    if (path === '/health' && req.method === 'GET') {
      sendJson(res, 200, { status: 'Ratings is healthy' });
      return;
    }
    if (!/^\/ratings\/[0-9]*/.test(path) || (req.method !== 'GET' && req.method !== 'POST')) {
      sendJson(res, 404, { error: `no route for ${req.method} ${path}` });
      return;
    }
    const id = productId(path);
    if (Number.isNaN(id)) {
      sendJson(res, 400, { error: 'please provide numeric product ID' });
      return;
    }
    if (req.method === 'POST') {
      let ratings: unknown;
      try {
        ratings = JSON.parse((await readBody(req)).toString('utf8'));
      } catch {
        sendJson(res, 400, { error: 'please provide valid ratings JSON' });
        return;
      }
      posted.set(id, ratings as Ratings);
      sendJson(res, 200, answer(id));
      return;
    }
    if (unavailable() || (config.version === 'v-faulty' && random() <= 0.5)) {
      sendJson(res, 503, { error: 'Service unavailable' });
      return;
    }
    if (config.version === 'v-delayed' && random() <= 0.5) {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
    sendJson(res, 200, answer(id));
  };
}

export function startRatings(config: RatingsConfig): Promise<AppServer> {
  const log = config.log;
  return startServer(ratingsHandler(config), {
    name: config.podName,
    listen: config.listen,
    ...(log ? { log } : {}),
  });
}
