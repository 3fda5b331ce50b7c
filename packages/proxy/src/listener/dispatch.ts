// From a request on a listener to its connection manager: the filter chain is chosen once per connection with
// the model's matcher (destination port and IP, source), as Envoy does at accept time, and cached on the socket
// for as long as the listener's compiled config and the destination are the same (an LDS update re-matches new connections'
// requests against the new config; requests in flight keep the objects they started with).
import type { Socket } from 'node:net';
import type { DownstreamRequest, DownstreamResponse } from '../http/http-stream.js';
import type { StatsStore } from '../stats/stats-store.js';
import type { CompiledChain, CompiledListener } from './compile-listener.js';
import type { DownstreamInfo } from './http-connection-manager.js';

const chosen = new WeakMap<
  Socket,
  { listener: CompiledListener; port: number; ip: string; chain: CompiledChain | undefined }
>();

function plainIp(ip: string | undefined): string {
  if (ip === undefined || ip === '') return '127.0.0.1';
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

/** The chain for a connection to `listener` (cached per socket), or undefined when none matches. */
export function chainFor(
  listener: CompiledListener,
  socket: Socket,
  destinationPort: number,
  destinationIp: string,
): CompiledChain | undefined {
  const cached = chosen.get(socket);
  if (
    cached !== undefined &&
    cached.listener === listener &&
    cached.port === destinationPort &&
    cached.ip === destinationIp
  ) {
    return cached.chain;
  }
  const m = listener.chains.match({
    destinationPort,
    destinationIp,
    sourceIp: plainIp(socket.remoteAddress),
    sourcePort: socket.remotePort ?? 0,
  });
  const chain = m.matched === undefined ? undefined : listener.byChain.get(m.matched);
  chosen.set(socket, { listener, port: destinationPort, ip: destinationIp, chain });
  return chain;
}

/** Serves one request that arrived on `listener`; closes the connection when no chain serves it. */
export function dispatch(
  listener: CompiledListener,
  req: DownstreamRequest,
  res: DownstreamResponse,
  stats: StatsStore,
  info: DownstreamInfo,
  destinationIp: string,
  authority: string,
  path: string,
): void {
  const chain = chainFor(listener, req.socket, info.listenerPort, destinationIp);
  if (chain?.hcm === undefined) {
    stats.inc(
      `listener.${listener.address}_${listener.port}.no_filter_chain_match`,
      'envoy_listener_no_filter_chain_match',
      {
        envoy_listener_address: `${listener.address}_${listener.port}`,
      },
    );
    req.socket.destroy();
    return;
  }
  chain.hcm.handle(req, res, info, authority, path);
}

export { plainIp };
