// The proxy's own gRPC client (node:http2) against real HTTP/2 servers on 127.0.0.1 that answer as the test says:
// the request it sends (POST, content-type, te, length-prefixed messages), messages split across DATA frames and
// several in one, the status from trailers or a trailers-only response, a response that is not gRPC, protocol
// errors, connection errors, cancelling, and keepalive pings.
import {
  constants,
  createServer,
  type Http2Server,
  type Http2Session,
  type IncomingHttpHeaders,
  type ServerHttp2Stream,
} from 'node:http2';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { frameMessage, GrpcMessageReader } from '../../src/xds/grpc-frame.js';
import { GrpcCode, type GrpcStatus } from '../../src/xds/grpc-status.js';
import { GrpcBidiStream, type GrpcStreamOptions } from '../../src/xds/grpc-stream.js';

const PATH = '/test.Echo/Stream';

interface Call {
  readonly stream: ServerHttp2Stream;
  readonly headers: IncomingHttpHeaders;
  /** Messages received so far, reassembled. */
  readonly messages: Buffer[];
  readonly closed: Promise<number>;
}

interface Server {
  readonly address: string;
  readonly calls: Call[];
  readonly sessions: Http2Session[];
  nextCall(): Promise<Call>;
  close(): Promise<void>;
}

const servers: Http2Server[] = [];

afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise<void>((r) => s.close(() => r()));
});

async function startServer(): Promise<Server> {
  const server = createServer();
  servers.push(server);
  const calls: Call[] = [];
  const sessions: Http2Session[] = [];
  const waiting: ((c: Call) => void)[] = [];
  server.on('session', (s) => sessions.push(s));
  server.on('stream', (stream, headers) => {
    const messages: Buffer[] = [];
    const reader = new GrpcMessageReader();
    stream.on('data', (chunk: Buffer) => messages.push(...reader.push(chunk)));
    stream.on('error', () => undefined);
    const closed = new Promise<number>((r) => stream.once('close', () => r(stream.rstCode ?? 0)));
    const call = { stream, headers, messages, closed };
    calls.push(call);
    waiting.shift()?.(call);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    calls,
    sessions,
    nextCall: () => new Promise((r) => waiting.push(r)),
    close: () =>
      new Promise<void>((r) => {
        for (const s of sessions) s.destroy();
        server.close(() => r());
      }),
  };
}

interface Client {
  readonly stream: GrpcBidiStream;
  readonly messages: string[];
  readonly ended: Promise<GrpcStatus>;
  connected: boolean;
}

function open(address: string, options: Partial<GrpcStreamOptions> = {}): Client {
  let done: (s: GrpcStatus) => void = () => undefined;
  const ended = new Promise<GrpcStatus>((r) => {
    done = r;
  });
  const messages: string[] = [];
  const client: Client = {
    stream: GrpcBidiStream.open(
      { address, path: PATH, ...options },
      {
        onConnected: () => {
          client.connected = true;
        },
        onMessage: (m) => messages.push(m.toString()),
        onEnd: (s) => done(s),
      },
    ),
    messages,
    ended,
    connected: false,
  };
  return client;
}

const grpcHeaders = { [constants.HTTP2_HEADER_STATUS]: 200, 'content-type': 'application/grpc' };

function until(check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const poll = () => (check() ? resolve() : setTimeout(poll, 2));
    poll();
  });
}

