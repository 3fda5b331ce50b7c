// A stand-in for a sidecar in tests: an HTTP forward proxy that takes absolute-form requests
// (`GET http://reviews:9080/reviews/0`), records them, and forwards each to the local server its service name
// maps to, optionally delaying or aborting it as an Envoy fault filter would. Unknown names get a 502, as a
// REGISTRY_ONLY sidecar gives. The apps reach it the way they reach a real sidecar: undici's
// EnvHttpProxyAgent with `proxyTunnel: false`.
import { createServer, type IncomingHttpHeaders, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EnvHttpProxyAgent } from 'undici';

export interface ProxiedRequest {
  readonly method: string;
  /** `service:port` from the absolute-form request target. */
  readonly authority: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** Whether the request target was in absolute form, as a forward proxy receives it. */
  readonly absoluteForm: boolean;
}

export interface Fault {
  readonly delayMs?: number;
  readonly abortStatus?: number;
  /** Apply to this many requests, then remove the fault; every request when absent. */
  times?: number;
  /** Apply only to requests this accepts (a VirtualService match); every request when absent. */
  readonly match?: (headers: IncomingHttpHeaders) => boolean;
  /** A route timeout: 504 when the upstream has not answered within this many milliseconds. */
  readonly routeTimeoutMs?: number;
}

export interface MeshStub {
  readonly url: string;
  readonly requests: ProxiedRequest[];
  /** `service:port` -> `http://127.0.0.1:PORT` */
  readonly routes: Map<string, string>;
  /** `service:port` -> fault applied before forwarding. */
  readonly faults: Map<string, Fault>;
  /** A dispatcher that sends http:// calls through this proxy. */
  dispatcher(): EnvHttpProxyAgent;
  /** Requests recorded for one `service:port`. */
  to(authority: string): ProxiedRequest[];
  close(): Promise<void>;
}

export async function startMeshStub(): Promise<MeshStub> {
  const requests: ProxiedRequest[] = [];
  const routes = new Map<string, string>();
  const faults = new Map<string, Fault>();
  const dispatchers: EnvHttpProxyAgent[] = [];
  const server = createServer((req, res) => {
    const raw = req.url ?? '/';
    const absoluteForm = /^http:\/\//.test(raw);
    const target = new URL(raw, `http://${req.headers.host ?? 'unknown'}`);
    const authority = target.host;
    requests.push({
      method: req.method ?? 'GET',
      authority,
      path: `${target.pathname}${target.search}`,
      headers: req.headers,
      absoluteForm,
    });
    const upstream = routes.get(authority);
    const stored = faults.get(authority);
    const fault = stored?.match === undefined || stored.match(req.headers) ? stored : undefined;
    if (fault?.times !== undefined && --fault.times <= 0) faults.delete(authority);
    const forward = (): void => {
      if (fault?.abortStatus !== undefined) {
        res.writeHead(fault.abortStatus, { 'content-type': 'text/plain' });
        res.end('fault filter abort');
        return;
      }
      if (upstream === undefined) {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`no route to ${authority}`);
        return;
      }
      const u = new URL(upstream);
      const out = request(
        {
          host: u.hostname,
          port: u.port,
          method: req.method,
          path: `${target.pathname}${target.search}`,
          headers: req.headers,
        },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      out.on('error', () => {
        if (res.headersSent) res.destroy();
        else {
          res.writeHead(503, { 'content-type': 'text/plain' });
          res.end('upstream connect error or disconnect/reset before headers');
        }
      });
      if (fault?.routeTimeoutMs !== undefined) {
        out.setTimeout(fault.routeTimeoutMs, () => {
          if (!res.headersSent) {
            res.writeHead(504, { 'content-type': 'text/plain' });
            res.end('upstream request timeout');
          }
          out.destroy();
        });
      }
      req.pipe(out);
    };
    if (fault?.delayMs !== undefined) setTimeout(forward, fault.delayMs);
    else forward();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    routes,
    faults,
    dispatcher() {
      const d = new EnvHttpProxyAgent({ httpProxy: url, httpsProxy: url, noProxy: '', proxyTunnel: false });
      dispatchers.push(d);
      return d;
    },
    to: (authority) => requests.filter((r) => r.authority === authority),
    async close() {
      // destroy, not close: close would wait for calls still held by an injected delay.
      await Promise.all(dispatchers.map((d) => d.destroy().catch(() => undefined)));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
