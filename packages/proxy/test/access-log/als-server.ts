// A real envoy.service.accesslog.v3.AccessLogService on @grpc/grpc-js for the tests, on 127.0.0.1, its service
// definition built by hand with the model's codec as (de)serializer (as the xds-server's service-definitions.ts
// does). Every StreamAccessLogs call is recorded with its messages, decoded strictly (an unknown field fails the
// call). `restart` stops it and serves again on the same port.
import {
  type MethodDefinition,
  Server,
  ServerCredentials,
  type ServerReadableStream,
  type ServiceDefinition,
  type sendUnaryData,
} from '@grpc/grpc-js';
import { decode, encode, type HTTPAccessLogEntry, type StreamAccessLogsMessage } from '@minimesh/model';

const MESSAGE = 'envoy.service.accesslog.v3.StreamAccessLogsMessage';
const RESPONSE = 'envoy.service.accesslog.v3.StreamAccessLogsResponse';

type Entry = HTTPAccessLogEntry & {
  common_properties?: NonNullable<HTTPAccessLogEntry['common_properties']>;
};

/** One StreamAccessLogs call as the server saw it. */
export interface AlsCall {
  readonly messages: StreamAccessLogsMessage[];
  /** True once the client ended or cancelled the call. */
  ended: boolean;
}

export interface AlsServer {
  readonly port: number;
  readonly calls: AlsCall[];
  /** Every entry received, in order, across calls. */
  entries(): Entry[];
  /** Stops serving (open calls are cut), then serves again on the same port when `down` resolves. */
  restart(down?: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

const toBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

const definition: ServiceDefinition = {
  StreamAccessLogs: {
    path: '/envoy.service.accesslog.v3.AccessLogService/StreamAccessLogs',
    requestStream: true,
    responseStream: false,
    requestSerialize: (v: object) => toBuffer(encode(MESSAGE, v)),
    requestDeserialize: (b: Buffer) => decode(MESSAGE, b),
    responseSerialize: (v: object) => toBuffer(encode(RESPONSE, v)),
    responseDeserialize: (b: Buffer) => decode(RESPONSE, b),
  } as MethodDefinition<object, object>,
};

async function serve(calls: AlsCall[], port: number): Promise<{ server: Server; port: number }> {
  const server = new Server();
  server.addService(definition, {
    StreamAccessLogs: (
      call: ServerReadableStream<StreamAccessLogsMessage, object>,
      callback: sendUnaryData<object>,
    ) => {
      const record: AlsCall = { messages: [], ended: false };
      calls.push(record);
      call.on('data', (m: StreamAccessLogsMessage) => record.messages.push(m));
      call.on('end', () => {
        record.ended = true;
        callback(null, {});
      });
      call.on('cancelled', () => {
        record.ended = true;
      });
      call.on('error', () => {
        record.ended = true;
      });
    },
  });
  const bound = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`127.0.0.1:${port}`, ServerCredentials.createInsecure(), (err, p) =>
      err === null ? resolve(p) : reject(err),
    );
  });
  return { server, port: bound };
}

export async function startAlsServer(): Promise<AlsServer> {
  const calls: AlsCall[] = [];
  let current = await serve(calls, 0);
  const port = current.port;
  return {
    port,
    calls,
    entries: () => calls.flatMap((c) => c.messages.flatMap((m) => (m.http_logs?.log_entry ?? []) as Entry[])),
    async restart(down) {
      current.server.forceShutdown();
      await down?.();
      current = await serve(calls, port);
    },
    async close() {
      current.server.forceShutdown();
    },
  };
}
