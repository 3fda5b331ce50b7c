// The access log service (envoy.service.accesslog.v3.AccessLogService) on the xDS server: real @grpc/grpc-js
// client streams on 127.0.0.1 send StreamAccessLogsMessage batches encoded with the model's codec, as Envoy's
// http_grpc logger does (identifier in the first message only), and the sink sees each batch with its call's
// identity; calls stay apart; bytes that do not decode end only their own call.
import { Client, type ClientWritableStream, credentials, type ServiceError, status } from '@grpc/grpc-js';
import { encode, type Node, type StreamAccessLogsMessage } from '@minimesh/model';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccessLogSink, AccessLogStream } from '../src/access-log-service.js';
import { XdsServer } from '../src/server.js';
import { SnapshotCache } from '../src/snapshot-cache.js';

const PATH = '/envoy.service.accesslog.v3.AccessLogService/StreamAccessLogs';

type Event =
  | { kind: 'open'; id: number; peer: string }
  | { kind: 'message'; message: StreamAccessLogsMessage; stream: AccessLogStream }
  | { kind: 'end'; id: number };

/** A sink that records every call, and waits (bounded) until what it recorded satisfies a predicate. */
class RecordingSink implements AccessLogSink {
  readonly events: Event[] = [];
  readonly #waiters: (() => void)[] = [];

  onStream(peer: string, id: number): void {
    this.#push({ kind: 'open', id, peer });
  }
  onMessage(message: StreamAccessLogsMessage, stream: AccessLogStream): void {
    this.#push({ kind: 'message', message, stream });
  }
  onStreamEnd(id: number): void {
    this.#push({ kind: 'end', id });
  }

  messages(): { message: StreamAccessLogsMessage; stream: AccessLogStream }[] {
    return this.events.flatMap((e) => (e.kind === 'message' ? [e] : []));
  }
  ended(): number[] {
    return this.events.flatMap((e) => (e.kind === 'end' ? [e.id] : []));
  }

  #push(e: Event): void {
    this.events.push(e);
    for (const w of this.#waiters.splice(0)) w();
  }

