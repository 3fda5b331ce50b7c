// One gRPC access log stream, shared by every logger with the same (cluster, log_name), as Envoy's
// GrpcAccessLoggerCache shares one logger per config: a client-streaming call
// /envoy.service.accesslog.v3.AccessLogService/StreamAccessLogs over node:http2 (grpc-stream.ts, the ADS client's
// gRPC transport) to a healthy host of the cluster the proxy got over CDS. Its first message carries the
// identifier { node, log_name }, the later ones only http_logs. Entries (already encoded) are buffered and sent
// as one message when the buffer reaches buffer_size_bytes or every buffer_flush_interval, whichever comes first.
//
// The call is opened lazily, at the first flush with entries; a missing cluster or one without a host is not an
// error (entries wait for it). Entries are written only to a call whose connection is up: while it connects, while
// it is down (reconnecting with jittered exponential backoff after it ended), the buffer holds at most
// `maxPendingBytes` (4 x buffer_size_bytes, at least 16 KiB) and the oldest entries beyond it are dropped and
// counted (access_logs.grpc_access_log.logs_dropped). So does a live call whose server stops reading: once its
// write buffer holds maxPendingBytes, entries stay in the bounded buffer. Entries handed to a live call are
// counted in access_logs.grpc_access_log.logs_written.
import { encode, type HTTPAccessLogEntry, type Node } from '@minimesh/model/xds';
import type { ClusterManager } from '../cluster/cluster-manager.js';
import type { Stat } from '../stats/stats-store.js';
import { Backoff } from '../xds/backoff.js';
import { GrpcBidiStream } from '../xds/grpc-stream.js';
import { assembleMessage, framedEntrySize, HTTP_ACCESS_LOG_ENTRY, identifierField } from './als-message.js';

export const STREAM_ACCESS_LOGS_PATH = '/envoy.service.accesslog.v3.AccessLogService/StreamAccessLogs';

/** Envoy's defaults: buffer_flush_interval 1 s, buffer_size_bytes 16384. */
export const DEFAULT_FLUSH_INTERVAL_MS = 1_000;
export const DEFAULT_BUFFER_SIZE_BYTES = 16_384;
/** Least bound of the buffer while no call is up, bytes. */
export const MIN_PENDING_CAP_BYTES = 16_384;

export interface AlsSettings {
  /** How often buffered entries are sent, ms (> 0). */
  readonly flushIntervalMs: number;
  /** Buffered bytes that trigger a send at once (0: every entry is sent as it comes). */
  readonly bufferSizeBytes: number;
}

/** What every stream shares: the proxy's node, its clusters and the two counters. */
export interface AlsContext {
  readonly node: Node;
  readonly clusters: ClusterManager;
  readonly written: Stat;
  readonly dropped: Stat;
  readonly userAgent: string;
  /** Reconnect backoff, ms (default 500 ms to 10 s). */
  readonly backoff?: { readonly baseMs?: number; readonly maxMs?: number };
}

type CallState = 'none' | 'connecting' | 'up';

export class AlsStream {
  readonly cluster: string;
  readonly logName: string;
  #settings: AlsSettings;
  readonly #ctx: AlsContext;
  readonly #backoff: Backoff;
  /** Encoded entries not sent yet, oldest first; `#pendingBytes` is their framed size. */
  #pending: Uint8Array[] = [];
  #pendingBytes = 0;
  #timer: NodeJS.Timeout | undefined;
  #call: GrpcBidiStream | undefined;
  #state: CallState = 'none';
  /** True once the current call's first message (with the identifier) was written. */
  #identified = false;
  /** No call is opened before this time (ms since the epoch): the backoff after a call ended. */
  #retryAt = 0;
  #closed = false;
  #callsOpened = 0;
  #identifier: Uint8Array | undefined;

  constructor(cluster: string, logName: string, settings: AlsSettings, ctx: AlsContext) {
    this.cluster = cluster;
    this.logName = logName;
    this.#settings = settings;
    this.#ctx = ctx;
    this.#backoff = new Backoff({ baseMs: ctx.backoff?.baseMs ?? 500, maxMs: ctx.backoff?.maxMs ?? 10_000 });
  }

  /** The latest config's buffer settings (a config push updates them; the call is kept). */
  configure(settings: AlsSettings): void {
    this.#settings = settings;
  }

