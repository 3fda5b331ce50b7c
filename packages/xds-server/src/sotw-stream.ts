// One state-of-the-world xDS stream (ADS, or a per-type service bound to one type URL), per the xDS protocol:
// - a response is sent only when what the client asked for changed; each response has a fresh nonce;
// - a request whose response_nonce is not the last one sent for its type is stale and ignored;
// - a request carrying error_detail is a NACK (never judged by version_info): the ACKed version stays the one
//   before, and the NACKed content is not sent again until it changes;
// - exactly the requested names that exist are sent (wildcard: all); names requested before they exist are
//   remembered and sent when they appear;
// - on a cache change types are pushed clusters -> endpoints -> listeners -> routes, and clusters removed while
//   routes may still point at them are kept until listeners and routes are sent (make before break);
// - when the clusters sent add EDS clusters whose endpoints the client has not asked for yet, listeners and
//   routes wait until it asks for them and has them (or `endpointWaitMs` passed), so no route points at a
//   cluster without endpoints (the protocol doc's "eventual consistency considerations").
// The version of a response is the hash of the names and versions of the resources it carries, so it is stable
// across server restarts: a client reconnecting with the version it has gets nothing until something changes.

import { status as GrpcStatus, type ServerDuplexStream } from '@grpc/grpc-js';
import type { DiscoveryRequest, DiscoveryResponse } from '@minimesh/model';
import { callHook } from './callbacks.js';
import { diffOf } from './known-versions.js';
import { coversAll, nameSet, sameNames } from './name-sets.js';
import { unrequestedEndpoints } from './push-hold.js';
import { pushRank, ResourceTypeUrl, WILDCARD, WILDCARD_TYPES } from './resource-types.js';
import { type PreparedResource, type ResourceMap, versionOfMap } from './snapshot.js';
import type { StreamContext } from './stream-context.js';
import { attachBytes, defineLazy, sotwResponse } from './wire-response.js';
import { XdsStream } from './xds-stream.js';

interface TypeState {
  /** Names requested explicitly ('*' not included); shared between streams, never changed (see name-sets.ts). */
  names: ReadonlySet<string>;
  /** The name list of the last request, and whether it held '*'. */
  requested: readonly string[] | undefined;
  namedWildcard: boolean;
  /** Wildcard: legacy (first request with no names, LDS/CDS only, while names stay empty) or explicit '*'. */
  wildcard: boolean;
  legacyWildcard: boolean;
  /**
   * The last response sent: its version, nonce and resources by name (the cache's own map when the client gets
   * all of it, shared by every such stream).
   */
  sent: { version: string; nonce: string | undefined; resources: ResourceMap } | undefined;
  /**
   * The cache's resource map and subscription generation the last response (or decision not to respond) was
   * computed from. Maps are immutable, so while both are unchanged the answer is unchanged and is not computed
   * again: a push for one type costs nothing on the streams' other types.
   */
  basis: { all: ResourceMap; generation: number } | undefined;
  /** Bumped whenever names or wildcard change. */
  generation: number;
  /** What the status reports as subscribed. */
  subscribed: () => readonly string[];
}

export type SotwCall = ServerDuplexStream<DiscoveryRequest, DiscoveryResponse>;

const NO_RESOURCES: ResourceMap = new Map();

export class SotwStream extends XdsStream<DiscoveryRequest, DiscoveryResponse, TypeState> {
  constructor(call: SotwCall, ctx: StreamContext, fixedType?: string) {
    super(call, ctx, 'sotw', fixedType);
  }

