// The listeners from LDS (state of the world: each response is the whole set). An update is compiled whole
// first; then new listeners are bound, listeners whose address and port did not change keep their server and
// switch to the new config for new requests (requests in flight finish on the old one), and removed listeners
// stop accepting and close idle connections. In dev mode every address binds 127.0.0.1 (options.bindAddress) and
// ports go through the port table (LDS port -> local port; 0 = any free port).
import type { Socket } from 'node:net';
import type { Listener } from '@minimesh/model/xds';
import type { ClusterManager } from '../cluster/cluster-manager.js';
import { ConfigRejectedError, errorText } from '../errors.js';
import type { DownstreamRequest, DownstreamResponse } from '../http/http-stream.js';
import type { StatsStore } from '../stats/stats-store.js';
import { type CompiledListener, compileListener } from './compile-listener.js';
import { chainFor, dispatch, plainIp } from './dispatch.js';
import type { HcmDeps } from './http-connection-manager.js';
import { type AutoServer, createAutoServer } from './protocol-sniff.js';
import { proxyTcp } from './tcp-proxy.js';

export interface ListenerBinding {
  /** Address to bind every listener to (default 127.0.0.1). */
  readonly bindAddress?: string;
  /** LDS port -> local port (0: a free port). Ports not in it bind as given. */
  readonly portMap?: Readonly<Record<number, number>>;
}

interface Active {
  compiled: CompiledListener;
  server: AutoServer | undefined;
  /** The port actually bound (undefined for virtual listeners). */
  boundPort: number | undefined;
  versionInfo: string;
  lastUpdated: Date;
}

export class ListenerManager {
  readonly #active = new Map<string, Active>();
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

  /** RDS names every listener needs, sorted (the RDS subscription). */
  rdsNames(): string[] {
    return [...new Set([...this.#active.values()].flatMap((a) => a.compiled.rdsNames))].sort();
  }

  /** Listeners for a forward-proxied destination port, bound or virtual. */
  forPort(port: number): CompiledListener[] {
    return [...this.#active.values()].map((a) => a.compiled).filter((l) => l.port === port);
  }

  /** Listeners with use_original_dst (virtual outbound). */
  originalDstListeners(): CompiledListener[] {
    return [...this.#active.values()].map((a) => a.compiled).filter((l) => l.useOriginalDst);
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
        };
        if (c.bindToPort) await this.#bind(a);
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
        // Stop accepting; connections in use finish their requests (Envoy drains), idle ones close now.
        old.server?.server.close();
        old.server?.closeIdle();
        this.#active.delete(name);
      }
    }
    for (const c of compiled) {
      const a = freshByName.get(c.name);
      if (a !== undefined) this.#active.set(c.name, a);
      else {
        const old = this.#active.get(c.name);
        if (old !== undefined && JSON.stringify(old.compiled.listener) !== JSON.stringify(c.listener)) {
          old.compiled = c;
          old.versionInfo = versionInfo;
          old.lastUpdated = now;
        }
      }
    }
    this.versionInfo = versionInfo;
  }

  async close(): Promise<void> {
    const servers = [...this.#active.values()].flatMap((a) => (a.server === undefined ? [] : [a.server]));
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
        // The filter chain is chosen at accept time, as Envoy does; a TCP proxy chain takes the connection.
        const l = current();
        const ip = dstIp(l, socket);
        const chain = chainFor(l, socket, l.port, ip);
        if (chain?.tcp === undefined) return false;
        proxyTcp(socket, chain.tcp, this.clusters, this.stats, { host: ip, port: l.port });
        return true;
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