  /** Bytes the buffer may hold while entries cannot be sent. */
  get maxPendingBytes(): number {
    return Math.max(4 * this.#settings.bufferSizeBytes, MIN_PENDING_CAP_BYTES);
  }

  /** Calls opened so far (one per connection attempt to a host of the cluster). */
  get callsOpened(): number {
    return this.#callsOpened;
  }

  /** True while a call is up (its connection established). */
  get connected(): boolean {
    return this.#state === 'up';
  }

  /** Entries buffered and not sent yet. */
  get pendingEntries(): number {
    return this.#pending.length;
  }

  /** Encodes and adds one entry; one the codec refuses is counted as dropped (nothing throws into a request). */
  logEntry(entry: HTTPAccessLogEntry): void {
    if (this.#closed) return;
    let bytes: Uint8Array;
    try {
      bytes = encode(HTTP_ACCESS_LOG_ENTRY, entry);
    } catch {
      this.#ctx.dropped.value++;
      return;
    }
    this.log(bytes);
  }

  /** Adds one encoded HTTPAccessLogEntry; sends the buffer when it reached buffer_size_bytes. */
  log(entry: Uint8Array): void {
    if (this.#closed) return;
    this.#pending.push(entry);
    this.#pendingBytes += framedEntrySize(entry.byteLength);
    if (this.#pendingBytes >= this.#settings.bufferSizeBytes) this.flush();
    if (this.#pending.length > 0) this.#trim();
    this.#arm();
  }

  /** Sends what is buffered when a call is up, else opens one (unless backing off); entries wait meanwhile. */
  flush(): void {
    if (this.#closed || this.#pending.length === 0) return;
    if (this.#state === 'up') {
      this.#send();
      return;
    }
    if (this.#state === 'none' && Date.now() >= this.#retryAt) this.#open();
  }

  /** Sends what it can, half-closes the call and waits for its end (at most `graceMs`), then cancels it. */
  async close(graceMs = 1_000): Promise<void> {
    if (this.#closed) return;
    if (this.#state === 'up') this.#send();
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#pending = [];
    this.#pendingBytes = 0;
    const call = this.#call;
    if (call === undefined || call.ended) return;
    call.end();
    const until = Date.now() + graceMs;
    while (!call.ended && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    call.cancel('access log stream closed');
  }

  /** Drops the oldest entries beyond the cap. */
  #trim(): void {
    const cap = this.maxPendingBytes;
    let drop = 0;
    while (this.#pendingBytes > cap && drop < this.#pending.length - 1) {
      this.#pendingBytes -= framedEntrySize((this.#pending[drop] as Uint8Array).byteLength);
      drop++;
    }
    if (drop > 0) {
      this.#pending.splice(0, drop);
      this.#ctx.dropped.value += drop;
    }
  }

  /**
   * A flush after the interval while entries wait, or sooner when the backoff after a failed call ends first (one
   * timer at a time; it does not hold the process open).
   */
  #arm(): void {
    if (this.#timer !== undefined || this.#pending.length === 0 || this.#closed) return;
    const now = Date.now();
    let delay = this.#settings.flushIntervalMs;
    if (this.#state === 'none' && this.#retryAt > now) delay = Math.min(delay, this.#retryAt - now);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.flush();
      this.#arm();
    }, delay);
    this.#timer.unref();
  }

  /** The buffer as messages of about buffer_size_bytes each (at least one entry each) on the live call. */
  #send(): void {
    const call = this.#call;
    if (call === undefined) return;
    const limit = Math.max(1, this.#settings.bufferSizeBytes);
    // A server that stops reading holds messages in the call's write buffer: past the bound, entries stay in
    // the (trimmed) buffer instead, so memory stays bounded (Envoy's logger checks the stream's high watermark).
    while (this.#pending.length > 0 && call.bufferedBytes < this.maxPendingBytes) {
      let bytes = 0;
      let n = 0;
      while (n < this.#pending.length && (n === 0 || bytes < limit)) {
        bytes += framedEntrySize((this.#pending[n] as Uint8Array).byteLength);
        n++;
      }
      const batch = this.#pending.slice(0, n);
      this.#identifier ??= identifierField(this.#ctx.node, this.logName);
      const message = assembleMessage(this.#identified ? EMPTY : this.#identifier, batch);
      if (!call.write(message)) return; // the call ended: the entries stay for the next one
      this.#identified = true;
      this.#pending.splice(0, n);
      this.#pendingBytes -= bytes;
      this.#ctx.written.value += n;
    }
  }

  #open(): void {
    const cluster = this.#ctx.clusters.get(this.cluster);
    const hosts = cluster?.hosts ?? [];
    const host = hosts.find((h) => h.healthy) ?? hosts[0];
    if (cluster === undefined || host === undefined) return; // entries wait for the cluster (Envoy accepts this)
    this.#callsOpened++;
    this.#state = 'connecting';
    this.#identified = false;
    const call = GrpcBidiStream.open(
      {
        address: host.key,
        path: STREAM_ACCESS_LOGS_PATH,
        userAgent: this.#ctx.userAgent,
        connectTimeoutMs: cluster.connectTimeoutMs,
      },
      {
        onConnected: () => {
          if (this.#call !== call) return;
          this.#state = 'up';
          this.#backoff.reset();
          this.#send();
        },
        // The server answers StreamAccessLogsResponse (empty) only when it ends the call.
        onMessage: () => undefined,
        onEnd: () => {
          if (this.#call !== call) return;
          this.#call = undefined;
          this.#state = 'none';
          this.#retryAt = Date.now() + this.#backoff.next();
          clearTimeout(this.#timer);
          this.#timer = undefined;
          this.#arm();
        },
      },
    );
    this.#call = call;
  }
}

const EMPTY = new Uint8Array(0);
