// The listeners from LDS (state of the world: each response is the whole set). An update is compiled whole
// first; then new listeners are bound, listeners whose address and port did not change keep their server and
// switch to the new config for new requests (requests in flight finish on the old one), and removed listeners
// drain (drain.ts: stop accepting, `connection: close` on the responses in flight, closed when idle, the rest
// closed when the drain time is up). In dev mode every address binds 127.0.0.1 (options.bindAddress) and
// ports go through the port table (LDS port -> local port; 0 = any free port). An in-place update whose connection
// managers name a route configuration not received yet warms, as Envoy warms listeners: the current config keeps
// serving (its routes stay subscribed) until RDS has every name the update needs (routesChanged()). A NEW listener
// whose routes have not all arrived warms too (Envoy does not activate it yet): a virtual one is not chosen for
// forwarded requests (they go where they went before, e.g. virtualOutbound), a bound one holds its requests until
// the routes come (the connection manager's awaitRoute); after INITIAL_FETCH_TIMEOUT_MS it serves regardless.
import type { Socket } from 'node:net';
import type { Listener } from '@minimesh/model/xds';
import type { ClusterManager } from '../cluster/cluster-manager.js';
import { ConfigRejectedError, errorText } from '../errors.js';
import type { DownstreamRequest, DownstreamResponse } from '../http/http-stream.js';
import type { RouteTable } from '../http/route-table.js';
import type { StatsStore } from '../stats/stats-store.js';
import { type CompiledListener, compileListener } from './compile-listener.js';
import { chainFor, dispatch, plainIp } from './dispatch.js';
import { DEFAULT_DRAIN_TIME_MS, drain } from './drain.js';
import type { HcmDeps } from './http-connection-manager.js';
import { type AutoServer, createAutoServer } from './protocol-sniff.js';
import { RouteWaiters } from './route-waiters.js';
import { proxyTcp } from './tcp-proxy.js';
import { inspectTls } from './tls-inspector.js';

export interface ListenerBinding {
  /** Address to bind every listener to (default 127.0.0.1). */
  readonly bindAddress?: string;
  /** LDS port -> local port (0: a free port). Ports not in it bind as given. */
  readonly portMap?: Readonly<Record<number, number>>;
  /** How long a removed listener drains before its connections are closed, ms (default 5 s, drain.ts). */
  readonly drainTimeMs?: number;
}

/** Envoy's initial_fetch_timeout default (config_source.proto: 15 s): how long a new listener waits for RDS, ms. */
export const INITIAL_FETCH_TIMEOUT_MS = 15_000;

interface Active {
  compiled: CompiledListener;
  server: AutoServer | undefined;
  /** The port actually bound (undefined for virtual listeners). */
  boundPort: number | undefined;
  versionInfo: string;
  lastUpdated: Date;
  /** An update waiting for its route configurations (Envoy's warming listener); `compiled` serves meanwhile. */
  warming: { compiled: CompiledListener; versionInfo: string; lastUpdated: Date } | undefined;
  /** A new listener whose route configurations have not all arrived (warming; see the top of the file). */
  waitingForRoutes: boolean;
}

/** The same listener config (an update that changes nothing). */
function sameListener(a: CompiledListener, b: CompiledListener): boolean {
  return JSON.stringify(a.listener) === JSON.stringify(b.listener);
}

