// What every stream shares with the server: the cache, status, hooks, metrics, the push queue and the nonce and
// stream counters.
import { callHook, type StreamInfo, type XdsCallbacks } from './callbacks.js';
import type { XdsMetrics } from './metrics.js';
import { PushQueue } from './push-queue.js';
import type { SnapshotCache } from './snapshot-cache.js';
import type { StatusRegistry, StreamStatus } from './status.js';

export class StreamContext {
  readonly cache: SnapshotCache;
  readonly status: StatusRegistry;
  readonly callbacks: XdsCallbacks;
  readonly metrics: XdsMetrics;
  /** How long a push waits for the client to request the endpoints of new EDS clusters, in ms. */
  readonly endpointWaitMs: number;
  /** Open streams by id; the server ends them on shutdown. */
  readonly open = new Map<number, { end(): void }>();
  /** Pushes waiting to run after cache changes, in slices. */
  readonly pushes = new PushQueue();
  #streamCounter = 0;
  #nonceCounter = 0;

  constructor(
    cache: SnapshotCache,
    status: StatusRegistry,
    callbacks: XdsCallbacks,
    metrics: XdsMetrics,
    endpointWaitMs: number,
  ) {
    this.cache = cache;
    this.endpointWaitMs = endpointWaitMs;
    this.status = status;
    this.callbacks = callbacks;
    this.metrics = metrics;
  }

  /** A nonce unique within the server's life (one per response, across all streams). */
  nextNonce(): string {
    this.#nonceCounter++;
    return this.#nonceCounter.toString(36);
  }

  /** Registers a stream: id, status, gauge and the open hook. */
  openStream(
    protocol: 'sotw' | 'delta',
    typeUrl: string | undefined,
    peer: string,
    end: () => void,
  ): { info: StreamInfo; status: StreamStatus } {
    const streamId = ++this.#streamCounter;
    const info: StreamInfo = { streamId, protocol, typeUrl, peer };
    const status = this.status.open(streamId, protocol);
    this.open.set(streamId, { end });
    this.metrics.connectedProxies.inc();
    callHook(this.callbacks, (c) => c.onStreamOpen?.(info));
    return { info, status };
  }

  /** Unregisters a stream; safe to call more than once. */
  closeStream(info: StreamInfo, status: StreamStatus): void {
    if (!this.open.delete(info.streamId)) return;
    this.status.close(info.streamId);
    this.metrics.connectedProxies.dec();
    callHook(this.callbacks, (c) => c.onStreamClose?.(info, status.nodeId));
  }
}
