// The HTTP server every bookinfo app runs on: node:http, one access-log line per request on stderr, a JSON 500
// for a handler that throws, and a graceful stop (no new connections, in-flight requests finish) on SIGTERM.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import process from 'node:process';
import type { ListenConfig } from './app-config.js';
import { sendJson } from './respond.js';

export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/** Where log lines go; stderr by default, a buffer in tests. */
export type LogSink = (line: string) => void;

export const stderrSink: LogSink = (line) => {
  process.stderr.write(`${line}\n`);
};

export interface AppServer {
  readonly server: Server;
  /** The bound port (the real one when PORT was 0). */
  readonly port: number;
  /** `http://HOST:PORT` as bound; for 0.0.0.0 the loopback address, so it can be requested. */
  readonly url: string;
  /** Stops accepting, lets in-flight requests finish for up to `graceMs`, then cuts what is left. */
  close(graceMs?: number): Promise<void>;
}

export interface StartOptions {
  /** Names the instance in log lines. */
  readonly name: string;
  readonly listen: ListenConfig;
  readonly log?: LogSink;
}

/** `127.0.0.1 reviews-v2-1 "GET /reviews/0 HTTP/1.1" 200 312B 5ms host=reviews:9080` */
function accessLine(name: string, req: IncomingMessage, res: ServerResponse, ms: number): string {
  const from = req.socket.remoteAddress ?? '-';
  const host = req.headers.host ?? '-';
  // Every answer of these apps is written whole with a content-length (see respond.ts).
  const bytes = res.getHeader('content-length') ?? '-';
  const status = res.headersSent ? res.statusCode : 0; // 0: the client went away before an answer
  return `${from} ${name} "${req.method} ${req.url} HTTP/${req.httpVersion}" ${status} ${bytes}B ${ms}ms host=${host}`;
}

/** Starts `handler` on the configured address; resolves once listening. */
export function startServer(handler: Handler, options: StartOptions): Promise<AppServer> {
  const log = options.log ?? stderrSink;
  const state = { closing: false };
  const server = createServer((req, res) => {
    const started = performance.now();
    // While stopping, answers end their connection, so the last keep-alive clients let go at once.
    if (state.closing) res.shouldKeepAlive = false;
    res.on('close', () => {
      log(accessLine(options.name, req, res, Math.round(performance.now() - started)));
      if (state.closing) setImmediate(() => server.closeIdleConnections());
    });
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((err: unknown) => {
        log(`${options.name} error serving ${req.method} ${req.url}: ${String(err)}`);
        if (!res.headersSent) {
          sendJson(res, 500, { error: 'internal error' });
        } else {
          res.destroy();
        }
      });
  });
  // Longer than a proxy's usual idle timeout, so the sidecar, not the app, closes an idle connection (no race
  // where a connection the sidecar reuses is closed under its next request). Milliseconds.
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.listen.port, options.listen.host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      const host = options.listen.host;
      const shown =
        host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
      const close = (graceMs?: number) => {
        state.closing = true;
        return closeServer(server, graceMs);
      };
      resolve({ server, port, url: `http://${shown}:${port}`, close });
    });
  });
}

/** Stops accepting; idle keep-alive connections close at once, busy ones after their response or `graceMs`. */
function closeServer(server: Server, graceMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/**
 * The entry point of every app's main.ts: starts the app, logs where it listens, and on SIGTERM or SIGINT
 * stops gracefully and exits 0. A startup failure (bad env, port in use) is one line on stderr and exit 1.
 */
export async function runMain(
  name: string,
  start: () => Promise<AppServer>,
  log: LogSink = stderrSink,
): Promise<void> {
  let app: AppServer;
  try {
    app = await start();
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why =
      e.code === 'EADDRINUSE' ? 'the port is in use (set PORT to another one)' : (e.message ?? String(err));
    log(`${name}: cannot start: ${why}`);
    process.exitCode = 1;
    return;
  }
  log(`${name} listening on ${app.url}`);
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    log(`${name} received ${signal}, shutting down`);
    void app.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
