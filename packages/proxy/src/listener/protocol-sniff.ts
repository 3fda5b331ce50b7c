// One listening socket serving HTTP/1.1 and HTTP/2 over cleartext (h2c with prior knowledge), as Envoy's
// connection manager with codec_type AUTO: the first bytes of each connection decide. A connection starting with
// the HTTP/2 preface goes to an http2 server (compatibility API), anything else to an http1 server. Both call the
// same handler; an HTTP/2 request's :authority stands in for Host. The http2 compatibility objects are handed on
// as IncomingMessage / ServerResponse: the connection manager and router use only what both provide (headers,
// method, url, httpVersion, socket addresses, writeHead / write / end, the close event, piping the body).

import type { EventEmitter } from 'node:events';
import {
  createServer as createHttp2,
  type Http2Server,
  type Http2ServerRequest,
  type Http2ServerResponse,
} from 'node:http2';
import { createServer as createNet, type Server, type Socket } from 'node:net';
import type { DownstreamRequest, DownstreamResponse } from '../http/http-stream.js';
import { H1ServerConnection } from '../http1/server-connection.js';
import type { ConnectionLimits } from './hcm-limits.js';

const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');

export type RequestHandler = (req: DownstreamRequest, res: DownstreamResponse) => void;

export interface AutoServer {
  readonly server: Server;
  /**
   * Drains: HTTP/1 connections close after their response in flight (`connection: close`), idle ones now or after
   * `graceMs` if they stay idle; HTTP/2 sessions get a GOAWAY and close once their streams end.
   */
  closeIdle(graceMs?: number): void;
  /** Destroys every connection at once. */
  closeAll(): void;
  /** Open downstream connections (HTTP and TCP proxied). */
  readonly connections: number;
  /** Resolves once no downstream connection is open (at once when none is). */
  whenEmpty(): Promise<void>;
  /** Serves a connection a listener filter handed back (paused, its first bytes put back): HTTP/1.1 or h2c. */
  accept(socket: Socket): void;
}

/**
 * Waits for the first bytes of `socket` (at least 4, unless they already differ from the HTTP/2 preface) and
 * hands the socket on: to the http2 server with the bytes put back (it reads what is buffered), or to a new
 * HTTP/1.1 connection given the bytes read so far. A connection that sends nothing for `silentMs` (the connection
 * manager's idle_timeout; 0: none) is closed.
 */
function sniff(
  socket: Socket,
  h1: (socket: Socket, head: Buffer) => void,
  h2: EventEmitter,
  silentMs = 0,
): void {
  let head: Buffer = Buffer.alloc(0);
  const onSilence = () => socket.destroy();
  if (silentMs > 0) {
    socket.setTimeout(silentMs);
    socket.once('timeout', onSilence);
  }
  const onData = (chunk: Buffer) => {
    head = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
    const n = Math.min(head.length, PREFACE.length);
    const maybeH2 = PREFACE.subarray(0, n).equals(head.subarray(0, n));
    if (maybeH2 && head.length < 4) return;
    socket.off('data', onData);
    socket.off('end', onEnd);
    if (silentMs > 0) {
      socket.setTimeout(0);
      socket.off('timeout', onSilence);
    }
    socket.pause();
    if (maybeH2) {
      socket.unshift(head);
      h2.emit('connection', socket);
    } else {
      h1(socket, head);
      socket.resume();
    }
  };
  const onEnd = () => socket.destroy();
  socket.on('data', onData);
  socket.on('end', onEnd);
}