  async until(what: string, ok: () => boolean, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!ok()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(this.events)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

function bytesOf(message: StreamAccessLogsMessage): Buffer {
  const b = encode('envoy.service.accesslog.v3.StreamAccessLogsMessage', message);
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

/** One client-streaming call as Envoy's logger opens it; `result` settles with the call's status. */
interface AlsCall {
  readonly call: ClientWritableStream<Buffer>;
  readonly result: Promise<ServiceError | null>;
  readonly client: Client;
}

const clients: Client[] = [];
let server: XdsServer | undefined;

function open(address: string): AlsCall {
  const client = new Client(address, credentials.createInsecure());
  clients.push(client);
  let settle: (e: ServiceError | null) => void = () => {};
  const result = new Promise<ServiceError | null>((resolve) => {
    settle = resolve;
  });
  const call = client.makeClientStreamRequest<Buffer, Buffer>(
    PATH,
    (b) => b,
    (b) => b,
    (error, response) => {
      // The response is an empty StreamAccessLogsResponse: zero bytes.
      if (error === null) expect(response?.byteLength).toBe(0);
      settle(error);
    },
  );
  return { call, result, client };
}

function node(id: string): Node {
  return { id, cluster: id.split('~')[2]?.split('-')[0] ?? '' };
}

function entry(path: string, code: number, cluster: string) {
  return {
    common_properties: {
      upstream_cluster: cluster,
      start_time: { seconds: '1764050000', nanos: 5_000_000 },
      time_to_last_downstream_tx_byte: { nanos: 3_000_000 },
    },
    protocol_version: 'HTTP11' as const,
    request: {
      request_method: 'GET' as const,
      path,
      authority: 'reviews:9080',
      request_headers: { 'end-user': 'jason' },
    },
    response: { response_code: { value: code } },
  };
}

const PRODUCTPAGE = 'sidecar~10.0.0.1~productpage-v1-abc.default~default.svc.cluster.local';
const REVIEWS = 'sidecar~10.0.0.4~reviews-v2-abc.default~default.svc.cluster.local';

async function start(sink: AccessLogSink | undefined): Promise<XdsServer> {
  server = await XdsServer.start({ cache: new SnapshotCache(), ...(sink ? { accessLog: sink } : {}) });
  return server;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server?.close(1_000);
  server = undefined;
});

describe('AccessLogService', () => {
  it('the sink sees the identifier with every batch of a call, and the call ends with an empty response', async () => {
    const sink = new RecordingSink();
    const s = await start(sink);
    const { call, result } = open(s.address);
    call.write(
      bytesOf({
        identifier: { node: node(PRODUCTPAGE), log_name: 'http_envoy_accesslog' },
        http_logs: {
          log_entry: [entry('/reviews/0', 200, 'outbound|9080|v2|reviews'), entry('/reviews/1', 503, 'x')],
        },
      }),
    );
    call.write(bytesOf({ http_logs: { log_entry: [entry('/reviews/2', 200, 'outbound|9080|v2|reviews')] } }));
    await sink.until('two batches', () => sink.messages().length === 2);
    call.end();
    expect(await result).toBeNull();
    await sink.until('the end', () => sink.ended().length === 1);

    const [first, second] = sink.messages();
    const id = first?.stream.id ?? -1;
    expect(sink.events[0]).toMatchObject({ kind: 'open', id });
    expect(sink.events[0]?.kind === 'open' && sink.events[0].peer).toMatch(/127\.0\.0\.1:\d+$/);
    for (const m of [first, second]) {
      expect(m?.stream).toMatchObject({ id, logName: 'http_envoy_accesslog', node: { id: PRODUCTPAGE } });
    }
    expect(first?.message.identifier?.log_name).toBe('http_envoy_accesslog');
    expect(second?.message.identifier).toBeUndefined();
    const paths = sink.messages().flatMap((m) => m.message.http_logs?.log_entry?.map((e) => e.request?.path));
    expect(paths).toEqual(['/reviews/0', '/reviews/1', '/reviews/2']);
    expect(first?.message.http_logs?.log_entry?.[1]).toMatchObject({
      common_properties: { upstream_cluster: 'x', start_time: { seconds: '1764050000', nanos: 5_000_000 } },
      request: { request_method: 'GET', request_headers: { 'end-user': 'jason' } },
      response: { response_code: { value: 503 } },
    });
    expect(sink.ended()).toEqual([id]);
  });

  it('several calls keep their identities apart, messages interleaved', async () => {
    const sink = new RecordingSink();
    const s = await start(sink);
    const a = open(s.address);
    const b = open(s.address);
    a.call.write(bytesOf({ identifier: { node: node(PRODUCTPAGE), log_name: 'http_envoy_accesslog' } }));
    b.call.write(bytesOf({ identifier: { node: node(REVIEWS), log_name: 'tcp_envoy_accesslog' } }));
    await sink.until('both identifiers', () => sink.messages().length === 2);
    b.call.write(bytesOf({ http_logs: { log_entry: [entry('/ratings/0', 200, 'ratings')] } }));
    a.call.write(bytesOf({ http_logs: { log_entry: [entry('/reviews/0', 200, 'reviews')] } }));
    b.call.write(bytesOf({ http_logs: { log_entry: [entry('/ratings/1', 200, 'ratings')] } }));
    await sink.until('five batches', () => sink.messages().length === 5);
    a.call.end();
    b.call.end();
    expect(await a.result).toBeNull();
    expect(await b.result).toBeNull();
    await sink.until('both ends', () => sink.ended().length === 2);

    const byNode = new Map<string, { ids: Set<number>; logNames: Set<string>; paths: string[] }>();
    for (const { message, stream } of sink.messages()) {
      const k = stream.node?.id ?? '';
      const v = byNode.get(k) ?? { ids: new Set(), logNames: new Set(), paths: [] };
      v.ids.add(stream.id);
      v.logNames.add(stream.logName ?? '');
      for (const e of message.http_logs?.log_entry ?? []) v.paths.push(e.request?.path ?? '');
      byNode.set(k, v);
    }
    expect([...byNode.keys()].sort()).toEqual([PRODUCTPAGE, REVIEWS]);
    expect(byNode.get(PRODUCTPAGE)).toMatchObject({
      logNames: new Set(['http_envoy_accesslog']),
      paths: ['/reviews/0'],
    });
    expect(byNode.get(REVIEWS)).toMatchObject({
      logNames: new Set(['tcp_envoy_accesslog']),
      paths: ['/ratings/0', '/ratings/1'],
    });
    const idA = [...(byNode.get(PRODUCTPAGE)?.ids ?? [])];
    const idB = [...(byNode.get(REVIEWS)?.ids ?? [])];
    expect(idA).toHaveLength(1);
    expect(idB).toHaveLength(1);
    expect(idA[0]).not.toBe(idB[0]);
    expect(sink.ended().sort()).toEqual([...idA, ...idB].sort());
  });

  it('bytes that do not decode end only that call, with INVALID_ARGUMENT', async () => {
    const sink = new RecordingSink();
    const s = await start(sink);
    const good = open(s.address);
    const bad = open(s.address);
    good.call.write(bytesOf({ identifier: { node: node(PRODUCTPAGE), log_name: 'http_envoy_accesslog' } }));
    bad.call.write(bytesOf({ identifier: { node: node(REVIEWS), log_name: 'http_envoy_accesslog' } }));
    await sink.until('both identifiers', () => sink.messages().length === 2);
    // Field 1 (identifier), length-delimited, claims 5 bytes and has 1.
    bad.call.write(Buffer.from([0x0a, 0x05, 0x01]));
    const error = await bad.result;
    expect(error?.code).toBe(status.INVALID_ARGUMENT);
    expect(error?.details).toMatch(/^StreamAccessLogsMessage does not decode: /);
    const badId = sink.messages().find((m) => m.stream.node?.id === REVIEWS)?.stream.id;
    await sink.until('the bad call ends', () => sink.ended().includes(badId ?? -1));

    good.call.write(bytesOf({ http_logs: { log_entry: [entry('/reviews/9', 200, 'reviews')] } }));
    await sink.until('the good call goes on', () => sink.messages().length === 3);
    expect(sink.messages()[2]?.stream.node?.id).toBe(PRODUCTPAGE);
    expect(sink.messages().filter((m) => m.stream.id === badId)).toHaveLength(1);
    good.call.end();
    expect(await good.result).toBeNull();
  });

  it('close() ends open calls with status OK', async () => {
    const sink = new RecordingSink();
    const s = await start(sink);
    const a = open(s.address);
    a.call.write(bytesOf({ identifier: { node: node(PRODUCTPAGE), log_name: 'http_envoy_accesslog' } }));
    await sink.until('the identifier', () => sink.messages().length === 1);
    await s.close(30_000);
    server = undefined;
    expect(await a.result).toBeNull();
    expect(sink.ended()).toEqual([sink.messages()[0]?.stream.id]);
  });

  it('a sink that throws ends that call with INTERNAL, and still hears its end', async () => {
    const ended: number[] = [];
    const s = await start({
      onMessage: (message) => {
        if (message.identifier?.log_name === 'boom') throw new Error('boom');
      },
      onStreamEnd: (id) => ended.push(id),
    });
    const ok = open(s.address);
    const bad = open(s.address);
    ok.call.write(bytesOf({ identifier: { node: node(PRODUCTPAGE), log_name: 'http_envoy_accesslog' } }));
    bad.call.write(bytesOf({ identifier: { node: node(REVIEWS), log_name: 'boom' } }));
    const error = await bad.result;
    expect(error?.code).toBe(status.INTERNAL);
    expect(error?.details).toBe('access log sink failed: boom');
    expect(ended).toHaveLength(1);
    ok.call.end();
    expect(await ok.result).toBeNull();
    expect(ended).toHaveLength(2);
  });

  it('without accessLog the service is not offered: UNIMPLEMENTED', async () => {
    const s = await start(undefined);
    const a = open(s.address);
    a.call.write(bytesOf({ identifier: { node: node(PRODUCTPAGE), log_name: 'http_envoy_accesslog' } }));
    a.call.end();
    expect((await a.result)?.code).toBe(status.UNIMPLEMENTED);
  });
});
