// The ADS client: one state-of-the-world StreamAggregatedResources stream to the control plane. CDS and LDS are
// wildcard subscriptions; EDS follows the EDS clusters accepted, RDS the route names of accepted listeners (the
// sink says which names it needs after each accepted response). Every response is ACKed (version_info = its
// version, the nonce) or NACKed (version_info = the last accepted version of that type, the nonce, error_detail
// with code INVALID_ARGUMENT and the reason); a NACKed response changes nothing, so the last good config keeps
// serving. When the stream ends or fails, the client reconnects with jittered exponential backoff and sends the
// versions it has, while the proxy keeps serving from its last config. The stream is a gRPC call of our own on
// node:http2 (grpc-stream.ts): one HTTP/2 connection per stream, keepalive pings every 30 s (10 s to answer).
import type { DiscoveryRequest, Node } from '@minimesh/model/xds';
import { errorText } from '../errors.js';
import {
  ADS_STREAM_PATH,
  deserializeDiscoveryResponse,
  isWildcardType,
  serializeDiscoveryRequest,
  XDS_TYPES,
  type XdsType,
} from './ads-method.js';
import { Backoff, type BackoffOptions } from './backoff.js';
import type { DiscoveryEnvelope } from './discovery-wire.js';
import { GrpcBidiStream } from './grpc-stream.js';
import { type DecodedResources, decodeResources } from './resource-decode.js';

/** google.rpc.Code INVALID_ARGUMENT, Envoy's code for a rejected update. */
const INVALID_ARGUMENT = 3;

/** Where accepted resources go. */
export interface XdsSink {
  /** Validates and applies a response; throws (ConfigRejectedError) to NACK it, leaving the config unchanged. */
  apply(update: DecodedResources, versionInfo: string): void | Promise<void>;
  /** Names a non-wildcard type (EDS, RDS) must subscribe to now, sorted. */
  subscriptions(type: XdsType): readonly string[];
  /** The stream connected (true) or was lost (false). */
  connectionChanged?(connected: boolean): void;
  /** A response was ACKed or NACKed (for stats and logs). */
  responseHandled?(type: XdsType, accepted: boolean, detail: string | undefined): void;
}

export interface AdsClientOptions {
  /** HOST:PORT of the ADS server. */
  readonly address: string;
  readonly node: Node;
  readonly backoff?: BackoffOptions;
}

/** Per type: what was accepted and what was last asked for. */
export interface TypeState {
  /** version_info of the last accepted response ('' before any). */
  version: string;
  /** Nonce of the last response received on the current stream. */
  nonce: string;
  /** Names of the last request sent (empty for wildcard types). */
  names: readonly string[];
  /** Whether a request was sent for this type on the current stream. */
  requested: boolean;
  /** The reason of the last NACK, cleared by the next ACK. */
  lastNack: string | undefined;
  acks: number;
  nacks: number;
}

/** The user-agent of the ADS stream. */
const USER_AGENT = 'minimesh-proxy (node:http2 gRPC)';

export class AdsClient {
  readonly #options: AdsClientOptions;
  readonly #sink: XdsSink;
  readonly #backoff: Backoff;
  readonly #state = new Map<XdsType, TypeState>();
  #call: GrpcBidiStream | undefined;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;
  #connected = false;
  #nodeSent = false;
  /** Responses are handled one at a time, in arrival order (applying may bind sockets). */
  #queue: Promise<void> = Promise.resolve();

