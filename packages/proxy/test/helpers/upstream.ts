// Real node:http upstream servers on 127.0.0.1 for the tests. Each answers with JSON naming itself and echoing
// the request. Test controls by request header: x-test-status (reply with that status), x-test-delay (ms before
// replying), x-test-reset (destroy the socket without a response).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Echo {
  readonly upstream: string;
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  /** The proxy's source port: equal across requests when a kept-alive connection is reused. */
  readonly peerPort: number;
}

export interface Upstream {
  readonly name: string;
  readonly port: number;
  /** Requests received, in order. */
  readonly seen: Echo[];
  /** URLs of requests whose connection was gone when the reply was due (the proxy cancelled them). */
  readonly cancelled: string[];
  close(): Promise<void>;
}

export async function startUpstream(name: string): Promise<Upstream> {
  const seen: Echo[] = [];
  const cancelled: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const echo: Echo = {
        upstream: name,
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
        peerPort: req.socket.remotePort ?? 0,
      };
      seen.push(echo);
      if (req.headers['x-test-reset'] !== undefined) {
        req.socket.destroy();
        return;
      }
      const status = Number(req.headers['x-test-status'] ?? 200);
      const delay = Number(req.headers['x-test-delay'] ?? 0);
      const body = JSON.stringify(echo);
      const reply = () => {
        if (res.destroyed || req.socket.destroyed) {
          cancelled.push(req.url ?? '');
          return;
        }
        res.writeHead(status, {
          'content-type': 'application/json',
          'x-upstream': name,
          'x-remove-me': 'yes',
        });
        res.end(body);
      };
      if (delay > 0) setTimeout(reply, delay);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    name,
    port: (server.address() as AddressInfo).port,
    seen,
    cancelled,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