export class ListenerManager {
  readonly #active = new Map<string, Active>();
  /** Servers of removed listeners still draining. */
  readonly #draining = new Set<AutoServer>();
  /** Their drains, resolved once each is over. */
  readonly #drainingDone = new Set<Promise<unknown>>();
  /** Requests of warming new listeners waiting for a route configuration (awaitRoute). */
  readonly #routeWaiters = new RouteWaiters(
    (name) => this.#routePending(name),
    (name) => this.deps.routes(name),
  );
  /** drainAll was called (Envoy's server state DRAINING: /ready answers 503). */
  drainingAll = false;
  versionInfo = '';

  constructor(
    private readonly deps: HcmDeps,
    private readonly clusters: ClusterManager,
    private readonly stats: StatsStore,
    private readonly binding: ListenerBinding,
  ) {}

  /** Every listener, sorted by name. */
  all(): readonly (Readonly<Active> & { name: string })[] {
    return [...this.#active.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, a]) => ({ name, ...a }));
  }

  get(name: string): CompiledListener | undefined {
    return this.#active.get(name)?.compiled;
  }

  /** The local port a listener is bound to. */
  boundPort(name: string): number | undefined {
    return this.#active.get(name)?.boundPort;
  }

  /** RDS names every listener needs, serving or warming, sorted (the RDS subscription). */
  rdsNames(): string[] {
    const names = [...this.#active.values()].flatMap((a) => [
      ...a.compiled.rdsNames,
      ...(a.warming?.compiled.rdsNames ?? []),
    ]);
    return [...new Set(names)].sort();
  }

  /** Listeners warming now (Envoy's listener_manager.total_listeners_warming). */
  get warming(): number {
    let n = 0;
    for (const a of this.#active.values()) if (a.warming !== undefined || a.waitingForRoutes) n++;
    return n;
  }

  /**
   * Route configurations arrived: warming updates whose routes are all there now take over. True when one did
   * (routes only the replaced configs used may then be dropped).
   */
  routesChanged(): boolean {
    let promoted = false;
    let woke = false;
    for (const a of this.#active.values()) {
      if (a.waitingForRoutes && this.#routesReady(a.compiled)) {
        a.waitingForRoutes = false;
        woke = true;
      }
      const w = a.warming;
      if (w === undefined || !this.#routesReady(w.compiled)) continue;
      a.compiled = w.compiled;
      a.versionInfo = w.versionInfo;
      a.lastUpdated = w.lastUpdated;
      a.warming = undefined;
      promoted = true;
    }
    if (woke) this.#routeWaiters.wake();
    this.#warmingGauge();
    return promoted;
  }

  /** A new listener still waiting for its routes after Envoy's initial_fetch_timeout serves regardless. */
  #stopWaitingLater(a: Active): void {
    setTimeout(() => {
      if (!a.waitingForRoutes) return;
      a.waitingForRoutes = false;
      this.#warmingGauge();
      this.#routeWaiters.wake();
    }, INITIAL_FETCH_TIMEOUT_MS).unref();
  }

  /** Route configuration `name` for a request of a bound listener, waiting while a new listener warms for it. */
  awaitRoute(name: string): Promise<RouteTable | undefined> {
    return this.#routeWaiters.wait(name);
  }

  /** True while a warming new listener waits for route configuration `name`. */
  #routePending(name: string): boolean {
    for (const a of this.#active.values())
      if (a.waitingForRoutes && a.compiled.rdsNames.includes(name)) return true;
    return false;
  }

  #routesReady(c: CompiledListener): boolean {
    return c.rdsNames.every((n) => this.deps.routes(n) !== undefined);
  }

  #warmingGauge(): void {
    this.stats.gauge(
      'listener_manager.total_listeners_warming',
      'envoy_listener_manager_total_listeners_warming',
    ).value = this.warming;
  }

  /** Listeners for a forward-proxied destination port, bound or virtual. */
  forPort(port: number): CompiledListener[] {
    const out: CompiledListener[] = [];
    for (const a of this.#active.values())
      if (!a.waitingForRoutes && a.compiled.port === port) out.push(a.compiled);
    return out;
  }

  /** Listeners with use_original_dst (virtual outbound). */
  originalDstListeners(): CompiledListener[] {
    const out: CompiledListener[] = [];
    for (const a of this.#active.values())
      if (!a.waitingForRoutes && a.compiled.useOriginalDst) out.push(a.compiled);
    return out;
  }

  /** Applies a whole LDS response. Throws ConfigRejectedError (nothing changed) for a bad listener or a bind error. */
  async apply(listeners: readonly Listener[], versionInfo: string): Promise<void> {
    const compiled = listeners.map((l) => compileListener(l, this.deps));
    const now = new Date();
    const fresh: Active[] = [];
    try {
      for (const c of compiled) {
        const old = this.#active.get(c.name);
        if (
          old !== undefined &&
          old.compiled.address === c.address &&
          old.compiled.port === c.port &&
          old.compiled.bindToPort === c.bindToPort
        ) {
          continue;
        }
        const a: Active = {
          compiled: c,
          server: undefined,
          boundPort: undefined,
          versionInfo,
          lastUpdated: now,
          warming: undefined,
          waitingForRoutes: !this.#routesReady(c),
        };
        // Once every listener drains (shutdown), nothing new is bound.
        if (c.bindToPort && !this.drainingAll) await this.#bind(a);
        fresh.push(a);
      }
    } catch (err) {
      for (const a of fresh) {
        a.server?.server.close();
        a.server?.closeAll();
      }
      throw err;
    }
    const freshByName = new Map(fresh.map((a) => [a.compiled.name, a]));
    const keep = new Set(compiled.map((c) => c.name));
    for (const [name, old] of this.#active) {
      if (!keep.has(name) || freshByName.has(name)) {
        // Drains (drain.ts): no new connections; requests in flight finish, answered with `connection: close`.
        if (old.server !== undefined) void this.#drain(old.server, this.binding.drainTimeMs);
        this.#active.delete(name);
      }
    }
    for (const c of compiled) {
      const a = freshByName.get(c.name);
      if (a !== undefined) {
        this.#active.set(c.name, a);
        if (a.waitingForRoutes) this.#stopWaitingLater(a);
      } else {
        const old = this.#active.get(c.name);
        if (old === undefined) continue;
        if (sameListener(old.compiled, c)) old.warming = undefined;
        else if (old.warming !== undefined && sameListener(old.warming.compiled, c)) continue;
        else if (this.#routesReady(c)) {
          old.compiled = c;
          old.versionInfo = versionInfo;
          old.lastUpdated = now;
          old.warming = undefined;
        } else old.warming = { compiled: c, versionInfo, lastUpdated: now };
      }
    }
    this.#warmingGauge();
    this.versionInfo = versionInfo;
  }

  /** Listeners draining now (Envoy's listener_manager.total_listeners_draining). */
  get draining(): number {
    return this.#draining.size;
  }

  /**
   * Drains every listener (shutdown; `inboundOnly`: those with traffic_direction INBOUND, as Envoy's
   * /drain_listeners?inboundonly): none accepts any more, and this resolves once their connections are closed, by
   * themselves or when `drainTimeMs` is up. The listeners stay in the config (the admin API still shows them).
   */
  async drainAll(drainTimeMs = this.binding.drainTimeMs, inboundOnly = false): Promise<void> {
    this.drainingAll = true;
    const servers: AutoServer[] = [];
    for (const a of this.#active.values()) {
      if (a.server === undefined) continue;
      if (inboundOnly && String(a.compiled.listener.traffic_direction ?? '') !== 'INBOUND') continue;
      servers.push(a.server);
      a.server = undefined;
    }
    await Promise.all([...servers.map((s) => this.#drain(s, drainTimeMs)), ...this.#drainingDone]);
  }

  #drain(server: AutoServer, drainTimeMs = DEFAULT_DRAIN_TIME_MS): Promise<unknown> {
    this.#draining.add(server);
    const gauge = this.stats.gauge(
      'listener_manager.total_listeners_draining',
      'envoy_listener_manager_total_listeners_draining',
    );
    gauge.value = this.#draining.size;
    const done = drain(server, drainTimeMs).then(() => {
      this.#draining.delete(server);
      this.#drainingDone.delete(done);
      gauge.value = this.#draining.size;
    });
    this.#drainingDone.add(done);
    return done;
  }

  async close(): Promise<void> {
    const servers = [...this.#active.values()].flatMap((a) => (a.server === undefined ? [] : [a.server]));
    servers.push(...this.#draining);
    this.#active.clear();
    await Promise.all(
      servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            s.server.close(() => resolve());
            s.closeAll();
          }),
      ),
    );
  }

  async #bind(a: Active): Promise<void> {
    const c = a.compiled;
    const host = this.binding.bindAddress ?? '127.0.0.1';
    const port = this.binding.portMap?.[c.port] ?? c.port;
    const current = () => this.#active.get(c.name)?.compiled ?? c;
    const dstIp = (l: CompiledListener, socket: Socket) =>
      l.address === '0.0.0.0' || l.address === '::' ? plainIp(socket.localAddress) : l.address;
    const auto = createAutoServer(
      (req: DownstreamRequest, res: DownstreamResponse) => {
        const l = current();
        const info = { listenerPort: l.port };
        const host = req.headers.host;
        dispatch(
          l,
          req,
          res,
          this.stats,
          info,
          dstIp(l, req.socket),
          typeof host === 'string' ? host : '',
          req.url ?? '/',
        );
      },
      (socket) => {
        // The filter chain is chosen at accept time, as Envoy does; a TCP proxy chain takes the connection. With a
        // tls_inspector, once the first bytes are read (SNI, ALPN, "tls" or raw_buffer).
        const l = current();
        if (l.tlsInspector?.enabledFor(l.port) === true) {
          inspectTls(socket, l.tlsInspector, this.stats, `${l.address}_${l.port}`, (facts) => {
            const now = current();
            const ip = dstIp(now, socket);
            const chain = chainFor(now, socket, now.port, ip);
            if (chain?.tcp !== undefined) {
              proxyTcp(socket, chain.tcp, this.clusters, this.stats, { host: ip, port: now.port });
            } else if (chain?.hcm !== undefined && facts.transportProtocol === 'raw_buffer') {
              auto.accept(socket);
            } else {
              // No chain, or one that terminates TLS (not done here): closed, as for no matching chain.
              this.stats.inc(
                `listener.${now.address}_${now.port}.no_filter_chain_match`,
                'envoy_listener_no_filter_chain_match',
                { envoy_listener_address: `${now.address}_${now.port}` },
              );
              socket.destroy();
            }
          });
          return true;
        }
        const ip = dstIp(l, socket);
        const chain = chainFor(l, socket, l.port, ip);
        if (chain?.tcp === undefined) return false;
        proxyTcp(socket, chain.tcp, this.clusters, this.stats, { host: ip, port: l.port });
        return true;
      },
      (socket) => {
        const l = current();
        return chainFor(l, socket, l.port, dstIp(l, socket))?.hcm?.limits;
      },
    );
    const server = auto.server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err) =>
        reject(
          new ConfigRejectedError('Listener', c.name, `cannot bind ${host}:${port}: ${errorText(err)}`, {
            cause: err,
          }),
        ),
      );
      server.listen(port, host, () => resolve());
    });
    const addr = server.address();
    a.server = auto;
    a.boundPort = typeof addr === 'object' && addr !== null ? addr.port : port;
  }
}