  protected override onRequest(request: DiscoveryRequest): void {
    if (this.closed) return;
    const started = performance.now();
    const typeUrl = this.requestType(request);
    if (typeUrl === undefined) return;
    if (this.fixedType !== undefined && request.type_url && request.type_url !== this.fixedType) {
      this.fail(
        GrpcStatus.INVALID_ARGUMENT,
        `this service serves ${this.fixedType}, not ${request.type_url}`,
      );
      return;
    }
    if (this.nodeKey === undefined) this.bindNode(request.node ?? {});

    let state = this.types.get(typeUrl);
    const first = state === undefined;
    const nonce = request.response_nonce ?? '';
    if (state !== undefined && nonce !== '' && nonce !== state.sent?.nonce) return; // stale: ignored.
    if (state === undefined) {
      const created: TypeState = {
        names: new Set(),
        requested: undefined,
        namedWildcard: false,
        wildcard: false,
        legacyWildcard: false,
        sent: undefined,
        basis: undefined,
        generation: 0,
        subscribed: () => (created.wildcard ? [WILDCARD, ...created.names] : [...created.names]),
      };
      state = created;
      this.types.set(typeUrl, state);
    }
    if (nonce !== '' && state.sent !== undefined) {
      if (request.error_detail) {
        const message = request.error_detail.message ?? '';
        this.status.nacked(typeUrl, state.sent.version, message);
        this.ctx.metrics.nacks.inc({ type_url: typeUrl });
      } else {
        this.status.acked(typeUrl, state.sent.version);
      }
    }
    this.#subscribe(state, typeUrl, request.resource_names ?? [], first);

    // Reconnect: the client already has exactly what we would send (versions are content hashes).
    const version = request.version_info ?? '';
    if (first && version !== '') {
      const selected = this.#select(typeUrl, state);
      if (selected !== undefined && versionOfMap(selected) === version) {
        state.sent = { version, nonce: undefined, resources: selected };
        this.status.sent(typeUrl, version, '');
        this.status.acked(typeUrl, version);
        return;
      }
    }
    // While a push is held, listeners and routes wait for it (their subscription is recorded above).
    if (this.hold.active && pushRank(typeUrl) > pushRank(ResourceTypeUrl.endpoint)) return;
    this.#respond(typeUrl, state, started, undefined);
    if (typeUrl === ResourceTypeUrl.endpoint) {
      const endpoints = state;
      this.hold.check((n) => endpoints.wildcard || endpoints.names.has(n));
    }
  }

