// A listening socket whose connections speak HTTP/1.1 through the proxy's own server (H1ServerConnection): the
// explicit forward proxy and the admin API use it, so the proxy never loads node:http. closeAllConnections()
// destroys every accepted connection (shutdown); closeIdle() drains them as a listener drains (src/listener/
// drain.ts): `connection: close` on the response in flight, idle ones closed after the grace. allowHalfOpen: a
// CONNECT tunnel passes a client's half-close on; HTTP connections manage their own ends.
import { createServer, type Server, type Socket } from 'node:net';
import { H1ServerConnection, type H1ServerOptions } from './server-connection.js';

export type H1Server = Server & {
  closeAllConnections(): void;
  /** Drains every open connection (H1ServerConnection.closeIfIdle); connections accepted later too. */
  closeIdle(graceMs: number): void;
  /** Resolves once no accepted connection is open. */
  whenEmpty(): Promise<void>;
};

export function createH1Server(options: H1ServerOptions): H1Server {
  // Invariant: `sockets` holds every accepted socket until its 'close'; `connections` the HTTP side of each.
  const sockets = new Set<Socket>();
  const connections = new Map<Socket, H1ServerConnection>();
  let emptied: Array<() => void> = [];
  let drainGraceMs: number | undefined;
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    const conn = new H1ServerConnection(socket, options);
    connections.set(socket, conn);
    socket.on('close', () => {
      sockets.delete(socket);
      connections.delete(socket);
      if (sockets.size > 0) return;
      const waiting = emptied;
      emptied = [];
      for (const w of waiting) w();
    });
    if (drainGraceMs !== undefined) conn.closeIfIdle(drainGraceMs);
  });
  return Object.assign(server, {
    closeAllConnections() {
      for (const s of sockets) s.destroy();
    },
    closeIdle(graceMs: number) {
      drainGraceMs = graceMs;
      for (const c of connections.values()) c.closeIfIdle(graceMs);
    },
    whenEmpty() {
      return sockets.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => emptied.push(resolve));
    },
  });
}

/** Listens on host:port; rejects with the bind error. */
export function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
