// The load client as a mesh workload (`main.js server`), as Istio's tasks use fortio's pod: a load runs from
// inside the mesh, through this workload's sidecar, when asked over HTTP.
//   GET /fortio/rest/run?url=U&c=2&qps=0&n=20[&t=5s][&timeout=3s][&H=Name:%20value]...  -> the JSON report
//   GET /fortio/fetch/HOST[:PORT]/PATH  -> one GET of http://HOST[:PORT]/PATH, its status and body passed back
// so a task can "curl from inside the mesh" (the egress task's REGISTRY_ONLY check).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Dispatcher, request } from 'undici';
import { type Env, instanceName, type ListenConfig, listenConfig } from '../common/app-config.js';
import { type AppServer, type LogSink, startServer } from '../common/app-server.js';
import { sendJson, sendText } from '../common/respond.js';
import { meshDispatcher } from '../common/upstream.js';
import { parseLoadArgs } from './load-options.js';
import { reportJson } from './load-report.js';
import { type DispatcherFactory, runLoad } from './load-run.js';

export interface LoadServerConfig {
  readonly listen: ListenConfig;
  readonly podName: string;
  /** Dispatchers for loads (one per connection) and for fetches; through HTTP_PROXY by default. */
  readonly makeDispatcher?: DispatcherFactory;
  readonly log?: LogSink;
}

/** fortio's server port is 8080. */
export function loadServerConfigFromEnv(env: Env): LoadServerConfig {
  return {
    listen: listenConfig(env, 8080),
    podName: instanceName(env, 'fortio', env.SERVICE_VERSION?.trim() || 'v1'),
  };
}

/** The REST query as load-client flags: every parameter but `url` and `json` becomes `-name value`. */
export function queryToArgs(query: URLSearchParams): string[] {
  const args: string[] = [];
  for (const [name, value] of query) {
    if (name === 'url' || name === 'json') continue;
    args.push(`-${name}`, value);
  }
  const url = query.get('url');
  if (url !== null) args.push(url);
  return args;
}

export function loadServerHandler(config: LoadServerConfig) {
  let fetcher: Dispatcher | undefined;
  const fetchDispatcher = (): Dispatcher => {
    fetcher ??= config.makeDispatcher?.() ?? meshDispatcher();
    return fetcher;
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/fortio/rest/run' || url.pathname === '/fortio/rest/run/') {
      const parsed = parseLoadArgs(queryToArgs(url.searchParams));
      if (!parsed.ok) {
        sendJson(res, 400, { error: parsed.error });
        return;
      }
      const result = await runLoad(parsed.options, config.makeDispatcher);
      sendJson(res, 200, { ...reportJson(result), podname: config.podName });
      return;
    }
    if (url.pathname.startsWith('/fortio/fetch/')) {
      const target = `http://${(req.url ?? '').slice((req.url ?? '').indexOf('/fortio/fetch/') + '/fortio/fetch/'.length)}`;
      try {
        const r = await request(target, {
          dispatcher: fetchDispatcher(),
          signal: AbortSignal.timeout(10_000),
        });
        const body = await r.body.text();
        const type = r.headers['content-type'];
        sendText(res, r.statusCode, body, typeof type === 'string' ? type : 'text/plain; charset=utf-8');
      } catch (err) {
        const e = err as Error & { code?: string };
        sendJson(res, 502, { error: `fetch ${target} failed: ${e.code ?? e.message}` });
      }
      return;
    }
    if (url.pathname === '/health') {
      sendText(res, 200, 'load client is healthy');
      return;
    }
    sendJson(res, 404, {
      error: `no route for ${url.pathname}; try /fortio/rest/run?url=... or /fortio/fetch/HOST/PATH`,
    });
  };
}

export function startLoadServer(config: LoadServerConfig): Promise<AppServer> {
  const log = config.log;
  return startServer(loadServerHandler(config), {
    name: config.podName,
    listen: config.listen,
    ...(log ? { log } : {}),
  });
}
