// startProxy: the whole proxy in one call. It connects to the ADS server, binds listeners as LDS says (dev mode:
// 127.0.0.1 and the port table), optionally serves the explicit forward proxy, and serves the admin API. The
// returned handle reports bound ports and closes everything. Logs (pino, JSON on stderr) report connection
// changes and NACKs; access log entries go to options.accessLog, or as Envoy's text lines to stdout when
// options.accessLogToStdout is set.
import type { AddressInfo, Server } from 'node:net';
import { pino } from 'pino';
import { GrpcAccessLoggers } from './access-log/grpc-access-logger.js';
import { type AdminContext, startAdmin } from './admin/admin-server.js';
import type { BootstrapInfo } from './admin/config-dump-page.js';
import { ClusterManager } from './cluster/cluster-manager.js';
import { InvalidOptionError } from './errors.js';
import type { AccessLogSink } from './http/access-log.js';
import { createFilterRegistry } from './http/filters/registry.js';
import { DEFAULT_DRAIN_TIME_MS, drain } from './listener/drain.js';
import { type ForwardProxyServer, startForwardProxy } from './listener/forward-proxy.js';
import { type InboundPortServer, startInboundPort } from './listener/inbound-port.js';
import { ListenerManager } from './listener/listener-manager.js';
import { ProxyConfig } from './proxy-config.js';
import { IstioMetrics } from './stats/istio-metrics.js';
import { StatsStore } from './stats/stats-store.js';
import { AdsClient } from './xds/ads-client.js';
import { XDS_SHORT } from './xds/ads-method.js';
import type { BackoffOptions } from './xds/backoff.js';
import { buildNode, type NodeOptions, parseNodeId, workloadOf } from './xds/node-identity.js';

export const PROXY_VERSION = 'minimesh-proxy/0.1.0';

export interface ProxyOptions extends Omit<NodeOptions, 'nodeId'> {
  /** HOST:PORT of the ADS server, e.g. 127.0.0.1:15010. */
  readonly xds: string;
  /** Istio node id: sidecar~10.0.0.1~reviews-v1-abc.default~default.svc.cluster.local (or router~...). */
  readonly nodeId: string;
  /** Admin port (default 15000; 0 = a free port). */
  readonly adminPort?: number;
  /** Address the admin API, listeners and the forward proxy bind (default 127.0.0.1). */
  readonly bindAddress?: string;
  /** LDS port -> local port (0 = a free port), the dev-mode port table. */
  readonly portMap?: Readonly<Record<number, number>>;
  /** Port of the explicit forward proxy (HTTP_PROXY); unset = off, 0 = a free port. */
  readonly forwardProxyPort?: number;
  /**
   * Dev-mode inbound capture: container port DST -> local port (0 = a free port). Connections to LOCAL are served
   * by the virtualInbound listener as if sent to (the node id's IP, DST), as iptables' REDIRECT gives Envoy.
   */
  readonly inboundPorts?: Readonly<Record<number, number>>;
  readonly accessLog?: AccessLogSink;
  readonly accessLogToStdout?: boolean;
  /** Reconnect backoff of the ADS stream (ms). */
  readonly backoff?: BackoffOptions;
  /** pino level (default info). */
  readonly logLevel?: string;
  /**
   * How long listeners drain, ms: a listener an LDS update removed, and every listener on drain() (SIGTERM in the
   * CLI, --drain-time-s). Default 5 s (Istio's terminationDrainDuration; src/listener/drain.ts).
   */
  readonly drainTimeMs?: number;
}

export interface RunningProxy {
  readonly adminPort: number;
  readonly forwardProxyPort: number | undefined;
  /** The local port bound for inbound container port `dst` (options.inboundPorts). */
  inboundPort(dst: number): number | undefined;
  readonly config: ProxyConfig;
  readonly stats: StatsStore;
  readonly xds: AdsClient;
  /** The streams of the envoy.access_loggers.http_grpc loggers the listeners configure. */
  readonly grpcAccessLoggers: GrpcAccessLoggers;
  /** The local port a bound listener got (after the port table). */
  listenerPort(name: string): number | undefined;
  /** Resolves once CDS and LDS were first accepted (rejects after timeoutMs, default 10 s). */
  ready(timeoutMs?: number): Promise<void>;
  /**
   * Graceful shutdown's first half (Envoy's drain_listeners as pilot-agent calls it on SIGTERM): every listener
   * and the forward proxy stop accepting, responses in flight finish with `connection: close`, idle connections
   * close; resolves once every downstream connection is closed, or after `drainTimeMs` (default
   * options.drainTimeMs) with what is left closed. The admin API and the ADS stream keep serving; close() follows.
   */
  drain(drainTimeMs?: number): Promise<void>;
  close(): Promise<void>;
}

function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

function checkAddress(xds: string): void {
  if (!/^(\[[0-9a-fA-F:.]+\]|[^:\s]+):\d{1,5}$/.test(xds)) {
    throw new InvalidOptionError(`--xds must be HOST:PORT, got ${JSON.stringify(xds)}`);
  }
}

