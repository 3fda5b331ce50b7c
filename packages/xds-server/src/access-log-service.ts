// envoy.service.accesslog.v3.AccessLogService (Envoy's gRPC access log service, ALS) on the xDS server's gRPC
// server: Envoy's `envoy.access_loggers.http_grpc` / `tcp_grpc` loggers open one StreamAccessLogs call per log
// name and send StreamAccessLogsMessage batches on it for as long as they run. The first message of a call carries
// `identifier: { node, log_name }` and later ones do not, so the identifier is remembered per call and given to
// the sink with every message. The call ends with an empty StreamAccessLogsResponse when the client half-closes.
//
// Requests arrive as raw bytes (the method's deserializer is the identity) and are decoded in the handler with the
// model's codec, unknown field numbers ignored (newer Envoys send newer fields): a batch that does not decode ends
// its own call with INVALID_ARGUMENT, and every other call goes on. One decode per batch, no copy: this runs for
// every batch of every proxy.
import {
  type MethodDefinition,
  type ServerReadableStream,
  type ServiceDefinition,
  type sendUnaryData,
  status,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { decode, encode, type Node, type StreamAccessLogsMessage } from '@minimesh/model';

const MESSAGE = 'envoy.service.accesslog.v3.StreamAccessLogsMessage';
const RESPONSE = 'envoy.service.accesslog.v3.StreamAccessLogsResponse';
const ALS = '/envoy.service.accesslog.v3.AccessLogService';

/** The StreamAccessLogsResponse message has no fields: its encoding is empty. */
type StreamAccessLogsResponse = Record<string, never>;

/** Which call a message came on, with the identifier its first message carried. */
export interface AccessLogStream {
  /** Unique per server, from 1, in the order calls arrived. */
  readonly id: number;
  /** The client's address as gRPC reports it (`ipv4:127.0.0.1:53422`). */
  readonly peer: string;
  /** `identifier.node` of the call's first message (absent when the client sent none). */
  readonly node?: Node;
  /** `identifier.log_name` of the call's first message (`http_envoy_accesslog` for Istio's HTTP logger). */
  readonly logName?: string;
}

/**
 * Where access logs go. Calls are made synchronously from gRPC's event handlers: a sink that needs to do work
 * should queue it. A sink that throws ends that call with INTERNAL (its message in the status details).
 */
export interface AccessLogSink {
  /** A call opened (before its first message). */
  onStream?(peer: string, id: number): void;
  /** One decoded batch: `http_logs.log_entry[]` or `tcp_logs.log_entry[]`, the first one with `identifier`. */
  onMessage(message: StreamAccessLogsMessage, stream: AccessLogStream): void;
  /** A call ended, however it ended (half-close, cancel, bad bytes, server close); once per call. */
  onStreamEnd?(id: number): void;
}

function identity(bytes: Buffer): Buffer {
  return bytes;
}

const EMPTY = Buffer.alloc(0);

/** The method definition: raw request bytes in (decoded by the handler), the empty response out. */
const streamAccessLogs: MethodDefinition<Buffer, StreamAccessLogsResponse> = {
  path: `${ALS}/StreamAccessLogs`,
  requestStream: true,
  responseStream: false,
  requestSerialize: identity,
  requestDeserialize: identity,
  responseSerialize: (value) => {
    const bytes = encode(RESPONSE, value);
    return bytes.byteLength === 0 ? EMPTY : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  },
  responseDeserialize: (bytes) => decode(RESPONSE, bytes) as StreamAccessLogsResponse,
};

/** The methods of envoy.service.accesslog.v3.AccessLogService. */
export interface AccessLogServiceDefinition extends ServiceDefinition {
  StreamAccessLogs: MethodDefinition<Buffer, StreamAccessLogsResponse>;
}

/** envoy.service.accesslog.v3.AccessLogService, requests as raw bytes (see the file comment). */
export const accessLogService: AccessLogServiceDefinition = { StreamAccessLogs: streamAccessLogs };

type AlsCall = ServerReadableStream<Buffer, StreamAccessLogsResponse>;

/** The open calls of one server and the sink they report to. */
export class AccessLogCalls {
  readonly #sink: AccessLogSink;
  /** Open calls by id, each with the function that ends it with status OK. */
  readonly #open = new Map<number, () => void>();
  #nextId = 1;

  constructor(sink: AccessLogSink) {
    this.#sink = sink;
  }

  /** How many calls are open. */
  get size(): number {
    return this.#open.size;
  }

  /** The implementation to add to a grpc-js Server with `accessLogService`. */
  implementation(): UntypedServiceImplementation {
    return {
      StreamAccessLogs: (call: AlsCall, callback: sendUnaryData<StreamAccessLogsResponse>) =>
        this.#serve(call, callback),
    };
  }

  /** Ends every open call with status OK (the server is closing; Envoy reconnects). */
  endAll(): void {
    for (const end of [...this.#open.values()]) end();
  }

  #serve(call: AlsCall, callback: sendUnaryData<StreamAccessLogsResponse>): void {
    const id = this.#nextId++;
    const peer = call.getPeer();
    let stream: AccessLogStream = { id, peer };
    let done = false;
    const finish = (error?: { code: status; details: string }): void => {
      if (done) return;
      done = true;
      this.#open.delete(id);
      call.removeAllListeners('data');
      if (error === undefined) callback(null, {});
      else callback(error);
      this.#sink.onStreamEnd?.(id);
    };
    // A cancelled or failed call (client gone, deadline, transport error) takes no response; only the sink hears.
    const drop = (): void => {
      if (done) return;
      done = true;
      this.#open.delete(id);
      call.removeAllListeners('data');
      this.#sink.onStreamEnd?.(id);
    };
    this.#open.set(id, () => finish());
    try {
      this.#sink.onStream?.(peer, id);
    } catch (error) {
      finish({ code: status.INTERNAL, details: `access log sink failed: ${(error as Error).message}` });
      return;
    }
    call.on('data', (bytes: Buffer) => {
      if (done) return;
      let message: StreamAccessLogsMessage;
      try {
        message = decode(MESSAGE, bytes, { ignoreUnknownFields: true }) as StreamAccessLogsMessage;
      } catch (error) {
        finish({
          code: status.INVALID_ARGUMENT,
          details: `StreamAccessLogsMessage does not decode: ${(error as Error).message}`,
        });
        return;
      }
      const identifier = message.identifier;
      if (identifier !== undefined && identifier !== null) {
        stream = {
          id,
          peer,
          ...(identifier.node ? { node: identifier.node } : {}),
          ...(identifier.log_name ? { logName: identifier.log_name } : {}),
        };
      }
      try {
        this.#sink.onMessage(message, stream);
      } catch (error) {
        finish({ code: status.INTERNAL, details: `access log sink failed: ${(error as Error).message}` });
      }
    });
    call.on('end', () => finish());
    call.on('cancelled', drop);
    call.on('error', drop);
  }
}
