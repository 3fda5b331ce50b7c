// productpage: the front end. It renders the book page from details and reviews, serves the JSON API, and signs
// users in and out. Its calls carry Istio's forwarded headers and `end-user` for a signed-in user, so the
// mesh can route by user (the jason -> reviews v2 task).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';
import {
  type Env,
  envMillis,
  instanceName,
  type ListenConfig,
  listenConfig,
  serviceUrl,
} from '../common/app-config.js';
import { type AppServer, type LogSink, startServer } from '../common/app-server.js';
import { productpageForwardHeaders } from '../common/forward-headers.js';
import { readBody, redirect, sendHtml, sendJson, sendText, splitUrl } from '../common/respond.js';
import { meshDispatcher } from '../common/upstream.js';
import { Backends } from './backends.js';
import { indexHtml, productPageHtml } from './page-html.js';
import { PRODUCTS, productById } from './products.js';
import { backTo, loginCookie, loginName, logoutCookie, sessionUser } from './session.js';

export interface ProductpageConfig {
  readonly listen: ListenConfig;
  readonly podName: string;
  readonly detailsUrl: string;
  readonly reviewsUrl: string;
  readonly ratingsUrl: string;
  /** Deadline of each backend call in milliseconds (3000, Istio's `timeout=3.0`). */
  readonly timeoutMs: number;
  /** Attempts at reviews (2, Istio's `for _ in range(2)`). */
  readonly reviewsAttempts: number;
  readonly dispatcher?: Dispatcher;
  readonly log?: LogSink;
}

/**
 * From env: DETAILS_HOSTNAME, REVIEWS_HOSTNAME, RATINGS_HOSTNAME, *_SERVICE_PORT and SERVICES_DOMAIN as in
 * Istio; BACKEND_TIMEOUT_MS (ours) changes the 3 s deadline.
 */
export function productpageConfigFromEnv(env: Env): ProductpageConfig {
  return {
    listen: listenConfig(env, 9080),
    podName: instanceName(env, 'productpage', env.SERVICE_VERSION?.trim() || 'v1'),
    detailsUrl: serviceUrl(env, 'details'),
    reviewsUrl: serviceUrl(env, 'reviews'),
    ratingsUrl: serviceUrl(env, 'ratings'),
    timeoutMs: envMillis(env, 'BACKEND_TIMEOUT_MS', 3000),
    reviewsAttempts: 2,
  };
}

const API = /^\/api\/v1\/products\/([^/]+)(?:\/(reviews|ratings))?$/;

export function productpageHandler(config: ProductpageConfig) {
  const backends = new Backends({
    detailsUrl: config.detailsUrl,
    reviewsUrl: config.reviewsUrl,
    ratingsUrl: config.ratingsUrl,
    timeoutMs: config.timeoutMs,
    reviewsAttempts: config.reviewsAttempts,
    dispatcher: config.dispatcher ?? meshDispatcher(),
  });

  const page = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const productId = 0;
    const user = sessionUser(req);
    const headers = productpageForwardHeaders(req.headers, user);
    // Sequential, as in Istio: details first, then reviews.
    const details = await backends.details(String(productId), headers);
    const reviews = await backends.reviews(String(productId), headers);
    sendHtml(res, 200, productPageHtml({ product: productById(productId), details, reviews, user }));
  };

  const api = async (req: IncomingMessage, res: ServerResponse, id: string, what: string | undefined) => {
    const headers = productpageForwardHeaders(req.headers, sessionUser(req));
    const answer =
      what === 'reviews'
        ? await backends.reviews(id, headers)
        : what === 'ratings'
          ? await backends.ratings(id, headers)
          : await backends.details(id, headers);
    sendJson(res, answer.status, answer.body);
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const { path, query } = splitUrl(req);
    const method = req.method ?? 'GET';
    if (path === '/login' && method === 'POST') {
      const name = loginName(await readBody(req), req.headers['content-type'], query);
      redirect(res, backTo(req), { 'set-cookie': loginCookie(name ?? '') });
      return;
    }
    if (method !== 'GET' && method !== 'HEAD') {
      sendText(res, 405, 'Method Not Allowed');
      return;
    }
    if (path === '/productpage') return page(req, res);
    if (path === '/health') return sendText(res, 200, 'Product page is healthy');
    if (path === '/logout') return redirect(res, backTo(req), { 'set-cookie': logoutCookie() });
    if (path === '/api/v1/products') return sendJson(res, 200, PRODUCTS);
    const m = API.exec(path);
    if (m !== null) return api(req, res, decodeURIComponent(m[1] ?? ''), m[2]);
    if (path === '/' || path === '/index.html') {
      return sendHtml(
        res,
        200,
        indexHtml([
          { name: 'productpage', url: `http://productpage:${config.listen.port}`, calls: 'details, reviews' },
          { name: 'details', url: config.detailsUrl, calls: '' },
          { name: 'reviews', url: config.reviewsUrl, calls: 'ratings' },
          { name: 'ratings', url: config.ratingsUrl, calls: '' },
        ]),
      );
    }
    sendText(res, 404, 'Not Found');
  };
}

export function startProductpage(config: ProductpageConfig): Promise<AppServer> {
  const log = config.log;
  return startServer(productpageHandler(config), {
    name: config.podName,
    listen: config.listen,
    ...(log ? { log } : {}),
  });
}
