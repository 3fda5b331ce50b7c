// The xDS gRPC server: ADS (state of the world and delta), the per-type discovery services and CSDS over one
// snapshot cache, and optionally Envoy's access log service (ALS). Listens on 127.0.0.1 by default; port 0 picks a
// free port (the real one is `port`).
import {
  type ChannelOptions,
  Server,
  ServerCredentials,
  type ServerDuplexStream,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import type {
  ClientStatusRequest,
  ClientStatusResponse,
  DeltaDiscoveryRequest,
  DeltaDiscoveryResponse,
} from '@minimesh/model';
import { AccessLogCalls, type AccessLogSink, accessLogService } from './access-log-service.js';
import type { XdsCallbacks } from './callbacks.js';
import { clientStatus, csdsImplementation } from './csds.js';
import { DeltaStream } from './delta-stream.js';
import { InvalidOptionError } from './errors.js';
import { XdsMetrics, type XdsMetricsOptions } from './metrics.js';
import {
  aggregatedDiscoveryService,
  clientStatusDiscoveryService,
  typedDiscoveryServices,
} from './service-definitions.js';
import type { SnapshotCache } from './snapshot-cache.js';
import { type SotwCall, SotwStream } from './sotw-stream.js';
import { type ProxyStatus, StatusRegistry } from './status.js';
import { StreamContext } from './stream-context.js';

export interface XdsTlsOptions {
  /** PEM certificate chain and private key of the server. */
  cert: Buffer;
  key: Buffer;
  /** PEM CA bundle to verify client certificates with; with it, clients must present one (mTLS). */
  ca?: Buffer;
}

export interface XdsServerOptions {
  cache: SnapshotCache;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default 0 (a free port). */
  port?: number;
  tls?: XdsTlsOptions;
  callbacks?: XdsCallbacks;
  metrics?: XdsMetricsOptions;
  /**
   * How long a push waits, after sending clusters that need endpoints the client has not requested yet, for the
   * client to request them before listeners and routes are sent (ms, default 1000).
   */
  endpointWaitMs?: number;
  /** Extra gRPC server options; they override the keepalive defaults below. */
  grpcOptions?: ChannelOptions;
  /**
   * Serve envoy.service.accesslog.v3.AccessLogService on the same server, handing every decoded batch to this
   * sink (access-log-service.ts). Without it the service is not offered (clients get UNIMPLEMENTED).
   */
  accessLog?: AccessLogSink;
}

/**
 * Keepalive defaults: client pings are accepted without calls in flight and as often as every 5 s (Envoy's and
 * gRPC's keepalive; @grpc/grpc-js 1.14 does not police client pings at all, the first two options state the
 * policy for gRPC stacks that do), and idle clients are pinged every 30 s and dropped after 10 s without an
 * answer (times in ms).
 */
export const DEFAULT_GRPC_OPTIONS: ChannelOptions = {
  'grpc.keepalive_permit_without_calls': 1,
  'grpc.http2.min_ping_interval_without_data_ms': 5_000,
  'grpc.keepalive_time_ms': 30_000,
  'grpc.keepalive_timeout_ms': 10_000,
};

/** Default of XdsServerOptions.endpointWaitMs, in ms. */
export const DEFAULT_ENDPOINT_WAIT_MS = 1_000;

type DeltaCall = ServerDuplexStream<DeltaDiscoveryRequest, DeltaDiscoveryResponse>;

export class XdsServer {
  readonly cache: SnapshotCache;
  readonly metrics: XdsMetrics;
  readonly host: string;
  readonly #server: Server;
  readonly #ctx: StreamContext;
  readonly #accessLog: AccessLogCalls | undefined;
  #port = -1;
  /** Set once close() was called; later calls return the same promise. */
  #closing: Promise<void> | undefined;

  private constructor(options: XdsServerOptions) {
    this.cache = options.cache;
    this.host = options.host ?? '127.0.0.1';
    this.metrics = new XdsMetrics(options.metrics);
    this.#ctx = new StreamContext(
      options.cache,
      new StatusRegistry(),
      options.callbacks ?? {},
      this.metrics,
      options.endpointWaitMs ?? DEFAULT_ENDPOINT_WAIT_MS,
    );
    this.#server = new Server({ ...DEFAULT_GRPC_OPTIONS, ...options.grpcOptions });
    const ctx = this.#ctx;
    this.#server.addService(aggregatedDiscoveryService, {
      StreamAggregatedResources: (call: SotwCall) => new SotwStream(call, ctx),
      DeltaAggregatedResources: (call: DeltaCall) => new DeltaStream(call, ctx),
    } satisfies UntypedServiceImplementation);
    for (const service of typedDiscoveryServices) {
      this.#server.addService(service.definition, {
        [service.streamMethod]: (call: SotwCall) => new SotwStream(call, ctx, service.typeUrl),
        [service.deltaMethod]: (call: DeltaCall) => new DeltaStream(call, ctx, service.typeUrl),
      });
    }
    this.#server.addService(clientStatusDiscoveryService, csdsImplementation(ctx));
    this.#accessLog = options.accessLog === undefined ? undefined : new AccessLogCalls(options.accessLog);
    if (this.#accessLog !== undefined)
      this.#server.addService(accessLogService, this.#accessLog.implementation());
  }

  /** Creates the server and binds it. Resolves once it listens. */
  static async start(options: XdsServerOptions): Promise<XdsServer> {
    const port = options.port ?? 0;
    const wait = options.endpointWaitMs ?? DEFAULT_ENDPOINT_WAIT_MS;
    if (!(wait >= 0 && wait <= 60_000)) {
      throw new InvalidOptionError(`endpointWaitMs must be from 0 to 60000 ms, got ${wait}`);
    }
    if (!Number.isInteger(port) || port < 0 || port > 65_535) {
      throw new InvalidOptionError(`port must be an integer from 0 to 65535, got ${port}`);
    }
    const server = new XdsServer(options);
    try {
      await server.#listen(port, options.tls);
    } catch (error) {
      server.#server.forceShutdown();
      throw error;
    }
    return server;
  }

  /** The port the server listens on. */
  get port(): number {
    return this.#port;
  }

  /** `host:port`, as a bootstrap's server_uri wants it. */
  get address(): string {
    return this.host.includes(':') ? `[${this.host}]:${this.#port}` : `${this.host}:${this.#port}`;
  }

  /** Status of every connected proxy (one entry per stream). */
  proxyStatus(): ProxyStatus[] {
    return this.#ctx.status.list();
  }

  /** What CSDS answers for `request` (default: every connected node), without going through gRPC. */
  clientStatus(request: ClientStatusRequest = {}): ClientStatusResponse {
    return clientStatus(this.#ctx, request);
  }

  /**
   * Graceful shutdown: stops accepting streams, ends every open stream with status OK (clients reconnect
   * elsewhere), then waits up to `graceMs` (default 5000 ms) for calls to finish before cutting them.
   */
  close(graceMs = 5_000): Promise<void> {
    this.#closing ??= this.#drain(graceMs);
    return this.#closing;
  }

  async #drain(graceMs: number): Promise<void> {
    // tryShutdown first: no new stream is accepted while the open ones are ended.
    const drained = new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.#server.forceShutdown();
        resolve();
      }, graceMs);
      this.#server.tryShutdown(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    for (const stream of [...this.#ctx.open.values()]) stream.end();
    this.#accessLog?.endAll();
    await drained;
  }

  async #listen(port: number, tls: XdsTlsOptions | undefined): Promise<void> {
    const credentials =
      tls === undefined
        ? ServerCredentials.createInsecure()
        : ServerCredentials.createSsl(
            tls.ca ?? null,
            [{ cert_chain: tls.cert, private_key: tls.key }],
            tls.ca !== undefined,
          );
    const target = this.host.includes(':') ? `[${this.host}]:${port}` : `${this.host}:${port}`;
    this.#port = await new Promise<number>((resolve, reject) => {
      this.#server.bindAsync(target, credentials, (error, bound) => (error ? reject(error) : resolve(bound)));
    });
  }
}
