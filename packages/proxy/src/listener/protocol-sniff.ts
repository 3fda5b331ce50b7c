// One listening socket serving HTTP/1.1 and HTTP/2 over cleartext (h2c with prior knowledge), as Envoy's
// connection manager with codec_type AUTO: the first bytes of each connection decide. A connection starting with
// the HTTP/2 preface goes to an http2 server (compatibility API), anything else to an http1 server. Both call the
// same handler; an HTTP/2 request's :authority stands in for Host. The http2 compatibility objects are handed on
// as IncomingMessage / ServerResponse: the connection manager and router use only what both provide (headers,
// method, url, httpVersion, socket addresses, writeHead / write / end, the close event, piping the body).

import type { EventEmitter } from 'node:events';
import { createServer as createHttp2, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import { createServer as createNet, type Server, type Socket } from 'node:net';
import type { DownstreamRequest, DownstreamResponse } from '../http/http-stream.js';
import { H1ServerConnection } from '../http1/server-connection.js';

const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');

export type RequestHandler = (req: DownstreamRequest, res: DownstreamResponse) => void;

export interface AutoServer {
  readonly server: Server;
  /** Closes HTTP/1 connections with no request in flight and HTTP/2 sessions once their streams end. */
  closeIdle(): void;
  /** Destroys every connection at once. */
  closeAll(): void;
}

/**
 * Waits for the first bytes of `socket` (at least 4, unless they already differ from the HTTP/2 preface) and
 * hands the socket on: to the http2 server with the bytes put back (it reads what is buffered), or to a new
 * HTTP/1.1 connection given the bytes read so far.
 */
function sniff(socket: Socket, h1: (socket: Socket, head: Buffer) => void, h2: EventEmitter): void {
  let head: Buffer = Buffer.alloc(0);
  const onData = (chunk: Buffer) => {
    head = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
    const n = Math.min(head.length, PREFACE.length);
    const maybeH2 = PREFACE.subarray(0, n).equals(head.subarray(0, n));
    if (maybeH2 && head.length < 4) return;
    socket.off('data', onData);
    socket.off('end', onEnd);
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
): AutoServer {
  const h1Connections = new Set<H1ServerConnection>();
  const h1 = (socket: Socket, head: Buffer) => {
    const conn = new H1ServerConnection(socket, { onRequest: handler, idleTimeoutMs: 60_000 });
    h1Connections.add(conn);
    socket.on('close', () => h1Connections.delete(conn));
    conn.receive(head);
  };
  const sessions = new Set<import('node:http2').ServerHttp2Session>();
  const h2 = createHttp2({}, (req: Http2ServerRequest, res: Http2ServerResponse) => {
    if (req.headers.host === undefined && req.headers[':authority'] !== undefined) {
      req.headers.host = req.headers[':authority'];
    }
    handler(req as unknown as DownstreamRequest, res as unknown as DownstreamResponse);
  });
  h2.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });
  const sockets = new Set<Socket>();
  // allowHalfOpen: a TCP proxy passes a client's half-close on; the HTTP servers manage their own sockets' ends.
  const server = createNet({ allowHalfOpen: true }, (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    if (takeConnection?.(socket) === true) return;
    sniff(socket, h1, h2);
  });
  return {
    server,
    closeIdle() {
      for (const c of h1Connections) c.closeIfIdle();
      for (const s of sessions) s.close();
    },
    closeAll() {
      for (const s of sockets) s.destroy();
    },
  };
}
