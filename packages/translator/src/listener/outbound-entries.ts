// The outbound listener map of one sidecar (istiod 1.30 listener.go buildSidecarOutboundListener): every
// (service, port) is added under its listener key `<bind>:<port>` (HTTP: the wildcard; TCP / sniffed: the
// service's VIP, else the wildcard), and a second comer on a key is resolved as istiod does: HTTP next to TCP
// turns the listener into a sniffed one with both chains, TCP next to TCP merges the chains that do not conflict
// (TLS hosts differ by SNI), HTTP next to HTTP is the same listener (RDS picks the host). Mongo and MySQL never
// share a port with another protocol. Entries of user-declared egress ports are locked: the catch-all egress
// listener adds nothing to them.
import { isHttp, isTcp, isUnsupported, MeshProtocol, type MeshService } from '@minimesh/model';
import { MessageCode, type MessageSink } from '../messages.js';
import { listenerName, WILDCARD_ADDRESS } from '../naming.js';
import type { MeshProxy } from '../proxy.js';
import type { PushContext } from '../push-context.js';
import { type ChainOpts, conflictsWith, httpChainOpts, tcpChainOpts } from './outbound-chains.js';

/** One outbound listener under construction. */
export interface OutboundEntry {
  readonly bind: string;
  readonly port: number;
  /** Whether Envoy binds the socket itself (Sidecar captureMode NONE, a unix socket); else iptables feeds it. */
  readonly bindToPort: boolean;
  /** The listener's protocol: HTTP, a TCP one, or Unsupported once sniffing (HTTP and TCP chains). */
  protocol: MeshProtocol;
  chains: ChainOpts[];
  locked: boolean;
  /** Who made the entry (`HTTP service reviews.default.svc.cluster.local`), for conflict messages. */
  readonly owner: string;
}

/** Where a service port's listener goes. */
export interface ListenerPlacement {
  /** The user's bind address ('' when none). */
  readonly bind: string;
  readonly bindToPort: boolean;
  /** The listener port and its protocol (a Sidecar egress port's, else the service port's). */
  readonly port: number;
  readonly protocol: MeshProtocol;
}

type ListenerKind = 'HTTP' | 'TCP' | 'AUTO' | 'NONE';

function kindOf(p: MeshProtocol): ListenerKind {
  if (isHttp(p)) return 'HTTP';
  if (isTcp(p)) return 'TCP';
  return isUnsupported(p) ? 'AUTO' : 'NONE';
}

const WELL_KNOWN = new Set<MeshProtocol>([MeshProtocol.Mongo, MeshProtocol.MySQL]);

export class OutboundEntries {
  readonly #entries = new Map<string, OutboundEntry>();
  readonly #proxy: MeshProxy;
  readonly #push: PushContext;
  readonly #sink: MessageSink;

  constructor(proxy: MeshProxy, push: PushContext, sink: MessageSink) {
    this.#proxy = proxy;
    this.#push = push;
    this.#sink = sink;
  }

