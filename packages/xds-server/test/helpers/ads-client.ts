// A minimal xDS client for tests: one raw bidi gRPC stream (state of the world or delta) encoded with the
// model's codec, and a queue of the responses received, so a test drives the protocol message by message.
import {
  type ChannelCredentials,
  type ChannelOptions,
  Client,
  type ClientDuplexStream,
  credentials,
  Metadata,
  type ServiceError,
} from '@grpc/grpc-js';
import type {
  DeltaDiscoveryRequest,
  DeltaDiscoveryResponse,
  DiscoveryRequest,
  DiscoveryResponse,
} from '@minimesh/model';
import { decode, encode } from '@minimesh/model';

const ADS = '/envoy.service.discovery.v3.AggregatedDiscoveryService';
export const SOTW_PATH = `${ADS}/StreamAggregatedResources`;
export const DELTA_PATH = `${ADS}/DeltaAggregatedResources`;

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export interface ConnectOptions {
  credentials?: ChannelCredentials;
  channelOptions?: ChannelOptions;
}

interface Waiter<T> {
  resolve: (value: T) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** A raw xDS stream. Req/Res are the request and response message types of the stream. */
export class XdsTestStream<Req extends object, Res> {
  readonly #client: Client;
  readonly #call: ClientDuplexStream<Req, Res>;
  readonly #queue: Res[] = [];
  readonly #waiters: Waiter<Res>[] = [];
  /** Set when the stream ended: null for status OK, the error otherwise. */
  ended: ServiceError | null | undefined;
  readonly #endWaiters: (() => void)[] = [];

  constructor(
    address: string,
    path: string,
    requestType: string,
    responseType: string,
    options: ConnectOptions = {},
  ) {
    this.#client = new Client(
      address,
      options.credentials ?? credentials.createInsecure(),
      options.channelOptions,
    );
    this.#call = this.#client.makeBidiStreamRequest<Req, Res>(
      path,
      (value) => toBuffer(encode(requestType, value)),
      (bytes) => decode(responseType, bytes) as Res,
      new Metadata(),
    );
    this.#call.on('data', (response: Res) => {
      const waiter = this.#waiters.shift();
      if (waiter === undefined) {
        this.#queue.push(response);
        return;
      }
      clearTimeout(waiter.timer);
      waiter.resolve(response);
    });
    this.#call.on('error', (error: ServiceError) => this.#finish(error));
    this.#call.on('end', () => this.#finish(null));
  }

  send(request: Req): void {
    this.#call.write(request);
  }

  /** The next response, failing after `timeoutMs`. */
  next(timeoutMs = 3_000): Promise<Res> {
    const queued = this.#queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.ended !== undefined) {
      return Promise.reject(new Error(`stream ended: ${this.ended?.message ?? 'status OK'}`));
    }
    return new Promise<Res>((resolve, reject) => {
      const waiter: Waiter<Res> = {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
          reject(new Error(`no response within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.#waiters.push(waiter);
    });
  }

  /** Fails if a response arrives within `ms`. */
  async expectNone(ms = 300): Promise<void> {
    await new Promise((r) => setTimeout(r, ms));
    if (this.#queue.length > 0) {
      throw new Error(`unexpected response: ${JSON.stringify(this.#queue[0]).slice(0, 300)}`);
    }
  }

  /** Resolves when the server ended the stream (status in `ended`), failing after `timeoutMs`. */
  async waitEnd(timeoutMs = 3_000): Promise<ServiceError | null> {
    if (this.ended !== undefined) return this.ended;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('stream did not end')), timeoutMs);
      this.#endWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    return this.ended ?? null;
  }

  close(): void {
    this.#call.cancel();
    this.#client.close();
  }

  #finish(error: ServiceError | null): void {
    if (this.ended !== undefined) return;
    this.ended = error;
    for (const w of this.#endWaiters.splice(0)) w();
    for (const w of this.#waiters.splice(0)) {
      clearTimeout(w.timer);
      w.reject(new Error(`stream ended before a response: ${error?.message ?? 'status OK'}`));
    }
  }
}

export type SotwClient = XdsTestStream<DiscoveryRequest, DiscoveryResponse>;
export type DeltaClient = XdsTestStream<DeltaDiscoveryRequest, DeltaDiscoveryResponse>;

export function sotwClient(address: string, path = SOTW_PATH, options: ConnectOptions = {}): SotwClient {
  return new XdsTestStream(
    address,
    path,
    'envoy.service.discovery.v3.DiscoveryRequest',
    'envoy.service.discovery.v3.DiscoveryResponse',
    options,
  );
}

export function deltaClient(address: string, path = DELTA_PATH): DeltaClient {
  return new XdsTestStream(
    address,
    path,
    'envoy.service.discovery.v3.DeltaDiscoveryRequest',
    'envoy.service.discovery.v3.DeltaDiscoveryResponse',
  );
}

/** Names of the resources of a state-of-the-world response, in order. */
export function namesOf(response: DiscoveryResponse): string[] {
  return (response.resources ?? []).map((r) => {
    const o = r as { name?: string; cluster_name?: string };
    return o.name ?? o.cluster_name ?? '';
  });
}
