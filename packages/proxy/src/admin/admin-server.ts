// The admin API on its own port, Envoy's paths and formats: /config_dump (?include_eds), /clusters
// (?format=json), /listeners (?format=json), /stats (?filter=REGEX), /stats/prometheus, /ready, /server_info,
// /logging (GET shows the level, POST ?level=L sets it). Unknown paths get 404 with the list of paths, as Envoy's
// admin prints its help. Listens on 127.0.0.1 unless told otherwise.

import type { ServerInfo } from '@minimesh/model/xds';
import { durationFromMs, toProto3Json } from '@minimesh/model/xds';
import { createH1Server, type H1Server, listen } from '../http1/h1-server.js';
import type { H1Request } from '../http1/server-request.js';
import type { H1Response } from '../http1/server-response.js';
import type { ProxyConfig } from '../proxy-config.js';
import type { IstioMetrics } from '../stats/istio-metrics.js';
import type { StatsStore } from '../stats/stats-store.js';
import { clustersJson, clustersText } from './clusters-page.js';
import { type BootstrapInfo, configDumpText } from './config-dump-page.js';

export interface AdminContext {
  readonly config: ProxyConfig;
  readonly stats: StatsStore;
  readonly bootstrap: () => BootstrapInfo;
  readonly logLevel: { level: string };
  readonly version: string;
  readonly istio: IstioMetrics;
}

const LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']);

const PATHS = [
  '/clusters',
  '/config_dump',
  '/drain_listeners',
  '/listeners',
  '/logging',
  '/ready',
  '/server_info',
  '/stats',
  '/stats/prometheus',
];

function send(res: H1Response, status: number, body: string, type = 'text/plain; charset=UTF-8'): void {
  res.writeHead(status, {
    'content-type': type,
    'content-length': String(Buffer.byteLength(body)),
    'cache-control': 'no-cache, max-age=0',
  });
  res.end(body);
}

function listenersBody(ctx: AdminContext, json: boolean): string {
  const list = ctx.config.listeners.all();
  if (!json) return list.map((l) => `${l.name}::${l.compiled.address}:${l.compiled.port}\n`).join('');
  const doc = {
    listener_statuses: list.map((l) => ({
      name: l.name,
      local_address: { socket_address: { address: l.compiled.address, port_value: l.compiled.port } },
    })),
  };
  return `${JSON.stringify(toProto3Json('envoy.admin.v3.Listeners', doc), null, 1)}\n`;
}

function serverInfo(ctx: AdminContext): string {
  const b = ctx.bootstrap();
  const uptime = durationFromMs(Math.floor((Date.now() - b.startedAt.getTime()) / 1000) * 1000);
  const info: ServerInfo = {
    version: ctx.version,
    state: ctx.config.initialized ? 'LIVE' : 'INITIALIZING',
    uptime_current_epoch: uptime,
    uptime_all_epochs: uptime,
    node: b.node,
  };
  // proto3 JSON omits the enum default (LIVE = 0); Envoy prints every field here, so state is put back in place.
  const { version, ...rest } = toProto3Json('envoy.admin.v3.ServerInfo', info) as Record<string, unknown>;
  return `${JSON.stringify({ version, state: info.state, ...rest }, null, 1)}\n`;
}

interface Reply {
  readonly status: number;
  readonly body: string;
  readonly type?: string;
}

const JSON_TYPE = 'application/json';

function logging(ctx: AdminContext, req: H1Request, level: string | null): Reply {
  if (level !== null) {
    if (req.method !== 'POST') return { status: 405, body: 'This endpoint requires POST\n' };
    if (!LEVELS.has(level)) return { status: 400, body: `unknown level ${level}\n` };
    ctx.logLevel.level = level;
  }
  return { status: 200, body: `active loggers:\n  minimesh-proxy: ${ctx.logLevel.level}\n` };
}

function stats(ctx: AdminContext, filter: string | null): Reply {
  let re: RegExp | undefined;
  try {
    re = filter === null ? undefined : new RegExp(filter);
  } catch {
    return { status: 400, body: 'Invalid regex\n' };
  }
  return { status: 200, body: ctx.stats.text(re) };
}

function route(ctx: AdminContext, req: H1Request): Reply {
  const url = new URL(req.url ?? '/', 'http://admin');
  const q = url.searchParams;
  const json = q.get('format') === 'json';
  switch (url.pathname) {
    case '/config_dump':
      return {
        status: 200,
        body: configDumpText(ctx.config, ctx.bootstrap(), q.has('include_eds')),
        type: JSON_TYPE,
      };
    case '/clusters':
      return json
        ? { status: 200, body: clustersJson(ctx.config.clusters), type: JSON_TYPE }
        : { status: 200, body: clustersText(ctx.config.clusters) };
    case '/listeners':
      return { status: 200, body: listenersBody(ctx, json), ...(json ? { type: JSON_TYPE } : {}) };
    case '/stats':
      return stats(ctx, q.get('filter'));
    case '/stats/prometheus':
      return {
        status: 200,
        body: ctx.stats.prometheus() + ctx.istio.prometheus(),
        type: 'text/plain; version=0.0.4; charset=UTF-8',
      };
    case '/ready':
      if (ctx.config.listeners.drainingAll) return { status: 503, body: 'DRAINING\n' };
      return ctx.config.initialized
        ? { status: 200, body: 'LIVE\n' }
        : { status: 503, body: 'PRE_INITIALIZING\n' };
    case '/drain_listeners':
      // Envoy's POST /drain_listeners[?inboundonly][&graceful], as pilot-agent calls it on SIGTERM: listeners stop
      // accepting and drain for the drain time (with or without graceful here); answered at once.
      if (req.method !== 'POST') return { status: 405, body: 'This endpoint requires POST\n' };
      void ctx.config.listeners.drainAll(undefined, q.has('inboundonly'));
      return { status: 200, body: 'OK\n' };
    case '/server_info':
      return { status: 200, body: serverInfo(ctx), type: JSON_TYPE };
    case '/logging':
      return logging(ctx, req, q.get('level'));
    default:
      return {
        status: 404,
        body: `invalid path. admin commands are:\n${PATHS.map((p) => `  ${p}\n`).join('')}`,
      };
  }
}

export async function startAdmin(ctx: AdminContext, host: string, port: number): Promise<H1Server> {
  const server = createH1Server({
    onRequest(req, res) {
      try {
        const r = route(ctx, req);
        send(res, r.status, r.body, r.type);
      } catch (err) {
        send(res, 500, `${(err as Error).message}\n`);
      }
    },
  });
  await listen(server, host, port);
  return server;
}