  /** Locks every entry made so far (the catch-all egress listener comes next). */
  lockAll(): void {
    for (const e of this.#entries.values()) e.locked = true;
  }

  entries(): OutboundEntry[] {
    return [...this.#entries.values()];
  }

  /**
   * Adds one service port at `at` (istiod buildSidecarOutboundListener). A TCP or sniffed port without a user bind
   * goes on each of the service's addresses (istiod makes one service per ServiceEntry address; a Kubernetes
   * Service has its cluster IP), a CIDR address on the wildcard with a destination CIDR match.
   */
  add(service: MeshService, at: ListenerPlacement): void {
    const kind = kindOf(at.protocol);
    if (kind === 'NONE') return; // UDP: sidecars do not capture it
    if (kind === 'HTTP' || at.bind !== '') {
      this.#addAt(service, at, at.bind === '' ? WILDCARD_ADDRESS : at.bind, [], '');
      return;
    }
    const vips = service.source === 'serviceentry' ? service.addresses : service.addresses.slice(0, 1);
    if (vips.length === 0) this.#addAt(service, at, WILDCARD_ADDRESS, [], '');
    for (const vip of vips) {
      if (vip.includes('/')) this.#addAt(service, at, WILDCARD_ADDRESS, [vip], '');
      else this.#addAt(service, at, vip, [], vip);
    }
  }

  #addAt(service: MeshService, at: ListenerPlacement, bind: string, cidrs: string[], vip: string): void {
    const kind = kindOf(at.protocol);
    const key = listenerName(bind, at.port);
    const current = this.#entries.get(key);
    if (current?.locked) return;
    const tcpInput = {
      proxy: this.#proxy,
      push: this.#push,
      sink: this.#sink,
      service,
      listenPort: at.port,
      protocol: at.protocol,
      bind,
      serviceAddress: vip,
      cidrs,
    };
    let protocol = at.protocol;
    let chains: ChainOpts[];
    let merge: 'new' | 'merge-sniff' | 'merge' = 'new';
    if (at.protocol === MeshProtocol.HTTP_PROXY) {
      chains = [httpChainOpts(at.port, false)];
    } else if (kind === 'HTTP') {
      if (current !== undefined) {
        if (!isTcp(current.protocol)) return; // HTTP or sniffed already: RDS serves this host too
        merge = 'merge-sniff';
      }
      // On the wildcard, the HTTP chain matches the sniffed ALPNs and other TCP passes through: sniffed.
      const sniff = bind === WILDCARD_ADDRESS;
      chains = [httpChainOpts(at.port, sniff)];
      if (sniff) protocol = MeshProtocol.Unsupported;
    } else if (kind === 'TCP') {
      chains = tcpChainOpts(tcpInput);
      if (current !== undefined) merge = isHttp(current.protocol) ? 'merge-sniff' : 'merge';
    } else {
      // Sniffed: a TCP chain (match all, it becomes the default chain) and an HTTP chain keyed by ALPN.
      if (current !== undefined && isUnsupported(current.protocol)) {
        chains = tcpChainOpts(tcpInput);
        merge = 'merge';
      } else {
        // On its VIP the sniffed service has its own route config `<host>:<port>` (route/build-routes.ts writes
        // it). istiod does so on a user bind too; minimesh keeps `<port>` there (not written per bind yet).
        const own = vip === '' ? undefined : service.hostname;
        chains = [...tcpChainOpts(tcpInput), httpChainOpts(at.port, true, own)];
        if (current !== undefined) merge = isHttp(current.protocol) ? 'new' : 'merge-sniff';
      }
    }
    if (
      current !== undefined &&
      (WELL_KNOWN.has(at.protocol) || WELL_KNOWN.has(current.protocol)) &&
      at.protocol !== current.protocol
    ) {
      this.#conflict(service, at, key, current.owner);
      return;
    }
    if (current === undefined || merge === 'new') {
      const owner = `${at.protocol} service ${service.hostname}`;
      this.#entries.set(key, {
        bind,
        port: at.port,
        bindToPort: at.bindToPort,
        protocol,
        chains,
        locked: false,
        owner,
      });
      return;
    }
    this.#merge(current, chains, service, at, key);
    if (merge === 'merge-sniff') current.protocol = MeshProtocol.Unsupported;
  }

  /** istiod mergeTCPFilterChains: incoming chains that conflict with an existing one are dropped. */
  #merge(
    current: OutboundEntry,
    incoming: ChainOpts[],
    svc: MeshService,
    at: ListenerPlacement,
    key: string,
  ) {
    for (const chain of incoming) {
      if (current.chains.some((c) => conflictsWith(c, chain))) {
        this.#conflict(svc, at, key, current.owner);
        continue;
      }
      current.chains.push(chain);
    }
  }

  #conflict(svc: MeshService, at: ListenerPlacement, key: string, owner: string): void {
    this.#sink.add({
      code: MessageCode.ListenerConflict,
      severity: 'Warning',
      message: `listener ${key} of ${at.protocol} service ${svc.hostname} port ${at.port} conflicts with ${owner}; ${owner} keeps it`,
      resource: svc.origin,
    });
  }
}
