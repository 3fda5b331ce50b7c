// A real @grpc/grpc-js server and client for the gRPC tests, with raw Buffer messages (no protobuf) and a
// service of the four call kinds. Server behaviour by request text:
// - Say (unary): "missing" answers NOT_FOUND; "flaky:<key>:<n>" answers UNAVAILABLE to the first n calls of <key>,
//   then succeeds; "slow:<ms>" answers after <ms> (and records a cancellation); otherwise "hello <text>".
// - Stream (server streaming): "<count>x<size>" writes <count> messages of <size> bytes, waiting for 'drain'
//   whenever write() returns false (`written` counts messages handed to grpc-js).
// - Collect (client streaming): answers "<messages> messages, <bytes> bytes"; reads only while `readGate` is open.
// - Chat (bidi): echoes every message as "echo:<text>", ends when the client ends.
import {
  type ClientHttp2Session,
  type ClientHttp2Stream,
  connect,
  type IncomingHttpHeaders,
  type IncomingHttpStatusHeader,
} from 'node:http2';
import {
  Client,
  credentials,
  Metadata,
  Server,
  ServerCredentials,
  type ServerDuplexStream,
  type ServerReadableStream,
  type ServerUnaryCall,
  type ServerWritableStream,
  type sendUnaryData,
  status,
} from '@grpc/grpc-js';
import { anyOf, type Cluster, TypeUrl } from '@minimesh/model';
import { staticCluster } from '../helpers/resources.js';

export const identity = (b: Buffer): Buffer => b;
export const SERVICE = '/test.Echo';

const method = (name: string, requestStream: boolean, responseStream: boolean) => ({
  path: `${SERVICE}/${name}`,
  requestStream,
  responseStream,
  requestSerialize: identity,
  requestDeserialize: identity,
  responseSerialize: identity,
  responseDeserialize: identity,
});

export interface GrpcServer {
  readonly port: number;
  /** Unary calls per flaky key. */
  readonly attempts: Map<string, number>;
  /** Texts of slow unary calls the client (or a proxy) cancelled. */
  readonly cancelled: string[];
  /** Metadata (request headers) of every unary call, in order. */
  readonly metadata: Metadata[];
  /** Server-streaming messages handed to grpc-js so far. */
  written: number;
  /** Client-streaming: resolves to let the server read the client's messages (the slow reader test). */
  readGate: Promise<void>;
  close(): void;
}

