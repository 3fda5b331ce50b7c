// The explicit forward-proxy mode: an application configured with HTTP_PROXY sends
// `GET http://reviews:9080/reviews/0 HTTP/1.1` to this port, and the request is served as Envoy's outbound side
// would serve a connection to reviews:9080: the listener for port 9080 (bound or virtual, an exact IP address
// before 0.0.0.0), else a use_original_dst listener (Istio's virtualOutbound), its filter chain matched with
// destination port 9080, then its connection manager routes by authority ("reviews:9080"). The request's
// original destination (host, port) serves ORIGINAL_DST clusters (PassthroughCluster). An origin-form request is
// read the same way from its Host header (port 80 when absent). CONNECT host:port is tunnelled when the chain for
// that destination is a tcp_proxy (Istio's PassthroughCluster on virtualOutbound, or a TCP service), else 405.
import { isIP, type Socket } from 'node:net';
import type { ClusterManager } from '../cluster/cluster-manager.js';
import { createH1Server, type H1Server, listen } from '../http1/h1-server.js';
import type { H1Request } from '../http1/server-request.js';
import type { H1Response } from '../http1/server-response.js';
import type { StatsStore } from '../stats/stats-store.js';
import type { CompiledListener } from './compile-listener.js';
import { chainFor, dispatch } from './dispatch.js';
import { relayToTcpChain } from './forward-passthrough.js';
import type { ListenerManager } from './listener-manager.js';
import { proxyTcp } from './tcp-proxy.js';

function target(req: H1Request): { host: string; port: number; authority: string; path: string } | undefined {
  const raw = req.url ?? '/';
  if (/^http:\/\//i.test(raw)) {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return undefined;
    }
    const port = url.port === '' ? 80 : Number(url.port);
    const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    const given = req.headers.host;
    return {
      host,
      port,
      authority: typeof given === 'string' ? given : url.host,
      path: `${url.pathname}${url.search}`,
    };
  }
  const authority = req.headers.host;
  if (typeof authority !== 'string') return undefined;
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(authority);
  if (m === null) return undefined;
  const h = m[1] ?? '';
  return {
    host: h.startsWith('[') ? h.slice(1, -1) : h,
    port: m[2] === undefined ? 80 : Number(m[2]),
    authority,
    path: raw,
  };
}

/** The listener Envoy's outbound side would hand a connection to host:port to. */
export function outboundListener(
  listeners: ListenerManager,
  host: string,
  port: number,
): CompiledListener | undefined {
  const onPort = listeners.forPort(port);
  const exact = isIP(host) === 0 ? undefined : onPort.find((l) => l.address === host);
  return (
    exact ??
    onPort.find((l) => l.address === '0.0.0.0' || l.address === '::') ??
    listeners.originalDstListeners()[0]
  );
}

/** CONNECT host:port: tunnelled when the outbound listener's chain for that port is a tcp_proxy, else 405. */
function tunnel(
  listeners: ListenerManager,
  clusters: ClusterManager,
  stats: StatsStore,
  req: H1Request,
  socket: Socket,
  head: Buffer,
): void {
  const m = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(req.url ?? '');
  const refuse = (status: string) => socket.end(`HTTP/1.1 ${status}\r\ncontent-length: 0\r\n\r\n`);
  if (m === null) return void refuse('400 Bad Request');
  const host = (m[1] ?? '').replace(/^\[|\]$/g, '');
  const port = Number(m[2]);
  const listener = outboundListener(listeners, host, port);
  const net = socket;
  const chain =
    listener === undefined ? undefined : chainFor(listener, net, port, isIP(host) === 0 ? '0.0.0.0' : host);
  if (chain?.tcp === undefined) return void refuse('405 Method Not Allowed');
  socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
  if (head.length > 0) net.unshift(head);
  proxyTcp(net, chain.tcp, clusters, stats, { host, port });
}

/** The forward proxy's listening socket; closeAllConnections destroys the connections it accepted. */
export type ForwardProxyServer = H1Server;

export async function startForwardProxy(
  listeners: ListenerManager,
  clusters: ClusterManager,
  stats: StatsStore,
  host: string,
  port: number,
): Promise<ForwardProxyServer> {
  const onRequest = (req: H1Request, res: H1Response) => {
    const t = target(req);
    if (t === undefined) {
      res.writeHead(400, { 'content-length': '0' }).end();
      return;
    }
    const listener = outboundListener(listeners, t.host, t.port);
    if (listener === undefined) {
      res.writeHead(404, { 'content-length': '0' }).end();
      return;
    }
    const dstIp = isIP(t.host) === 0 ? '0.0.0.0' : t.host;
    // A tcp_proxy chain for this destination (passthrough, black hole, a TCP service): relayed as the bytes would be.
    const tcp = chainFor(listener, req.socket, t.port, dstIp, 'http/1.1')?.tcp;
    if (tcp !== undefined) return void relayToTcpChain(req, res, tcp, clusters, stats, t);
    const info = { listenerPort: t.port, originalDestination: { host: t.host, port: t.port } };
    dispatch(listener, req, res, stats, info, dstIp, t.authority, t.path);
  };
  const onConnect = (req: H1Request, socket: Socket, head: Buffer) =>
    tunnel(listeners, clusters, stats, req, socket, head);
  const server = createH1Server({ onRequest, onConnect, idleTimeoutMs: 60_000 });
  await listen(server, host, port);
  return server;
}