/** A net.Server that dispatches each connection to HTTP/1.1 or h2c by its first bytes. */
export function createAutoServer(
  handler: RequestHandler,
  /** Called first for each connection; true when it took the connection (a TCP proxy chain). */
  takeConnection?: (socket: Socket) => boolean,
  /** The limits of the connection manager serving a connection (its filter chain's), when there is one. */
  limitsFor?: (socket: Socket) => ConnectionLimits | undefined,
): AutoServer {
  const h1Connections = new Set<H1ServerConnection>();
  /** closeIdle was called (with this grace): connections sniffed from now on are drained as soon as they start. */
  let draining: number | undefined;
  const h1 = (socket: Socket, head: Buffer) => {
    const limits = limitsFor?.(socket);
    const conn = new H1ServerConnection(socket, {
      onRequest: handler,
      idleTimeoutMs: limits?.idleTimeoutMs ?? 60_000,
      limits: limits?.h1,
      onProtocolError: limits?.onProtocolError,
    });
    h1Connections.add(conn);
    socket.on('close', () => h1Connections.delete(conn));
    conn.receive(head);
    if (draining !== undefined) conn.closeIfIdle(draining);
  };
  const sessions = new Set<import('node:http2').ServerHttp2Session>();
  const onH2Request = (req: Http2ServerRequest, res: Http2ServerResponse) => {
    if (req.headers.host === undefined && req.headers[':authority'] !== undefined) {
      req.headers.host = req.headers[':authority'];
    }
    handler(req as unknown as DownstreamRequest, res as unknown as DownstreamResponse);
  };
  // One http2 server per connection manager's limits, so that its SETTINGS (max_header_list_size,
  // max_concurrent_streams, initial window) are in the first SETTINGS frame, as Envoy sends them.
  const newH2 = (limits: ConnectionLimits | undefined): Http2Server => {
    const server = createHttp2(
      limits === undefined
        ? {}
        : { settings: limits.h2Settings, maxHeaderListPairs: limits.h1.maxHeadersCount ?? 128 },
      onH2Request,
    );
    server.on('session', (session) => {
      sessions.add(session);
      if (limits?.h2ConnectionWindow !== undefined) session.setLocalWindowSize(limits.h2ConnectionWindow);
      // idle_timeout: a session with no stream open and no frame for that long is closed (GOAWAY).
      if (limits !== undefined && limits.idleTimeoutMs > 0) {
        let open = 0;
        session.on('stream', (stream) => {
          open++;
          stream.once('close', () => open--);
        });
        session.setTimeout(limits.idleTimeoutMs, () => {
          if (open === 0) session.close();
        });
      }
      session.on('close', () => sessions.delete(session));
      if (draining !== undefined) session.close();
    });
    return server;
  };
  const h2Default = newH2(undefined);
  const h2Servers = new WeakMap<ConnectionLimits, Http2Server>();
  const h2For = (limits: ConnectionLimits | undefined): Http2Server => {
    if (limits === undefined) return h2Default;
    let server = h2Servers.get(limits);
    if (server === undefined) {
      server = newH2(limits);
      h2Servers.set(limits, server);
    }
    return server;
  };
  const sockets = new Set<Socket>();
  let emptied: (() => void)[] = [];
  const forget = (socket: Socket) => {
    sockets.delete(socket);
    if (sockets.size > 0 || emptied.length === 0) return;
    const waiting = emptied;
    emptied = [];
    for (const w of waiting) w();
  };
  // allowHalfOpen: a TCP proxy passes a client's half-close on; the HTTP servers manage their own sockets' ends.
  const server = createNet({ allowHalfOpen: true }, (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => forget(socket));
    if (takeConnection?.(socket) === true) return;
    const limits = limitsFor?.(socket);
    sniff(socket, h1, h2For(limits), limits?.idleTimeoutMs ?? 0);
  });
  return {
    server,
    closeIdle(graceMs = 0) {
      draining = graceMs;
      for (const c of h1Connections) c.closeIfIdle(graceMs);
      for (const s of sessions) s.close();
    },
    closeAll() {
      for (const s of sockets) s.destroy();
    },
    get connections() {
      return sockets.size;
    },
    accept(socket) {
      const limits = limitsFor?.(socket);
      sniff(socket, h1, h2For(limits), limits?.idleTimeoutMs ?? 0);
      socket.resume();
    },
    whenEmpty() {
      return sockets.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => emptied.push(resolve));
    },
  };
}
