// A node:http upstream on 127.0.0.1 that counts its connections for the circuit-breaking tests: how many were
// opened, how many are open now and at most at once, the requests each carried, and the order requests arrived
// in. Every request is answered 200 with a JSON body (its path and connection index) after `delayMs`, or after
// the x-test-delay header's ms. `onRequest` runs as each request arrives (the tests read the proxy's gauges
// there: the proxy runs in the same process).
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface CountingUpstream {
  readonly port: number;
  /** Connections accepted so far. */
  readonly opened: () => number;
  /** Connections open now. */
  readonly open: () => number;
  /** The most connections open at the same time. */
  readonly maxOpen: () => number;
  /** Connections closed so far. */
  readonly closed: () => number;
  /** Requests carried by each connection, by the order connections were accepted. */
  readonly perConnection: number[];
  /** Request paths in the order they arrived. */
  readonly paths: string[];
  close(): Promise<void>;
}

export async function startCountingUpstream(delayMs = 0, onRequest?: () => void): Promise<CountingUpstream> {
  let opened = 0;
  let open = 0;
  let maxOpen = 0;
  let closed = 0;
  const perConnection: number[] = [];
  const paths: string[] = [];
  const index = new WeakMap<Socket, number>();
  const server: Server = createServer((req, res) => {
    const i = index.get(req.socket) ?? -1;
    perConnection[i] = (perConnection[i] ?? 0) + 1;
    paths.push(req.url ?? '');
    onRequest?.();
    req.resume();
    req.on('end', () => {
      const delay = Number(req.headers['x-test-delay'] ?? delayMs);
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ path: req.url, connection: i }));
      }, delay);
    });
  });
  server.on('connection', (socket: Socket) => {
    index.set(socket, opened++);
    open++;
    maxOpen = Math.max(maxOpen, open);
    socket.on('close', () => {
      open--;
      closed++;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    opened: () => opened,
    open: () => open,
    maxOpen: () => maxOpen,
    closed: () => closed,
    perConnection,
    paths,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
