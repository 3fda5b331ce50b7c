// Streaming gRPC calls are proxied without buffering them whole: with a reader that does not read, the writer on
// the other side of the proxies stalls after a bounded amount (HTTP/2 flow control windows, the proxy's own
// buffers and, on the request path, the retry copy's 1 MiB), and everything arrives once the reader reads.
import type { Client } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GrpcServer, grpcClient, identity, rawCall, SERVICE, startGrpcServer } from './grpc-fixture.js';
import { startTopology, type Topology, type TopologyKind } from './topology.js';

const MESSAGE = 64 * 1024;
const COUNT = 400; // 25 MiB in all
/** What may sit in windows and buffers between a stalled reader and its writer, over every hop. */
const BOUND = 8 * 1024 * 1024;

/** Resolves once `read()` has not changed for `quietMs` (bounded by `limitMs`). */
async function settled(read: () => number, quietMs = 300, limitMs = 8_000): Promise<number> {
  const until = Date.now() + limitMs;
  let last = read();
  let since = Date.now();
  while (Date.now() < until) {
    await new Promise((r) => setTimeout(r, 25));
    const now = read();
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return now;
  }
  throw new Error('the writer never stalled');
}

describe.each<TopologyKind>(['one proxy', 'two proxies'])('gRPC flow control through %s', (kind) => {
  let server: GrpcServer;
  let topology: Topology;
  let client: Client;

  beforeAll(async () => {
    server = await startGrpcServer();
    topology = await startTopology(kind, server.port);
    client = grpcClient(topology.port);
  }, 20_000);

  afterAll(async () => {
    client?.close();
    await topology?.close();
    server?.close();
  });

  it('a client that does not read stalls the server stream; then every message arrives', async () => {
    server.written = 0;
    // A raw HTTP/2 client whose stream is paused: @grpc/grpc-js's client would read (and buffer) regardless.
    const call = rawCall(topology.port, 'Stream', `${COUNT}x${MESSAGE}`);
    call.stream.pause();
    const stalledAt = await settled(() => server.written);
    expect(stalledAt * MESSAGE).toBeLessThan(BOUND);
    expect(stalledAt).toBeLessThan(COUNT);
    call.stream.resume();
    const { trailers, bytes } = await call.done;
    expect(trailers['grpc-status']).toBe('0');
    expect(bytes).toBe(COUNT * (MESSAGE + 5));
  }, 20_000);

  it('a server that does not read stalls the client stream; then every message arrives', async () => {
    let open: () => void = () => undefined;
    server.readGate = new Promise<void>((r) => {
      open = r;
    });
    let sent = 0;
    const reply = new Promise<string>((resolve, reject) => {
      const call = client.makeClientStreamRequest(`${SERVICE}/Collect`, identity, identity, (err, v) =>
        err ? reject(err) : resolve(v?.toString() ?? ''),
      );
      void (async () => {
        for (let i = 0; i < COUNT; i++) {
          sent++;
          if (!call.write(Buffer.alloc(MESSAGE, 98))) await new Promise((r) => call.once('drain', r));
        }
        call.end();
      })();
    });
    const stalledAt = await settled(() => sent);
    expect(stalledAt * MESSAGE).toBeLessThan(BOUND);
    expect(stalledAt).toBeLessThan(COUNT);
    open();
    expect(await reply).toBe(`${COUNT} messages, ${COUNT * MESSAGE} bytes`);
    server.readGate = Promise.resolve();
  }, 20_000);
});
