// The config change timeline: one entry per accepted change (a new control plane version) or rejected one, built
// from the control plane's events and the ConfigHistory. An entry carries the YAML diff of the changed resources,
// per proxy what the change did to its xDS resources (names added / removed / changed per type, and on demand a
// unified diff of one type as JSON), the ACKs and NACKs the proxies sent for it, and the mesh's golden metrics in
// the `windowMs` before the change and, once that much time has passed, after it.
// Invariants: entries are in event order, at most `keep` (oldest dropped); the snapshots behind `detail` are kept
// for the newest `detailKeep` entries only; an entry records, per proxy and xDS type, the xDS version its push set
// (only types whose version it changed; a proxy connecting records its versions in the newest accepted entry); an
// ACK or NACK of version V attaches to the newest entry that set V for that proxy and type (of a version no kept
// entry set: the newest that changed the type), and one without a version or of a type no kept entry changed to the
// newest accepted entry; the caller records the new version in the history BEFORE passing its `applied` event.
// Times are ms since the epoch.
import { type ControlPlaneEvent, shortType } from '../../dev/control-plane-events.js';
import type { AckRecord, MetricWindow, ProxyChange, SourceRef, TimelineEntry, XdsDiff } from '../protocol.js';
import type { ConfigHistory } from './config-history.js';
import { sourceRefOf } from './source-ref.js';
import {
  type ProxyResources,
  refOf,
  typeDiff,
  typeField,
  XDS_TYPE_URLS,
  xdsDiffs,
  yamlDiff,
} from './timeline-diffs.js';
import { diagnosticText } from './what-if.js';

export interface TimelineOptions {
  readonly history: ConfigHistory;
  /** The current xDS resources of a connected proxy; undefined when it has none. */
  readonly snapshotOf: (nodeId: string) => ProxyResources | undefined;
  /** Node ids of the proxies connected now. */
  readonly nodes: () => readonly string[];
  /**
   * The xDS version of a connected proxy's resources of a type URL as set now (what ACKs and NACKs name); undefined
   * when it has none. Without it every ACK and NACK attaches to the newest accepted entry.
   */
  readonly xdsVersionOf?: (nodeId: string, typeUrl: string) => string | undefined;
  /** The mesh's golden metrics between two times. */
  readonly window: (fromMs: number, toMs: number) => MetricWindow;
  /** Entries kept (default 200). */
  readonly keep?: number;
  /** Entries whose snapshots `detail` can diff (default 20). */
  readonly detailKeep?: number;
  /** Length of the before / after metric windows, ms (default 30 000). */
  readonly windowMs?: number;
}

interface ProxyState {
  xds: XdsDiff[];
  acks: AckRecord[];
}

interface Entry {
  readonly id: number;
  readonly time: number;
  readonly version: number;
  readonly accepted: boolean;
  readonly source: TimelineEntry['source'];
  readonly files: readonly string[];
  readonly resources: readonly { readonly action: string; readonly ref: SourceRef }[];
  readonly yamlDiff: string;
  readonly diagnostics?: readonly string[];
  readonly proxies: Map<string, ProxyState>;
  /** Proxy -> xDS type (CDS, LDS, ...) -> the version this entry's push set (types it changed only). */
  readonly versions: Map<string, Map<string, string>>;
  before?: MetricWindow;
  after?: MetricWindow;
}

export class TimelineDetailError extends Error {
  readonly code = 'TIMELINE_DETAIL';
  constructor(message: string) {
    super(message);
    this.name = 'TimelineDetailError';
  }
}

export class Timeline {
  readonly #o: TimelineOptions;
  readonly #keep: number;
  readonly #detailKeep: number;
  readonly #windowMs: number;
  #entries: Entry[] = [];
  #nextId = 1;
  /** Each connected proxy's resources as of the newest entry (or its connection, ACKs since). */
  readonly #last = new Map<string, ProxyResources>();
  /** Each connected proxy's xDS version per type (CDS, LDS, ...) as of the newest entry or its connection. */
  readonly #versions = new Map<string, Map<string, string>>();
  /** entry id -> proxy -> its resources before and after that entry. */
  readonly #snapshots = new Map<number, Map<string, { before: ProxyResources; after: ProxyResources }>>();

  constructor(options: TimelineOptions) {
    this.#o = options;
    this.#keep = options.keep ?? 200;
    this.#detailKeep = options.detailKeep ?? 20;
    this.#windowMs = options.windowMs ?? 30_000;
  }

