// One incremental (delta) xDS stream, per the xDS protocol's incremental variant:
// - per type, the server keeps the name -> version map of what the client has; a response carries only the
//   resources whose version differs from it and `removed_resources` for names the client has that are gone;
// - a first request may carry `initial_resource_versions` (reconnect): resources the client already has at
//   the current version are not sent again, and names that no longer exist are reported removed;
// - resource_names_subscribe / resource_names_unsubscribe change the subscription ('*' is the wildcard; a first
//   LDS or CDS request with no names is a legacy wildcard subscription);
// - ACK and NACK are told by error_detail, for the last nonce sent; a NACKed resource is not sent again until
//   its content changes;
// - on a cache change types are pushed clusters -> endpoints -> listeners -> routes, and cluster removals are
//   sent after listeners and routes (make before break); listeners and routes also wait until the client
//   subscribed to the endpoints of new EDS clusters (PushHold).

import type { ServerDuplexStream } from '@grpc/grpc-js';
import type { DeltaDiscoveryRequest, DeltaDiscoveryResponse, DiscoveryResource } from '@minimesh/model';
import { callHook } from './callbacks.js';
import { diffOf, KnownVersions } from './known-versions.js';
import { unrequestedEndpoints } from './push-hold.js';
import { pushRank, ResourceTypeUrl, WILDCARD, WILDCARD_TYPES } from './resource-types.js';
import { hashParts, type PreparedResource, type ResourceMap, versionOfMap } from './snapshot.js';
import type { StreamContext } from './stream-context.js';
import { attachBytes, defineLazy, deltaResponse } from './wire-response.js';
import { XdsStream } from './xds-stream.js';

interface DeltaTypeState {
  names: Set<string>;
  wildcard: boolean;
  /** What the client has: resource name -> version. */
  known: KnownVersions;
  /** Set while every name of `known.exact` is subscribed, at this state generation (wildcard: always). */
  covered: number | undefined;
  /** Nonce of the last response sent, and the system version it announced. */
  lastNonce: string | undefined;
  lastVersion: string | undefined;
  /**
   * The cache's resource map and state generation the last exact answer (removals included) was computed from;
   * while both are unchanged there is nothing new to send and the map is not walked again.
   */
  basis: { all: ResourceMap; generation: number } | undefined;
  /** Bumped whenever names, wildcard or `known` change other than by a response. */
  generation: number;
  /** What the status reports as subscribed. */
  subscribed: () => readonly string[];
}

export type DeltaCall = ServerDuplexStream<DeltaDiscoveryRequest, DeltaDiscoveryResponse>;

/**
 * System version of what the client has: hash of its names and versions in name order. When the client has
 * exactly the resources of `all`, that is `all`'s version (the same hash), computed once per map.
 */
function systemVersion(known: KnownVersions, all: ResourceMap): string {
  if (known.exact !== undefined || known.compactTo(all)) return versionOfMap(known.exact ?? all);
  return hashParts([...known.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).flat());
}

/** What a response carries: resources, removed names, and the object its body is shared under (if any). */
interface Changes {
  readonly chosen: readonly PreparedResource[];
  readonly removed: readonly string[];
  readonly shareKey: object | undefined;
}

export class DeltaStream extends XdsStream<DeltaDiscoveryRequest, DeltaDiscoveryResponse, DeltaTypeState> {
  constructor(call: DeltaCall, ctx: StreamContext, fixedType?: string) {
    super(call, ctx, 'delta', fixedType);
  }

