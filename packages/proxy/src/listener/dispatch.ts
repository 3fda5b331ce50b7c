// From a request on a listener to its connection manager: the filter chain is chosen once per connection with
// the model's matcher (destination port and IP, source), as Envoy does at accept time, and cached on the socket
// for as long as the listener's compiled config and the destination are the same (an LDS update re-matches new connections'
// requests against the new config; requests in flight keep the objects they started with).
import type { Socket } from 'node:net';
import { TypeUrl } from '@minimesh/model/xds';
import type { DownstreamRequest, DownstreamResponse } from '../http/http-stream.js';
import type { StatsStore } from '../stats/stats-store.js';
import type { CompiledChain, CompiledListener } from './compile-listener.js';
import type { DownstreamInfo } from './http-connection-manager.js';
import { connectionFacts } from './tls-inspector.js';

const chosen = new WeakMap<
  Socket,
  {
    listener: CompiledListener;
    port: number;
    ip: string;
    http: string | undefined;
    chain: CompiledChain | undefined;
  }
>();

function plainIp(ip: string | undefined): string {
  if (ip === undefined || ip === '') return '127.0.0.1';
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

/** Whether the listener has envoy.filters.listener.http_inspector (Istio's outbound HTTP listeners do). */
function hasHttpInspector(listener: CompiledListener): boolean {
  return (listener.listener.listener_filters ?? []).some(
    (f) => (f.typed_config as { '@type'?: string } | undefined)?.['@type'] === TypeUrl.HTTP_INSPECTOR,
  );
}

/**
 * The chain for a connection to `listener` (cached per socket), or undefined when none matches. `httpProtocol`
 * (`http/1.1` or `h2c`): the connection is known to carry plaintext HTTP (a request is being dispatched), which
 * the listener's http_inspector reports as its application protocol, as Envoy's does, so istiod's outbound chains
 * (`application_protocols: [http/1.1, h2c]`) match.
 */
export function chainFor(
  listener: CompiledListener,
  socket: Socket,
  destinationPort: number,
  destinationIp: string,
  httpProtocol?: 'http/1.1' | 'h2c',
): CompiledChain | undefined {
  const cached = chosen.get(socket);
  if (
    cached !== undefined &&
    cached.listener === listener &&
    cached.port === destinationPort &&
    cached.ip === destinationIp &&
    cached.http === httpProtocol
  ) {
    return cached.chain;
  }
  // SNI, ALPN and transport protocol, when the listener's tls_inspector read them.
  const seen = connectionFacts(socket);
  const facts =
    httpProtocol !== undefined &&
    (seen === undefined ||
      (seen.transportProtocol === 'raw_buffer' && seen.applicationProtocols.length === 0)) &&
    hasHttpInspector(listener)
      ? { transportProtocol: 'raw_buffer' as const, serverName: '', applicationProtocols: [httpProtocol] }
      : seen;
  const m = listener.chains.match({
    destinationPort,
    destinationIp,
    sourceIp: plainIp(socket.remoteAddress),
    sourcePort: socket.remotePort ?? 0,
    ...(facts === undefined
      ? {}
      : {
          serverName: facts.serverName,
          transportProtocol: facts.transportProtocol,
          applicationProtocols: facts.applicationProtocols,
        }),
  });
  const chain = m.matched === undefined ? undefined : listener.byChain.get(m.matched);
  chosen.set(socket, { listener, port: destinationPort, ip: destinationIp, http: httpProtocol, chain });
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
  const http = req.httpVersion === '2.0' ? 'h2c' : 'http/1.1';
  const chain = chainFor(listener, req.socket, info.listenerPort, destinationIp, http);
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
