// Dev-mode inbound capture: what iptables' REDIRECT gives Envoy in a pod, without iptables. Each inbound port is
// a socket on 127.0.0.1:LOCAL standing for the workload's container port DST: every connection it accepts is served
// by the LDS listener Istio captures inbound traffic with (virtualInbound, 15006: `use_original_dst` and
// traffic_direction INBOUND) as if its original destination were (the node's instance IP, DST), so filter chain
// matching sees destination port DST and the instance IP, exactly as in a pod.
import type { Socket } from 'node:net';
import type { ClusterManager } from '../cluster/cluster-manager.js';
import { ProxyError, ProxyErrorCode } from '../errors.js';
import type { DownstreamRequest, DownstreamResponse } from '../http/http-stream.js';
import type { StatsStore } from '../stats/stats-store.js';
import type { CompiledListener } from './compile-listener.js';
import { chainFor, dispatch } from './dispatch.js';
import { type DrainOutcome, drain } from './drain.js';
import type { ListenerManager } from './listener-manager.js';
import { type AutoServer, createAutoServer } from './protocol-sniff.js';
import { proxyTcp } from './tcp-proxy.js';

/** The listener that captures inbound traffic (Istio's virtualInbound), if LDS has given one. */
export function virtualInboundListener(listeners: ListenerManager): CompiledListener | undefined {
  const all = listeners.all().map((a) => a.compiled);
  return (
    all.find((l) => l.useOriginalDst && String(l.listener.traffic_direction ?? '') === 'INBOUND') ??
    all.find((l) => l.name === 'virtualInbound')
  );
}

export interface InboundPortServer {
  /** The container port (original destination port) this socket stands for. */
  readonly destinationPort: number;
  /** The local port bound on the bind address. */
  readonly port: number;
  /** Drains as a listener drains (src/listener/drain.ts): stops accepting, `connection: close`, then closes. */
  drain(drainTimeMs: number): Promise<DrainOutcome>;
  close(): Promise<void>;
}

/**
 * Binds host:localPort (0 = a free port) for container port `destinationPort` of the instance `instanceIp`.
 * Connections arriving before LDS gave a virtualInbound listener, or matching none of its chains, are closed (as
 * Envoy closes a connection without a filter chain). Throws ProxyError PROXY_BIND_FAILED when the port is taken.
 */
export async function startInboundPort(
  listeners: ListenerManager,
  clusters: ClusterManager,
  stats: StatsStore,
  host: string,
  destinationPort: number,
  localPort: number,
  instanceIp: string,
): Promise<InboundPortServer> {
  const original = { host: instanceIp, port: destinationPort };
  const auto: AutoServer = createAutoServer(
    (req: DownstreamRequest, res: DownstreamResponse) => {
      const l = virtualInboundListener(listeners);
      if (l === undefined) {
        req.socket.destroy();
        return;
      }
      const authority = typeof req.headers.host === 'string' ? req.headers.host : '';
      const info = { listenerPort: destinationPort, originalDestination: original };
      dispatch(l, req, res, stats, info, instanceIp, authority, req.url ?? '/');
    },
    (socket: Socket) => {
      // The chain is chosen at accept time, as Envoy does; a tcp_proxy chain takes the connection whole.
      const l = virtualInboundListener(listeners);
      if (l === undefined) {
        socket.destroy();
        return true;
      }
      const chain = chainFor(l, socket, destinationPort, instanceIp);
      if (chain?.tcp === undefined) return false;
      proxyTcp(socket, chain.tcp, clusters, stats, original);
      return true;
    },
  );
  const server = auto.server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) =>
      reject(
        new ProxyError(
          ProxyErrorCode.BindFailed,
          `cannot bind inbound port ${host}:${localPort} (for port ${destinationPort}): ${(err as Error).message}`,
          { cause: err },
        ),
      ),
    );
    server.listen(localPort, host, () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr !== null ? addr.port : localPort;
  return {
    destinationPort,
    port,
    drain: (drainTimeMs) =>
      drain(
        {
          server,
          closeIdle: (graceMs) => auto.closeIdle(graceMs),
          closeAll: () => auto.closeAll(),
          whenEmpty: () => auto.whenEmpty(),
        },
        drainTimeMs,
      ),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        auto.closeAll();
      }),
  };
}