  protected override onRequest(request: DeltaDiscoveryRequest): void {
    if (this.closed) return;
    const started = performance.now();
    const typeUrl = this.requestType(request);
    if (typeUrl === undefined) return;
    if (this.nodeKey === undefined) this.bindNode(request.node ?? {});
    let state = this.types.get(typeUrl);
    const first = state === undefined;
    if (state === undefined) {
      const created: DeltaTypeState = {
        names: new Set(),
        wildcard: false,
        known: new KnownVersions(),
        covered: undefined,
        lastNonce: undefined,
        lastVersion: undefined,
        basis: undefined,
        generation: 0,
        subscribed: () => (created.wildcard ? [WILDCARD, ...created.names] : [...created.names]),
      };
      state = created;
      this.types.set(typeUrl, state);
    }
    const nonce = request.response_nonce ?? '';
    if (nonce !== '' && nonce === state.lastNonce && state.lastVersion !== undefined) {
      if (request.error_detail) {
        this.status.nacked(typeUrl, state.lastVersion, request.error_detail.message ?? '');
        this.ctx.metrics.nacks.inc({ type_url: typeUrl });
      } else {
        this.status.acked(typeUrl, state.lastVersion);
      }
    }
    if (first) {
      for (const [name, version] of Object.entries(request.initial_resource_versions ?? {})) {
        state.known.set(name, version);
      }
    }
    const subscribe = request.resource_names_subscribe ?? [];
    const wasWildcard = state.wildcard;
    if (first && subscribe.length === 0 && WILDCARD_TYPES.has(typeUrl)) state.wildcard = true;
    for (const name of subscribe) {
      if (name === WILDCARD) {
        state.wildcard = true;
      } else if (!state.names.has(name)) {
        state.names.add(name);
        // A fresh subscription gets the resource even if the client once had it (go-control-plane #583),
        // unless this is a reconnect or the wildcard already covered it.
        if (!first && !wasWildcard) state.known.delete(name);
      }
    }
    const unsubscribe = request.resource_names_unsubscribe ?? [];
    // An ACK or NACK (no names) leaves the subscription as it is.
    const changed = first || subscribe.length > 0 || unsubscribe.length > 0;
    if (changed) state.generation++;
    for (const name of unsubscribe) {
      if (name === WILDCARD) state.wildcard = false;
      else state.names.delete(name);
    }
    // A name unsubscribed while the wildcard still covers it is sent again: Envoy holds such a resource as
    // "ambiguous" until the server confirms it (sends it) or removes it.
    if (state.wildcard) for (const name of unsubscribe) if (name !== WILDCARD) state.known.delete(name);
    if (changed && !state.wildcard) {
      for (const name of [...state.known.keys()]) if (!state.names.has(name)) state.known.delete(name);
    }
    this.status.requested(typeUrl, state.subscribed);
    // While a push is held, listeners and routes wait for it (their subscription is recorded above).
    if (this.hold.active && pushRank(typeUrl) > pushRank(ResourceTypeUrl.endpoint)) return;
    this.#respond(typeUrl, state, started, { sendEmpty: first && state.wildcard, removals: true });
    if (typeUrl === ResourceTypeUrl.endpoint) {
      const endpoints = state;
      this.hold.check((n) => endpoints.wildcard || endpoints.names.has(n));
    }
  }

