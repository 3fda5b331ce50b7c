// The dashboard's HTTP server: the page's static files and one websocket (`/ws`, the `ws` library) per open page.
// A new socket gets `hello` and `snapshot`, then every message the feed pushes (serialised once for all sockets);
// the page's requests are answered by `response` messages of the same id. It listens on 127.0.0.1 by default and
// only talks to pages of its own origin: a Host header must name a loopback host, and a websocket's Origin (when
// the browser sends one) must be the same host and port, so another site open in the browser cannot drive it
// (the `apply` request writes files). A socket whose unsent data passes MAX_BUFFERED_BYTES is sent no more
// `requests` batches until it drains (they are counted as dropped for it); everything else is always sent.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import type { ClientMessage, ClientRequest, ServerMessage } from './protocol.js';
import { StaticAssets } from './static-assets.js';

/** What the server shows: the glue between the control plane, telemetry and config (dashboard-feed.ts). */
export interface DashboardFeed {
  /** `hello` and `snapshot`, for a new socket. */
  greeting(): ServerMessage[];
  /** Pushed messages; returns the unsubscribe. */
  subscribe(push: (message: ServerMessage) => void): () => void;
  /** Answers one request (rejects with an Error whose message the page shows). */
  handle(request: ClientRequest): Promise<unknown>;
}

export interface DashboardServerOptions {
  readonly feed: DashboardFeed;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 20001; 0 = a free port. */
  readonly port?: number;
  /** The page's files (default: the built apps/dashboard). */
  readonly assets?: StaticAssets;
}

export interface DashboardServer {
  /** http://HOST:PORT/ */
  readonly url: string;
  readonly port: number;
  /** Open websockets. */
  clients(): number;
  close(): Promise<void>;
}

/** Unsent bytes past which a socket is sent no more request batches until it drains. */
export const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** A request message larger than this is refused (what-if edits are files of a few KB). */
const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** The host name of a Host header value (`127.0.0.1:20001` -> `127.0.0.1`, `[::1]:80` -> `[::1]`). */
function hostName(value: string): string {
  if (value.startsWith('[')) return value.slice(0, value.indexOf(']') + 1);
  const colon = value.indexOf(':');
  return (colon < 0 ? value : value.slice(0, colon)).toLowerCase();
}

/** True when the request may be served: a loopback Host (or the host the server was bound to). */
function hostAllowed(req: IncomingMessage, boundHost: string): boolean {
  const host = req.headers.host;
  if (host === undefined) return false;
  const name = hostName(host);
  return LOOPBACK_HOSTS.has(name) || name === boundHost.toLowerCase();
}

function originAllowed(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true; // not a browser page: a tool on this machine
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

function parseRequest(text: string): ClientMessage | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  const m = value as Partial<ClientMessage>;
  if (typeof m !== 'object' || m === null || m.type !== 'request') return 'expected {"type":"request",...}';
  if (typeof m.id !== 'number' || !Number.isSafeInteger(m.id)) return 'id: expected an integer';
  if (typeof m.op !== 'string') return 'op: expected a string';
  return m as ClientMessage;
}

/** Starts the dashboard server; rejects when the port is taken. */
export async function startDashboardServer(options: DashboardServerOptions): Promise<DashboardServer> {
  const host = options.host ?? '127.0.0.1';
  const assets = options.assets ?? new StaticAssets();
  const sockets = new Set<WebSocket>();
  const http: Server = createServer((req, res) => serveHttp(req, res, assets, host));
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  http.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/ws' || !hostAllowed(req, host) || !originAllowed(req)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws));
  });

  const accept = (ws: WebSocket) => {
    sockets.add(ws);
    for (const m of options.feed.greeting()) ws.send(JSON.stringify(m));
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      const parsed = parseRequest(data.toString());
      if (typeof parsed === 'string') {
        ws.send(JSON.stringify({ type: 'response', id: -1, ok: false, error: parsed }));
        return;
      }
      const { type: _type, id, ...request } = parsed;
      options.feed.handle(request as ClientRequest).then(
        (result) => send(ws, { type: 'response', id, ok: true, result }),
        (err: unknown) => send(ws, { type: 'response', id, ok: false, error: (err as Error).message }),
      );
    });
    ws.on('close', () => sockets.delete(ws));
    ws.on('error', () => sockets.delete(ws));
  };

  const unsubscribe = options.feed.subscribe((message) => {
    if (sockets.size === 0) return;
    const text = JSON.stringify(message);
    for (const ws of sockets) {
      if (message.type === 'requests' && ws.bufferedAmount > MAX_BUFFERED_BYTES) continue;
      if (ws.readyState === ws.OPEN) ws.send(text);
    }
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 20001, host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}/`,
    port,
    clients: () => sockets.size,
    close: async () => {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      sockets.clear();
      wss.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function send(ws: WebSocket, message: ServerMessage): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
}

function serveHttp(req: IncomingMessage, res: ServerResponse, assets: StaticAssets, host: string): void {
  if (!hostAllowed(req, host)) {
    res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('forbidden: unexpected Host\n');
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
    res.end('method not allowed\n');
    return;
  }
  if (!assets.available) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(
      'the dashboard page is not built: run `pnpm --filter @minimesh/dashboard build` (the websocket /ws works)\n',
    );
    return;
  }
  const file = assets.get(req.url ?? '/');
  if (file === undefined) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
    return;
  }
  res.writeHead(200, {
    'content-type': file.type,
    'content-length': file.body.length,
    'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    ...(file.type.startsWith('text/html')
      ? {
          'content-security-policy':
            "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
        }
      : {}),
  });
  res.end(req.method === 'HEAD' ? undefined : file.body);
}
