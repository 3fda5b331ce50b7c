// What every xDS stream shares, state of the world or delta: registration with the server, the request and
// close events of the gRPC call, binding to a node's cache watch on its first request, the push hold that makes
// listeners and routes wait for new endpoints, and ending the stream (error, graceful end, client close). The
// protocols themselves (what a request means, what a cache change sends) are the subclasses'.
import { status as GrpcStatus, type ServerDuplexStream } from '@grpc/grpc-js';
import type { DeltaDiscoveryRequest, DiscoveryRequest, Node } from '@minimesh/model';
import { callHook, type StreamInfo } from './callbacks.js';
import { PushHold } from './push-hold.js';
import { ResourceTypeUrl } from './resource-types.js';
import type { StreamStatus } from './status.js';
import type { StreamContext } from './stream-context.js';

export abstract class XdsStream<Req, Res, TypeState> {
  protected readonly call: ServerDuplexStream<Req, Res>;
  protected readonly ctx: StreamContext;
  /** Set for per-type services: the only type this stream serves. */
  protected readonly fixedType: string | undefined;
  protected readonly info: StreamInfo;
  protected readonly status: StreamStatus;
  /** Per type URL the client subscribed to, the protocol's state. */
  protected readonly types = new Map<string, TypeState>();
  /** Pauses a push after clusters until the client asked for the endpoints of new EDS clusters. */
  protected readonly hold: PushHold;
  /** The cache key of the stream's node, once its first request named it. */
  protected nodeKey: string | undefined;
  protected closed = false;
  #unwatch: (() => void) | undefined;
  /** This stream's push after a cache change, as queued on the context's push queue. */
  readonly #push = (): void => this.onCacheChange();

  constructor(
    call: ServerDuplexStream<Req, Res>,
    ctx: StreamContext,
    protocol: 'sotw' | 'delta',
    fixedType?: string,
  ) {
    this.call = call;
    this.ctx = ctx;
    this.fixedType = fixedType;
    this.hold = new PushHold(ctx.endpointWaitMs, (started) => this.pushAfterClusters(started));
    const opened = ctx.openStream(protocol, fixedType, call.getPeer(), () => this.end());
    this.info = opened.info;
    this.status = opened.status;
    call.on('data', (request: Req) => this.onRequest(request));
    call.on('end', () => this.end());
    call.on('error', () => this.close());
    call.on('cancelled', () => this.close());
    call.on('close', () => this.close());
  }

  /** A request from the client (ACK, NACK, new subscription). */
  protected abstract onRequest(request: Req): void;
  /** The node's snapshot changed: push what changed, clusters first. */
  protected abstract onCacheChange(): void;
  /** The rest of a push after clusters (and endpoints): every other type in push order, then cluster removals. */
  protected abstract pushAfterClusters(started: number): void;

  /**
   * The start every request shares: the onStreamRequest hook, then the type URL it is for (the fixed type of a
   * per-type service, else the request's). Undefined after failing the stream for a request without one.
   */
  protected requestType(request: DiscoveryRequest | DeltaDiscoveryRequest): string | undefined {
    callHook(this.ctx.callbacks, (c) => c.onStreamRequest?.(this.info, request));
    const typeUrl = this.fixedType ?? request.type_url ?? '';
    if (typeUrl !== '') return typeUrl;
    this.fail(GrpcStatus.INVALID_ARGUMENT, 'a request on the aggregated stream needs a type_url');
    return undefined;
  }

  /** Binds the stream to its node (first request): status and the cache watch. */
  protected bindNode(node: Node): void {
    const key = this.ctx.cache.nodeHash(node);
    this.nodeKey = key;
    this.status.setNode(node, key);
    this.#unwatch = this.ctx.cache.watch(key, () => this.ctx.pushes.schedule(this.#push));
  }

  /** Whether listeners or routes follow clusters on this stream (then cluster removals wait for them). */
  protected later(): boolean {
    return this.types.has(ResourceTypeUrl.listener) || this.types.has(ResourceTypeUrl.route);
  }

  /** Ends the stream with an error status. */
  protected fail(code: GrpcStatus, details: string): void {
    if (this.closed) return;
    this.call.emit('error', { code, details });
    this.close();
  }

  /** Ends the stream from the server side (OK status), as on graceful shutdown. */
  protected end(): void {
    if (this.closed) return;
    this.close();
    this.call.end();
  }

  protected close(): void {
    if (this.closed) return;
    this.closed = true;
    this.hold.release(false);
    this.#unwatch?.();
    this.ctx.pushes.cancel(this.#push);
    this.ctx.closeStream(this.info, this.status);
  }
}