export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  checkAddress(options.xds);
  const node = buildNode(options);
  const logger = pino({ name: 'minimesh-proxy', level: options.logLevel ?? 'info' }, pino.destination(2));
  const stats = new StatsStore();
  const istio = new IstioMetrics(workloadOf(options));
  const clusters = new ClusterManager(stats);
  const registry = createFilterRegistry({ clusters, stats });
  // envoy.access_loggers.http_grpc streams, by (cluster, log_name); the identifier carries the ADS node.
  const grpcAccessLoggers = new GrpcAccessLoggers({ node, clusters, stats });
  const host = options.bindAddress ?? '127.0.0.1';
  const stdoutLog: AccessLogSink | undefined =
    options.accessLogToStdout === true ? (e) => process.stdout.write(e.line) : undefined;
  const given = options.accessLog;
  const accessLog: AccessLogSink | undefined =
    given === undefined || stdoutLog === undefined
      ? (given ?? stdoutLog)
      : (e) => {
          given(e);
          stdoutLog(e);
        };
  let config: ProxyConfig | undefined;
  const listeners: ListenerManager = new ListenerManager(
    {
      registry,
      stats,
      routes: (name) => config?.route(name),
      awaitRoute: (name) => listeners.awaitRoute(name),
      accessLog,
      grpcAccessLoggers,
      istio,
      hasCluster: (name) => clusters.get(name) !== undefined,
    },
    clusters,
    stats,
    {
      bindAddress: host,
      drainTimeMs: options.drainTimeMs ?? DEFAULT_DRAIN_TIME_MS,
      ...(options.portMap === undefined ? {} : { portMap: options.portMap }),
    },
  );
  const proxyConfig = new ProxyConfig(clusters, listeners, registry, stats);
  config = proxyConfig;
  proxyConfig.onHandled = (type, accepted, detail) => {
    if (!accepted) logger.warn({ type: XDS_SHORT[type], detail }, 'xDS update rejected (NACK)');
    else logger.debug({ type: XDS_SHORT[type] }, 'xDS update accepted');
  };
  proxyConfig.onConnection = (connected) => logger.info({ xds: options.xds, connected }, 'ADS stream');

  const startedAt = new Date();
  const logLevel = {
    get level() {
      return logger.level;
    },
    set level(l: string) {
      logger.level = l;
    },
  };
  let adminPort = options.adminPort ?? 15000;
  const bootstrap = (): BootstrapInfo => ({ node, xdsAddress: options.xds, adminPort, startedAt });
  const ctx: AdminContext = {
    config: proxyConfig,
    stats,
    bootstrap,
    logLevel,
    version: PROXY_VERSION,
    istio,
  };
  const admin = await startAdmin(ctx, host, adminPort);
  adminPort = portOf(admin);
  let forward: ForwardProxyServer | undefined;
  const inbound: InboundPortServer[] = [];
  try {
    if (options.forwardProxyPort !== undefined)
      forward = await startForwardProxy(listeners, clusters, stats, host, options.forwardProxyPort);
    const instanceIp = parseNodeId(options.nodeId).ip.split(',')[0] ?? '';
    for (const [dst, local] of Object.entries(options.inboundPorts ?? {}))
      inbound.push(await startInboundPort(listeners, clusters, stats, host, Number(dst), local, instanceIp));
  } catch (err) {
    admin.close();
    forward?.close();
    await Promise.all(inbound.map((s) => s.close()));
    throw err;
  }
  const xds = new AdsClient(
    { address: options.xds, node, ...(options.backoff === undefined ? {} : { backoff: options.backoff }) },
    proxyConfig,
  );
  xds.start();

  return {
    adminPort,
    forwardProxyPort: forward === undefined ? undefined : portOf(forward),
    config: proxyConfig,
    stats,
    xds,
    grpcAccessLoggers,
    listenerPort: (name) => listeners.boundPort(name),
    inboundPort: (dst) => inbound.find((s) => s.destinationPort === dst)?.port,
    async ready(timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (!proxyConfig.initialized) {
        if (Date.now() > until) throw new Error(`proxy not initialized after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async drain(drainTimeMs = options.drainTimeMs ?? DEFAULT_DRAIN_TIME_MS) {
      logger.info({ drainTimeMs }, 'draining listeners');
      const fwd = forward;
      // The forward proxy and the dev-mode inbound ports drain as listeners do: `connection: close` on responses
      // in flight, idle connections closed after the HCM's drain_timeout, the rest when the drain time is up.
      const forwardDrained =
        fwd === undefined
          ? undefined
          : drain(
              {
                server: fwd,
                closeIdle: (graceMs) => fwd.closeIdle(graceMs),
                closeAll: () => fwd.closeAllConnections(),
                whenEmpty: () => fwd.whenEmpty(),
              },
              drainTimeMs,
            );
      const inboundDrained = inbound.map((s) => s.drain(drainTimeMs));
      await Promise.all([listeners.drainAll(drainTimeMs), forwardDrained, ...inboundDrained]);
      logger.info('listeners drained');
    },
    async close() {
      xds.close();
      await Promise.all(inbound.map((s) => s.close()));
      await listeners.close();
      await grpcAccessLoggers.close();
      for (const s of [admin, forward]) {
        if (s === undefined) continue;
        s.closeAllConnections();
        await new Promise<void>((r) => s.close(() => r()));
      }
      await clusters.destroy();
      logger.flush();
    },
  };
}
