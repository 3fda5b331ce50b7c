// httpbin: a small httpbin for the circuit-breaking and mirroring tasks. It echoes requests (/get, /headers,
// /ip, /anything), answers a chosen status (/status/{code}) and waits before answering (/delay/{s}, at most
// 10 s). Every JSON answer names the serving instance (`podname`), so a client sees which version served it;
// the access log on stderr shows mirrored copies (their Host ends in `-shadow`).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Env, instanceName, type ListenConfig, listenConfig } from '../common/app-config.js';
import { type AppServer, type LogSink, startServer } from '../common/app-server.js';
import { readBody, sendHtml, sendJson, sendText, splitUrl } from '../common/respond.js';
import { echoArgs, echoBody, echoHeaders, origin, pickStatus, requestUrl } from './request-echo.js';

export interface HttpbinConfig {
  readonly listen: ListenConfig;
  readonly version: string;
  readonly podName: string;
  readonly random?: () => number;
  readonly log?: LogSink;
}

/** httpbin listens on 8080 by default (Istio's httpbin sample: Service port 8000 -> container port 8080). */
export function httpbinConfigFromEnv(env: Env): HttpbinConfig {
  const version = env.SERVICE_VERSION?.trim() || 'v1';
  return { listen: listenConfig(env, 8080), version, podName: instanceName(env, 'httpbin', version) };
}

/** The longest /delay/{s} waits, in seconds, as httpbin caps it. */
export const MAX_DELAY_SECONDS = 10;

export function httpbinHandler(config: HttpbinConfig) {
  const random = config.random ?? Math.random;
  const base = (req: IncomingMessage, query: URLSearchParams) => ({
    args: echoArgs(query),
    headers: echoHeaders(req),
    origin: origin(req),
    url: requestUrl(req),
    podname: config.podName,
  });

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const { path, query } = splitUrl(req);
    const method = req.method ?? 'GET';
    if (path === '/anything' || path.startsWith('/anything/')) {
      const body = echoBody(await readBody(req), req.headers['content-type']);
      sendJson(res, 200, {
        ...base(req, query),
        method,
        data: body.data,
        files: {},
        form: body.form,
        json: body.json,
      });
      return;
    }
    const status = /^\/status\/([^/]+)$/.exec(path);
    if (status !== null) {
      const code = pickStatus(decodeURIComponent(status[1] ?? ''), random);
      if (code === undefined) sendJson(res, 400, { error: `invalid status code list ${status[1]}` });
      else sendText(res, code, '');
      return;
    }
    if (method !== 'GET' && method !== 'HEAD') {
      sendJson(res, 405, { error: `${method} not allowed on ${path}` });
      return;
    }
    if (path === '/get') return sendJson(res, 200, base(req, query));
    if (path === '/headers')
      return sendJson(res, 200, { headers: echoHeaders(req), podname: config.podName });
    if (path === '/ip') return sendJson(res, 200, { origin: origin(req), podname: config.podName });
    const delay = /^\/delay\/([^/]+)$/.exec(path);
    if (delay !== null) {
      const seconds = Number(delay[1]);
      if (!Number.isFinite(seconds) || seconds < 0) {
        sendJson(res, 400, { error: `invalid delay ${delay[1]}; expected seconds` });
        return;
      }
      const ms = Math.min(seconds, MAX_DELAY_SECONDS) * 1000;
      await new Promise((resolve) => setTimeout(resolve, ms));
      if (!res.destroyed) sendJson(res, 200, base(req, query));
      return;
    }
    if (path === '/') {
      return sendHtml(
        res,
        200,
        '<!DOCTYPE html><title>httpbin</title><p>minimesh httpbin: /get /headers /ip /status/{code} /delay/{s} /anything</p>',
      );
    }
    sendJson(res, 404, { error: `no route for ${path}` });
  };
}

export function startHttpbin(config: HttpbinConfig): Promise<AppServer> {
  const log = config.log;
  return startServer(httpbinHandler(config), {
    name: config.podName,
    listen: config.listen,
    ...(log ? { log } : {}),
  });
}