  #subscribe(state: TypeState, typeUrl: string, names: readonly string[], first: boolean): void {
    if (first && names.length === 0 && WILDCARD_TYPES.has(typeUrl)) state.legacyWildcard = true;
    if (names.length > 0) state.legacyWildcard = false;
    // Most requests are ACKs repeating the names; an interned list is the very same array then.
    if (names !== state.requested) {
      const next = nameSet(names);
      if (!sameNames(next, state.names)) state.generation++;
      state.names = next;
      state.requested = names;
      state.namedWildcard = names.includes(WILDCARD);
    }
    const wildcard = state.legacyWildcard || state.namedWildcard;
    if (wildcard !== state.wildcard) state.generation++;
    state.wildcard = wildcard;
    this.status.requested(typeUrl, state.subscribed);
  }

  /**
   * The resources the client asked for that exist; undefined when the node has no snapshot. When that is every
   * resource of the type, the cache's map itself (shared with other streams, never changed).
   */
  #select(typeUrl: string, state: TypeState): ResourceMap | undefined {
    const all = this.ctx.cache.resources(this.nodeKey ?? '', typeUrl);
    if (all === undefined) return undefined;
    if (state.wildcard || coversAll(state.names, all)) return all;
    const selected = new Map<string, PreparedResource>();
    for (const name of state.names) {
      const r = all.get(name);
      if (r !== undefined) selected.set(name, r);
    }
    return selected;
  }

  /**
   * Sends the current selection of a type if it differs from the last response. `keep`: resources removed since
   * the last response that are sent once more (make before break).
   */
  #respond(typeUrl: string, state: TypeState, started: number, keep: 'keep-removed' | undefined): boolean {
    if (this.closed) return false;
    const all = this.ctx.cache.resources(this.nodeKey ?? '', typeUrl);
    if (all === undefined) return false;
    if (state.basis?.all === all && state.basis.generation === state.generation) return false;
    // A make-before-break answer (keep) is not the exact one: the exact one still has to be computed.
    state.basis = keep === undefined ? { all, generation: state.generation } : undefined;
    let selected = this.#select(typeUrl, state);
    if (selected === undefined) return false;
    if (keep !== undefined && state.sent !== undefined) {
      let kept: Map<string, PreparedResource> | undefined;
      for (const [name, r] of state.sent.resources) {
        if (selected.has(name)) continue;
        kept ??= new Map(selected);
        kept.set(name, r);
      }
      if (kept !== undefined) selected = kept;
    }
    const version = versionOfMap(selected);
    if (state.sent !== undefined && state.sent.version === version) return false;
    // Nothing to say yet about names that do not exist (they are remembered), unless the client has something.
    if (!state.wildcard && selected.size === 0 && state.sent === undefined) return false;
    const nonce = this.ctx.nextNonce();
    // The bytes come from the shared, pre-encoded resources; `resources` is built only if a hook reads it.
    const shared = selected === all ? all : undefined;
    const wire = sotwResponse(version, typeUrl, nonce, selected.values(), shared);
    const chosen = selected;
    const response = defineLazy({ version_info: version, type_url: typeUrl, nonce }, 'resources', () =>
      [...chosen.values()].map((r) => r.any),
    ) satisfies DiscoveryResponse;
    state.sent = { version, nonce, resources: selected };
    this.status.sent(typeUrl, version, nonce);
    this.call.write(attachBytes(response, wire));
    this.ctx.metrics.pushes.inc({ type_url: typeUrl });
    this.ctx.metrics.pushLatency.observe({ type_url: typeUrl }, (performance.now() - started) / 1000);
    callHook(this.ctx.callbacks, (c) => c.onStreamResponse?.(this.info, response));
    return true;
  }

  protected override onCacheChange(): void {
    if (this.closed) return;
    // A newer change restarts the push from clusters; endpoints still awaited stay awaited.
    const carried = this.hold.restart();
    const started = performance.now();
    const clusters = this.types.get(ResourceTypeUrl.cluster);
    const endpoints = this.types.get(ResourceTypeUrl.endpoint);
    if (clusters !== undefined) {
      const before = clusters.sent?.resources;
      // Make before break: removed clusters stay until listeners and routes no longer point at them.
      const keep = this.later() ? 'keep-removed' : undefined;
      const sent = this.#respond(ResourceTypeUrl.cluster, clusters, started, keep);
      if (endpoints !== undefined) {
        const requested = (n: string): boolean => endpoints.wildcard || endpoints.names.has(n);
        // Clusters new to the client (the diff of two cache maps is computed once for every stream).
        const now = clusters.sent?.resources;
        const added =
          now === undefined || now === before
            ? []
            : diffOf(before ?? NO_RESOURCES, now)
                .added.map((n) => now.get(n))
                .filter((r) => r !== undefined);
        const needed = new Set([...carried.names].filter((n) => !requested(n)));
        if (sent) for (const n of unrequestedEndpoints(added, requested)) needed.add(n);
        if (needed.size > 0) {
          this.#respond(ResourceTypeUrl.endpoint, endpoints, started, undefined);
          this.hold.hold(needed, started, carried.deadline);
          return;
        }
      }
    }
    this.pushAfterClusters(started);
  }

  /** The rest of a push: every type after clusters in push order, then the exact cluster set. */
  protected override pushAfterClusters(started: number): void {
    const types = [...this.types.keys()].filter((t) => t !== ResourceTypeUrl.cluster);
    for (const typeUrl of types.sort((a, b) => pushRank(a) - pushRank(b))) {
      const state = this.types.get(typeUrl);
      if (state !== undefined) this.#respond(typeUrl, state, started, undefined);
    }
    // Nothing is sent when no cluster was removed.
    const clusters = this.types.get(ResourceTypeUrl.cluster);
    if (clusters !== undefined && this.later()) {
      this.#respond(ResourceTypeUrl.cluster, clusters, started, undefined);
    }
  }
}