export async function startGrpcServer(): Promise<GrpcServer> {
  const server = new Server();
  const state: GrpcServer = {
    port: 0,
    attempts: new Map(),
    cancelled: [],
    metadata: [],
    written: 0,
    readGate: Promise.resolve(),
    close: () => server.forceShutdown(),
  };
  server.addService(
    {
      Say: method('Say', false, false),
      Stream: method('Stream', false, true),
      Collect: method('Collect', true, false),
      Chat: method('Chat', true, true),
    },
    {
      Say: (call: ServerUnaryCall<Buffer, Buffer>, done: sendUnaryData<Buffer>) => {
        const text = call.request.toString();
        state.metadata.push(call.metadata);
        const flaky = /^flaky:([^:]+):(\d+)$/.exec(text);
        const slow = /^slow:(\d+)$/.exec(text);
        if (text === 'missing') done({ code: status.NOT_FOUND, details: 'no such thing' });
        else if (flaky !== null) {
          const n = (state.attempts.get(flaky[1] ?? '') ?? 0) + 1;
          state.attempts.set(flaky[1] ?? '', n);
          if (n <= Number(flaky[2])) done({ code: status.UNAVAILABLE, details: `try ${n} fails` });
          else done(null, Buffer.from(`hello after ${n} tries`));
        } else if (slow !== null) {
          const timer = setTimeout(() => done(null, Buffer.from('slow reply')), Number(slow[1]));
          call.on('cancelled', () => {
            clearTimeout(timer);
            state.cancelled.push(text);
          });
        } else done(null, Buffer.from(`hello ${text}`));
      },
      Stream: async (call: ServerWritableStream<Buffer, Buffer>) => {
        const [count = 0, size = 0] = call.request.toString().split('x').map(Number);
        const chunk = Buffer.alloc(size, 120);
        for (let i = 0; i < count && !call.cancelled; i++) {
          state.written++;
          if (!call.write(chunk)) await new Promise((r) => call.once('drain', r));
        }
        call.end();
      },
      Collect: (call: ServerReadableStream<Buffer, Buffer>, done: sendUnaryData<Buffer>) => {
        let messages = 0;
        let bytes = 0;
        call.pause();
        void state.readGate.then(() => call.resume());
        call.on('data', (m: Buffer) => {
          messages++;
          bytes += m.length;
        });
        call.on('end', () => done(null, Buffer.from(`${messages} messages, ${bytes} bytes`)));
      },
      Chat: (call: ServerDuplexStream<Buffer, Buffer>) => {
        call.on('data', (m: Buffer) => call.write(Buffer.from(`echo:${m.toString()}`)));
        call.on('end', () => call.end());
      },
    },
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return Object.assign(state, { port });
}

export function grpcClient(port: number): Client {
  return new Client(`127.0.0.1:${port}`, credentials.createInsecure());
}

export interface UnaryResult {
  readonly reply?: string;
  readonly code?: number;
  readonly details?: string;
}

export function unary(client: Client, text: string, deadlineMs?: number): Promise<UnaryResult> {
  const options = deadlineMs === undefined ? {} : { deadline: Date.now() + deadlineMs };
  return new Promise((resolve) => {
    client.makeUnaryRequest(
      `${SERVICE}/Say`,
      identity,
      identity,
      Buffer.from(text),
      new Metadata(),
      options,
      (err, value) => {
        if (err) resolve({ code: err.code, details: err.details });
        else resolve({ reply: value?.toString() });
      },
    );
  });
}

/** A cluster speaking HTTP/2 (h2c) to the given ports, as for gRPC backends. */
export function h2Cluster(name: string, ports: readonly number[], extra: Partial<Cluster> = {}): Cluster {
  return staticCluster(name, ports, {
    typed_extension_protocol_options: {
      'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': anyOf(
        TypeUrl.UPSTREAM_HTTP_PROTOCOL_OPTIONS,
        {
          explicit_http_config: { http2_protocol_options: {} },
        },
      ),
    },
    ...extra,
  });
}

/** One gRPC message with its 5-byte prefix (uncompressed). */
export function grpcFrame(message: Buffer): Buffer {
  const frame = Buffer.alloc(5 + message.length);
  frame.writeUInt32BE(message.length, 1);
  message.copy(frame, 5);
  return frame;
}

export interface RawCall {
  readonly session: ClientHttp2Session;
  readonly stream: ClientHttp2Stream;
  /** Response headers (a Trailers-Only answer carries grpc-status here). */
  readonly headers: Promise<IncomingHttpHeaders & IncomingHttpStatusHeader>;
  /** Resolves when the stream closed: its trailers (empty for Trailers-Only) and body bytes read. */
  readonly done: Promise<{ trailers: IncomingHttpHeaders; bytes: number }>;
}

/**
 * A gRPC call over plain node:http2 (no client deadline, reads under the test's control: node:http2 stops granting
 * flow control window while the stream is paused, which @grpc/grpc-js's client does not).
 */
export function rawCall(
  port: number,
  name: string,
  message: string,
  headers: Record<string, string> = {},
): RawCall {
  const session = connect(`http://127.0.0.1:${port}`);
  session.on('error', () => undefined);
  const stream = session.request({
    ':method': 'POST',
    ':path': `${SERVICE}/${name}`,
    'content-type': 'application/grpc',
    te: 'trailers',
    ...headers,
  });
  stream.on('error', () => undefined);
  stream.end(grpcFrame(Buffer.from(message)));
  const responseHeaders = new Promise<IncomingHttpHeaders & IncomingHttpStatusHeader>((resolve) =>
    stream.once('response', resolve),
  );
  let trailers: IncomingHttpHeaders = {};
  let bytes = 0;
  stream.on('trailers', (t) => {
    trailers = t;
  });
  stream.on('data', (c: Buffer) => {
    bytes += c.length;
  });
  const done = new Promise<{ trailers: IncomingHttpHeaders; bytes: number }>((resolve) =>
    stream.once('close', () => {
      session.close();
      resolve({ trailers, bytes });
    }),
  );
  return { session, stream, headers: responseHeaders, done };
}