describe('gRPC stream on node:http2', () => {
  it('sends a gRPC POST with length-prefixed messages', async () => {
    const server = await startServer();
    const client = open(server.address, { userAgent: 'test-agent' });
    const call = await server.nextCall();
    client.stream.write(Buffer.from('first'));
    client.stream.write(new Uint8Array(0));
    client.stream.write(Buffer.from('x'.repeat(70_000)));
    await until(() => call.messages.length === 3);
    expect(call.headers[':method']).toBe('POST');
    expect(call.headers[':path']).toBe(PATH);
    expect(call.headers['content-type']).toBe('application/grpc');
    expect(call.headers.te).toBe('trailers');
    expect(call.headers['user-agent']).toBe('test-agent');
    expect(call.messages.map((m) => m.length)).toEqual([5, 0, 70_000]);
    expect(call.messages[0]?.toString()).toBe('first');
    expect(client.connected).toBe(true);
    call.stream.respond(grpcHeaders, { waitForTrailers: true });
    call.stream.on('wantTrailers', () => call.stream.sendTrailers({ 'grpc-status': '0' }));
    call.stream.end();
    expect(await client.ended).toEqual({ code: GrpcCode.Ok, details: '' });
    expect(client.stream.write(Buffer.from('late'))).toBe(false);
  });

  it('reassembles messages split across DATA frames and several in one frame', async () => {
    const server = await startServer();
    const client = open(server.address);
    const call = await server.nextCall();
    call.stream.respond(grpcHeaders, { waitForTrailers: true });
    call.stream.on('wantTrailers', () =>
      call.stream.sendTrailers({ 'grpc-status': '14', 'grpc-message': 'going%20away%3A%20bye' }),
    );
    const one = frameMessage(Buffer.from('split across frames'));
    // Byte by byte, each write its own DATA frame.
    for (let i = 0; i < one.length; i++) call.stream.write(one.subarray(i, i + 1));
    call.stream.write(Buffer.concat([frameMessage(Buffer.from('a')), frameMessage(Buffer.from('bc'))]));
    const big = frameMessage(Buffer.from('y'.repeat(100_000)));
    call.stream.write(big.subarray(0, 3));
    call.stream.write(big.subarray(3));
    call.stream.end();
    expect(await client.ended).toEqual({ code: GrpcCode.Unavailable, details: 'going away: bye' });
    expect(client.messages.slice(0, 3)).toEqual(['split across frames', 'a', 'bc']);
    expect(client.messages[3]?.length).toBe(100_000);
    expect(client.messages).toHaveLength(4);
  });

  it('reads the status of a trailers-only response', async () => {
    const server = await startServer();
    const client = open(server.address);
    const call = await server.nextCall();
    call.stream.respond(
      { ...grpcHeaders, 'grpc-status': '12', 'grpc-message': 'no such method' },
      { endStream: true },
    );
    expect(await client.ended).toEqual({ code: GrpcCode.Unimplemented, details: 'no such method' });
    expect(client.messages).toEqual([]);
  });

  it('maps a response that is not gRPC by its HTTP status', async () => {
    const server = await startServer();
    const client = open(server.address);
    const call = await server.nextCall();
    call.stream.respond({ [constants.HTTP2_HEADER_STATUS]: 404, 'content-type': 'text/plain' });
    call.stream.end('not here');
    const status = await client.ended;
    expect(status.code).toBe(GrpcCode.Unimplemented);
    expect(status.details).toMatch(/HTTP status 404/);
    // The client reset its side.
    await call.closed;
  });

  it('refuses a compressed message it did not ask for (INTERNAL) and resets the stream', async () => {
    const server = await startServer();
    const client = open(server.address);
    const call = await server.nextCall();
    call.stream.respond(grpcHeaders);
    const framed = frameMessage(Buffer.from('zz'));
    framed[0] = 1;
    call.stream.write(framed);
    const status = await client.ended;
    expect(status.code).toBe(GrpcCode.Internal);
    expect(status.details).toMatch(/compressed/);
    expect(await call.closed).toBe(constants.NGHTTP2_CANCEL);
  });

  it('refuses a message over the size limit (RESOURCE_EXHAUSTED)', async () => {
    const server = await startServer();
    const client = open(server.address, { maxMessageBytes: 10 });
    const call = await server.nextCall();
    call.stream.respond(grpcHeaders);
    call.stream.write(frameMessage(Buffer.from('0123456789ab')));
    expect((await client.ended).code).toBe(GrpcCode.ResourceExhausted);
  });

  it('reports a stream that ends inside a message (INTERNAL)', async () => {
    const server = await startServer();
    const client = open(server.address);
    const call = await server.nextCall();
    call.stream.respond(grpcHeaders, { waitForTrailers: true });
    call.stream.on('wantTrailers', () => call.stream.sendTrailers({ 'grpc-status': '0' }));
    call.stream.end(frameMessage(Buffer.from('truncated')).subarray(0, 8));
    expect(await client.ended).toEqual({ code: GrpcCode.Internal, details: 'stream ended inside a message' });
  });

  it('maps a reset from the server by its code', async () => {
    const server = await startServer();
    const client = open(server.address);
    const call = await server.nextCall();
    call.stream.close(constants.NGHTTP2_REFUSED_STREAM);
    expect((await client.ended).code).toBe(GrpcCode.Unavailable);
  });

  it('ends UNAVAILABLE when nothing listens, and when the connection is lost', async () => {
    const server = await startServer();
    const address = server.address;
    await server.close();
    const refused = open(address);
    const status = await refused.ended;
    expect(status.code).toBe(GrpcCode.Unavailable);
    expect(status.details).toMatch(/ECONNREFUSED/);
    expect(refused.connected).toBe(false);

    const again = await startServer();
    const client = open(again.address);
    const call = await again.nextCall();
    call.stream.respond(grpcHeaders);
    call.stream.write(frameMessage(Buffer.from('before')));
    await until(() => client.messages.length === 1);
    for (const s of again.sessions) s.destroy();
    expect((await client.ended).code).toBe(GrpcCode.Unavailable);
    expect(client.messages).toEqual(['before']);
  });

  it('cancels: the server sees RST_STREAM CANCEL and the client ends CANCELLED', async () => {
    const server = await startServer();
    const client = open(server.address);
    const call = await server.nextCall();
    call.stream.respond(grpcHeaders);
    await until(() => client.connected);
    client.stream.cancel('bye');
    expect(await client.ended).toEqual({ code: GrpcCode.Cancelled, details: 'bye' });
    expect(await call.closed).toBe(constants.NGHTTP2_CANCEL);
    expect(client.stream.ended).toBe(true);
  });

  it('half-closes: the server sees the end of the requests and still answers', async () => {
    const server = await startServer();
    const client = open(server.address);
    const call = await server.nextCall();
    const ended = new Promise<void>((r) => call.stream.once('end', () => r()));
    client.stream.write(Buffer.from('last'));
    client.stream.end();
    await ended;
    call.stream.respond(grpcHeaders, { waitForTrailers: true });
    call.stream.on('wantTrailers', () => call.stream.sendTrailers({ 'grpc-status': '0' }));
    call.stream.end(frameMessage(Buffer.from('answer')));
    expect(await client.ended).toEqual({ code: GrpcCode.Ok, details: '' });
    expect(call.messages.map(String)).toEqual(['last']);
    expect(client.messages).toEqual(['answer']);
  });

  it('sends keepalive pings on its connection', async () => {
    const server = await startServer();
    const client = open(server.address, { keepaliveMs: 10 });
    const call = await server.nextCall();
    const session = server.sessions[0] as Http2Session;
    await new Promise<void>((r) => session.once('ping', () => r()));
    expect(client.stream.ended).toBe(false);
    client.stream.cancel();
    await call.closed;
  });
});