  /** The entry of the initial load of `version` (its resources all `created`). */
  initial(version: number, timeMs: number): TimelineEntry {
    const resources = this.#o.history.at(version) ?? [];
    const files = [...new Set(resources.map((r) => r.source.file))];
    for (const node of this.#o.nodes()) this.#capture(node);
    const entry = this.#add({
      time: timeMs,
      version,
      accepted: true,
      source: 'initial',
      files,
      resources: resources.map((r) => ({
        action: 'created',
        ref: sourceRefOf(r),
      })),
      yamlDiff: '',
    });
    for (const node of this.#o.nodes()) this.#recordVersions(entry, node);
    return this.#view(entry);
  }

  /** Applies one control plane event: the new or updated entry, or undefined when no entry changed. */
  onEvent(e: ControlPlaneEvent, timeMs: number): TimelineEntry | undefined {
    switch (e.type) {
      case 'applied':
        return e.changes.length === 0 ? undefined : this.#view(this.#applied(e, timeMs));
      case 'rejected':
        return this.#view(
          this.#add({
            time: timeMs,
            version: this.#o.history.latest()?.version ?? 0,
            accepted: false,
            source: e.source,
            files: e.files,
            resources: [],
            yamlDiff: '',
            diagnostics: e.diagnostics.map(diagnosticText),
          }),
        );
      case 'proxy':
        return this.#proxyEvent(e, timeMs);
      default:
        return undefined;
    }
  }

  /** Fills `after` of entries whose window has passed by `nowMs`; returns the entries updated. */
  tick(nowMs: number): TimelineEntry[] {
    const updated: TimelineEntry[] = [];
    for (const entry of this.#entries) {
      if (entry.after !== undefined || nowMs < entry.time + this.#windowMs) continue;
      entry.after = this.#o.window(entry.time, entry.time + this.#windowMs);
      updated.push(this.#view(entry));
    }
    return updated;
  }

  /** Every entry kept, oldest first. */
  entries(): readonly TimelineEntry[] {
    return this.#entries.map((e) => this.#view(e));
  }

  /**
   * Unified diff of `proxy`'s resources of `type` (LDS, RDS, CDS, EDS, SDS or a type URL) before -> after entry
   * `entryId`; '' when they are equal. Throws TimelineDetailError when the entry's snapshots are no longer kept, the
   * proxy had none, or the type is unknown.
   */
  detail(entryId: number, proxy: string, type: string): string {
    const field = typeField(type);
    if (field === undefined)
      throw new TimelineDetailError(`type ${JSON.stringify(type)}: expected LDS, RDS, CDS, EDS or SDS`);
    const snaps = this.#snapshots.get(entryId);
    if (snaps === undefined)
      throw new TimelineDetailError(
        `timeline entry ${entryId}: its xDS snapshots are not kept (only the newest ${this.#detailKeep} entries' are)`,
      );
    const s = snaps.get(proxy);
    if (s === undefined)
      throw new TimelineDetailError(`timeline entry ${entryId}: proxy ${proxy} had no xDS change in it`);
    return typeDiff(`${proxy}/${shortType(type).toUpperCase()}`, s.before, s.after, field);
  }

  #capture(node: string): void {
    const now = this.#o.snapshotOf(node);
    if (now !== undefined) this.#last.set(node, now);
  }

  /** Records in `entry` the versions of `node`'s types that differ from the ones it had (all, for a new proxy). */
  #recordVersions(entry: Entry, node: string): void {
    const versionOf = this.#o.xdsVersionOf;
    if (versionOf === undefined) return;
    let current = this.#versions.get(node);
    if (current === undefined) {
      current = new Map();
      this.#versions.set(node, current);
    }
    for (const [type, typeUrl] of XDS_TYPE_URLS) {
      const version = versionOf(node, typeUrl);
      if (version === undefined || version === current.get(type)) continue;
      current.set(type, version);
      let set = entry.versions.get(node);
      if (set === undefined) {
        set = new Map();
        entry.versions.set(node, set);
      }
      set.set(type, version);
    }
  }

  #applied(e: Extract<ControlPlaneEvent, { type: 'applied' }>, timeMs: number): Entry {
    const history = this.#o.history;
    const prior = history.versions().filter((v) => v < e.version);
    const before = history.at(prior[prior.length - 1] ?? -1) ?? [];
    const after = history.at(e.version) ?? [];
    const entry = this.#add({
      time: timeMs,
      version: e.version,
      accepted: true,
      source: e.source,
      files: e.files,
      resources: e.changes.map((c) => ({ action: c.action, ref: refOf(c) })),
      yamlDiff: yamlDiff(before, after, e.changes),
    });
    const snaps = new Map<string, { before: ProxyResources; after: ProxyResources }>();
    for (const node of this.#o.nodes()) {
      this.#recordVersions(entry, node);
      const now = this.#o.snapshotOf(node);
      const was = this.#last.get(node);
      if (now === undefined) continue;
      this.#last.set(node, now);
      if (was === undefined) continue;
      const xds = xdsDiffs(was, now);
      if (xds.length === 0) continue;
      entry.proxies.set(node, { xds, acks: [] });
      snaps.set(node, { before: was, after: now });
    }
    this.#snapshots.set(entry.id, snaps);
    const keepFrom = this.#entries[this.#entries.length - this.#detailKeep]?.id ?? 0;
    for (const id of [...this.#snapshots.keys()]) if (id < keepFrom) this.#snapshots.delete(id);
    return entry;
  }

  #proxyEvent(e: Extract<ControlPlaneEvent, { type: 'proxy' }>, timeMs: number): TimelineEntry | undefined {
    if (e.event === 'disconnected') {
      this.#last.delete(e.nodeId);
      this.#versions.delete(e.nodeId);
      return undefined;
    }
    // The proxy holds the current snapshot once it connected or ACKed: the base of the next change's diff.
    if (e.event !== 'nack') this.#capture(e.nodeId);
    // A rejected change pushes nothing: a connection gets, and an answer without a known version answers, the
    // newest accepted one.
    const newest = this.#entries.findLast((x) => x.accepted);
    if (e.event === 'connected') {
      if (newest !== undefined) this.#recordVersions(newest, e.nodeId);
      return undefined;
    }
    const type = shortType(e.typeUrl ?? '');
    const entry = this.#answered(e.nodeId, type, e.version) ?? newest;
    if (entry === undefined) return undefined;
    const ok = e.event === 'ack';
    const state = entry.proxies.get(e.nodeId) ?? { xds: [], acks: [] };
    const previous = state.acks.filter((a) => a.type === type).pop();
    // One record per type while the answer stays the same: the first ACK, each NACK, an ACK after a NACK.
    if (previous?.ok && ok) return undefined;
    state.acks.push({ type, time: timeMs, ok, ...(e.message === undefined ? {} : { message: e.message }) });
    entry.proxies.set(e.nodeId, state);
    return this.#view(entry);
  }

  /**
   * The accepted entry an answer of `version` for `node`'s `type` belongs to: the newest that set that version; for
   * a version none set (a response of part of the type's resources: names the proxy had not asked for yet, clusters
   * kept until routes stop using them), the newest that changed the type. Undefined without a version or a match.
   */
  #answered(node: string, type: string, version: string | undefined): Entry | undefined {
    if (version === undefined) return undefined;
    const set = (x: Entry) => (x.accepted ? x.versions.get(node)?.get(type) : undefined);
    return (
      this.#entries.findLast((x) => set(x) === version) ?? this.#entries.findLast((x) => set(x) !== undefined)
    );
  }

  #add(fields: Omit<Entry, 'id' | 'proxies' | 'versions' | 'before' | 'after'>): Entry {
    const entry: Entry = {
      ...fields,
      id: this.#nextId++,
      proxies: new Map(),
      versions: new Map(),
      before: this.#o.window(fields.time - this.#windowMs, fields.time),
    };
    this.#entries.push(entry);
    if (this.#entries.length > this.#keep) {
      for (const dropped of this.#entries.splice(0, this.#entries.length - this.#keep))
        this.#snapshots.delete(dropped.id);
    }
    return entry;
  }

  #view(e: Entry): TimelineEntry {
    const proxies: ProxyChange[] = [...e.proxies]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([proxy, s]) => ({ proxy, xds: [...s.xds], acks: [...s.acks] }));
    return {
      id: e.id,
      time: e.time,
      version: e.version,
      accepted: e.accepted,
      source: e.source,
      files: [...e.files],
      resources: [...e.resources],
      yamlDiff: e.yamlDiff,
      ...(e.diagnostics === undefined ? {} : { diagnostics: [...e.diagnostics] }),
      proxies,
      ...(e.before === undefined ? {} : { before: e.before }),
      ...(e.after === undefined ? {} : { after: e.after }),
    };
  }
}