  constructor(options: AdsClientOptions, sink: XdsSink) {
    this.#options = options;
    this.#sink = sink;
    this.#backoff = new Backoff(options.backoff);
    for (const t of XDS_TYPES) {
      this.#state.set(t, {
        version: '',
        nonce: '',
        names: [],
        requested: false,
        lastNack: undefined,
        acks: 0,
        nacks: 0,
      });
    }
  }

  get connected(): boolean {
    return this.#connected;
  }

  /** A copy of the per-type state. */
  typeState(type: XdsType): Readonly<TypeState> {
    return { ...this.#st(type) };
  }

  start(): void {
    this.#connect();
  }

  /** Ends the stream and stops reconnecting. */
  close(): void {
    this.#closed = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    const call = this.#call;
    this.#call = undefined;
    call?.cancel('the ADS client was closed');
    this.#setConnected(false);
  }

  /** Sends a request for a non-wildcard type whose needed names changed (after CDS or LDS was accepted). */
  refreshSubscriptions(): void {
    for (const type of XDS_TYPES) {
      if (isWildcardType(type)) continue;
      const names = this.#sink.subscriptions(type);
      const st = this.#st(type);
      // An empty list would be a legacy wildcard request: unsubscribe-all is never sent; unwanted resources
      // that still arrive are ignored by the sink.
      if (names.length === 0) continue;
      if (st.requested && sameNames(st.names, names)) continue;
      this.#send(type, st.version, st.nonce, names, undefined);
    }
  }

  #st(type: XdsType): TypeState {
    const st = this.#state.get(type);
    if (st === undefined) throw new Error(`unknown xDS type ${type}`);
    return st;
  }

  #connect(): void {
    if (this.#closed) return;
    this.#nodeSent = false;
    for (const st of this.#state.values()) {
      st.requested = false;
      st.nonce = '';
    }
    // The stream is lost when the call ends, whatever its status (OK included: the server let go of it, as
    // istiod does at its max connection age); the reason shows as the connection state only.
    const call = GrpcBidiStream.open(
      { address: this.#options.address, path: ADS_STREAM_PATH, userAgent: USER_AGENT },
      {
        // Connected once the HTTP/2 connection is up: a server may have nothing new to send.
        onConnected: () => {
          if (this.#call === call) this.#setConnected(true);
        },
        onMessage: (bytes) => {
          let env: DiscoveryEnvelope;
          try {
            env = deserializeDiscoveryResponse(bytes);
          } catch (err) {
            // As a gRPC library does when a message does not deserialize: the call fails, then reconnects.
            call.cancel(errorText(err));
            return;
          }
          this.#backoff.reset();
          this.#setConnected(true);
          this.#queue = this.#queue.then(() => this.#onResponse(env, call)).catch(() => undefined);
        },
        onEnd: () => {
          if (this.#call !== call) return;
          this.#call = undefined;
          this.#setConnected(false);
          this.#scheduleReconnect();
        },
      },
    );
    this.#call = call;
    // Envoy's order: CDS first, then LDS; EDS and RDS follow what they name (kept on reconnect).
    for (const type of XDS_TYPES) {
      const st = this.#st(type);
      if (isWildcardType(type)) this.#send(type, st.version, '', [], undefined);
      else {
        const names = this.#sink.subscriptions(type);
        if (names.length > 0) this.#send(type, st.version, '', names, undefined);
      }
    }
  }

  #setConnected(connected: boolean): void {
    if (this.#connected === connected) return;
    this.#connected = connected;
    this.#sink.connectionChanged?.(connected);
  }

  #scheduleReconnect(): void {
    if (this.#closed || this.#timer !== undefined) return;
    const delay = this.#backoff.next();
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#connect();
    }, delay);
    this.#timer.unref();
  }

  /** Resolves when the response is applied or refused and answered; never rejects. */
  async #onResponse(env: DiscoveryEnvelope, call: GrpcBidiStream): Promise<void> {
    const type = XDS_TYPES.find((t) => t === env.typeUrl);
    if (type === undefined) return; // A type never subscribed to: ignored, as Envoy ignores unknown types.
    const st = this.#st(type);
    let detail: string | undefined;
    try {
      const update = decodeResources(type, env.resources);
      await this.#sink.apply(update, env.versionInfo);
    } catch (err) {
      detail = errorText(err);
    }
    // A response of a stream that has since been replaced is applied (it is valid config) but not answered.
    if (this.#call !== call) {
      if (detail === undefined) st.version = env.versionInfo;
      return;
    }
    st.nonce = env.nonce;
    const names = isWildcardType(type) ? [] : this.#sink.subscriptions(type);
    if (detail === undefined) {
      st.version = env.versionInfo;
      st.lastNack = undefined;
      st.acks++;
      this.#send(type, st.version, env.nonce, names.length > 0 ? names : st.names, undefined);
    } else {
      st.lastNack = detail;
      st.nacks++;
      this.#send(type, st.version, env.nonce, st.names, detail);
    }
    this.#sink.responseHandled?.(type, detail === undefined, detail);
    if (detail === undefined) this.refreshSubscriptions();
  }

  #send(
    type: XdsType,
    version: string,
    nonce: string,
    names: readonly string[],
    errorDetail: string | undefined,
  ): void {
    const call = this.#call;
    if (call === undefined) return;
    const st = this.#st(type);
    st.names = names;
    st.requested = true;
    const request: DiscoveryRequest = {
      type_url: type,
      ...(version === '' ? {} : { version_info: version }),
      ...(nonce === '' ? {} : { response_nonce: nonce }),
      ...(names.length === 0 ? {} : { resource_names: [...names] }),
      ...(this.#nodeSent ? {} : { node: this.#options.node }),
      ...(errorDetail === undefined
        ? {}
        : { error_detail: { code: INVALID_ARGUMENT, message: errorDetail } }),
    };
    this.#nodeSent = true;
    call.write(serializeDiscoveryRequest(request));
  }
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}
