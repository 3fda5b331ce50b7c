// Upstreams for the outlier detection and health check tests: node:http servers on 127.0.0.1 whose answer
// (status) can be changed while they run, counting the requests they get (health checks apart), and a port with
// nothing listening (connection refused).
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ControlledUpstream {
  readonly name: string;
  readonly port: number;
  /** Status of answers to requests (not health checks); change it at will. */
  status: number;
  /** Status and body of answers to health checks (path /healthz); the body defaults to the name. */
  healthStatus: number;
  healthBody: string;
  /** Requests served, health checks apart. */
  served: number;
  /** Headers of the health checks received. */
  readonly checks: IncomingHttpHeaders[];
  close(): Promise<void>;
  /** Listens again on the same port after close(). */
  reopen(): Promise<void>;
}

export async function startControlled(name: string, status = 200): Promise<ControlledUpstream> {
  let server: Server | undefined;
  const u: ControlledUpstream = {
    name,
    port: 0,
    status,
    healthStatus: 200,
    healthBody: name,
    served: 0,
    checks: [],
    close: () =>
      new Promise<void>((resolve) => {
        if (server === undefined) return resolve();
        server.closeAllConnections();
        server.close(() => resolve());
        server = undefined;
      }),
    reopen: () => listen(u.port),
  };
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          const check = req.url === '/healthz';
          if (check) u.checks.push(req.headers);
          else u.served++;
          res.writeHead(check ? u.healthStatus : u.status, {
            'x-upstream': name,
            'content-type': 'text/plain',
          });
          res.end(check ? u.healthBody : name);
        });
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        server = s;
        (u as { port: number }).port = (s.address() as AddressInfo).port;
        resolve();
      });
    });
  await listen(0);
  return u;
}

/** A local port nothing listens on (bound, then closed). */
export async function deadPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