  /**
   * Sends what changed for a type (removals only when `removals`). Returns the resources sent.
   */
  #respond(
    typeUrl: string,
    state: DeltaTypeState,
    started: number,
    options: { sendEmpty: boolean; removals: boolean },
  ): readonly PreparedResource[] {
    if (this.closed) return [];
    const all = this.ctx.cache.resources(this.nodeKey ?? '', typeUrl);
    if (all === undefined) return [];
    const unchanged = state.basis?.all === all && state.basis.generation === state.generation;
    if (unchanged && !options.sendEmpty) return [];
    // Only an answer with removals is exact: one without them leaves the removals to a later answer.
    if (options.removals) state.basis = { all, generation: state.generation };
    const { chosen, removed, shareKey } =
      this.#sharedChanges(state, all, options.removals) ?? this.#ownChanges(state, all, options.removals);
    if (chosen.length === 0 && removed.length === 0 && !options.sendEmpty) return [];
    const nonce = this.ctx.nextNonce();
    const version = systemVersion(state.known, all);
    const wire = deltaResponse(version, typeUrl, nonce, chosen, removed, shareKey);
    const response = defineLazy(
      { system_version_info: version, type_url: typeUrl, removed_resources: [...removed], nonce },
      'resources',
      (): DiscoveryResource[] => chosen.map((r) => ({ name: r.name, version: r.version, resource: r.any })),
    ) satisfies DeltaDiscoveryResponse;
    state.lastNonce = nonce;
    state.lastVersion = version;
    this.status.sent(typeUrl, version, nonce);
    this.call.write(attachBytes(response, wire));
    this.ctx.metrics.pushes.inc({ type_url: typeUrl });
    this.ctx.metrics.pushLatency.observe({ type_url: typeUrl }, (performance.now() - started) / 1000);
    callHook(this.ctx.callbacks, (c) => c.onStreamResponse?.(this.info, response));
    return chosen;
  }

  /**
   * The common case, shared by every stream in it: the client has exactly the resources of one cache map and
   * subscribes to every resource of the new one; it gets the difference of the two maps, computed once. Undefined
   * when the case does not apply (or removals would be left out), and then `#ownChanges` walks the map.
   */
  #sharedChanges(state: DeltaTypeState, all: ResourceMap, removals: boolean): Changes | undefined {
    const from = state.known.exact;
    if (from === undefined || (!state.wildcard && state.covered !== state.generation)) return undefined;
    if (from === all) return { chosen: [], removed: [], shareKey: undefined };
    const diff = diffOf(from, all);
    if (diff.removed.length > 0 && !removals) return undefined;
    if (!state.wildcard && diff.added.some((name) => !state.names.has(name))) return undefined;
    state.known.setExact(all);
    // A first full answer shares the map's body; a later one the diff's.
    return {
      chosen: diff.changed,
      removed: diff.removed,
      shareKey: diff.changed.length === all.size ? all : diff,
    };
  }

  /** What to send, by walking the map against what the client has. */
  #ownChanges(state: DeltaTypeState, all: ResourceMap, removals: boolean): Changes {
    const chosen: PreparedResource[] = [];
    let every = true;
    for (const [name, r] of all) {
      if (!state.wildcard && !state.names.has(name)) {
        every = false;
        continue;
      }
      if (state.known.get(name) === r.version) continue;
      state.known.set(name, r.version);
      chosen.push(r);
    }
    const removed: string[] = [];
    if (removals) {
      for (const name of state.known.keys()) if (!all.has(name)) removed.push(name);
      for (const name of removed) state.known.delete(name);
    }
    // Back to the shared form when the client now has exactly the map, all of which it subscribes to.
    if (every && state.known.compactTo(all)) state.covered = state.generation;
    // Every resource of the map, in map order: the map's shared body.
    return { chosen, removed, shareKey: chosen.length === all.size ? all : undefined };
  }

  protected override onCacheChange(): void {
    if (this.closed) return;
    // A newer change restarts the push from clusters; endpoints still awaited stay awaited.
    const carried = this.hold.restart();
    const started = performance.now();
    const clusters = this.types.get(ResourceTypeUrl.cluster);
    const endpoints = this.types.get(ResourceTypeUrl.endpoint);
    if (clusters !== undefined) {
      // Make before break: cluster removals wait until listeners and routes were sent.
      const sent = this.#respond(ResourceTypeUrl.cluster, clusters, started, {
        sendEmpty: false,
        removals: !this.later(),
      });
      if (endpoints !== undefined) {
        const requested = (n: string): boolean => endpoints.wildcard || endpoints.names.has(n);
        const needed = new Set([...carried.names].filter((n) => !requested(n)));
        for (const n of unrequestedEndpoints(sent, requested)) needed.add(n);
        if (needed.size > 0) {
          this.#respond(ResourceTypeUrl.endpoint, endpoints, started, { sendEmpty: false, removals: true });
          this.hold.hold(needed, started, carried.deadline);
          return;
        }
      }
    }
    this.pushAfterClusters(started);
  }

  /** The rest of a push: every type after clusters in push order, then cluster removals. */
  protected override pushAfterClusters(started: number): void {
    const types = [...this.types.keys()].filter((t) => t !== ResourceTypeUrl.cluster);
    for (const typeUrl of types.sort((a, b) => pushRank(a) - pushRank(b))) {
      const state = this.types.get(typeUrl);
      if (state !== undefined) this.#respond(typeUrl, state, started, { sendEmpty: false, removals: true });
    }
    const clusters = this.types.get(ResourceTypeUrl.cluster);
    if (clusters !== undefined) {
      this.#respond(ResourceTypeUrl.cluster, clusters, started, { sendEmpty: false, removals: true });
    }
  }
}
