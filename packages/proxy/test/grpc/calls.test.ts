// gRPC through one proxy and through two proxies in series (client sidecar -> server sidecar's inbound listener),
// with @grpc/grpc-js on both ends: the four call kinds, error statuses, deadlines (the client's deadline cancels
// the call through every hop) and retries of UNAVAILABLE under Istio's default retry policy.
import { type Client, status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/harness.js';
import { type GrpcServer, grpcClient, identity, SERVICE, startGrpcServer, unary } from './grpc-fixture.js';
import { startTopology, type Topology, type TopologyKind } from './topology.js';

describe.each<TopologyKind>(['one proxy', 'two proxies'])('gRPC through %s', (kind) => {
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

  it('carries unary calls and error statuses', async () => {
    expect(await unary(client, 'mesh')).toEqual({ reply: 'hello mesh' });
    expect(await unary(client, 'missing')).toEqual({ code: status.NOT_FOUND, details: 'no such thing' });
    const log = topology.client.logs.at(-1);
    expect(log?.protocol).toBe('HTTP/2');
    expect(log?.responseCode).toBe(200);
    if (topology.server !== undefined)
      expect(topology.server.logs.at(-1)?.upstreamCluster).toBe('inbound|50051||');
  });

  it('streams server messages in order', async () => {
    const call = client.makeServerStreamRequest(
      `${SERVICE}/Stream`,
      identity,
      identity,
      Buffer.from('50x1000'),
    );
    let n = 0;
    let bytes = 0;
    for await (const m of call) {
      n++;
      bytes += (m as Buffer).length;
    }
    expect([n, bytes]).toEqual([50, 50_000]);
  });

  it('streams client messages and answers once', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const call = client.makeClientStreamRequest(`${SERVICE}/Collect`, identity, identity, (err, v) =>
        err ? reject(err) : resolve(v?.toString() ?? ''),
      );
      for (let i = 0; i < 30; i++) call.write(Buffer.alloc(2000, 97));
      call.end();
    });
    expect(reply).toBe('30 messages, 60000 bytes');
  });

  it('carries a bidi stream message by message (each reply before the next request)', async () => {
    const call = client.makeBidiStreamRequest(`${SERVICE}/Chat`, identity, identity);
    const replies: string[] = [];
    for (let i = 0; i < 10; i++) {
      // The next message goes only after the previous echo arrived: nothing may wait for the request's end.
      const next = new Promise<Buffer>((resolve) => call.once('data', resolve));
      call.write(Buffer.from(`m${i}`));
      replies.push((await next).toString());
    }
    call.end();
    await new Promise((resolve) => call.on('end', resolve).resume());
    expect(replies).toEqual(Array.from({ length: 10 }, (_, i) => `echo:m${i}`));
  });

  it('ends a call at its deadline with DEADLINE_EXCEEDED and cancels it at the server', async () => {
    const r = await unary(client, 'slow:3000', 300);
    // Two timers end the call at the same instant: the client's own deadline (DEADLINE_EXCEEDED) and the client
    // sidecar's router timeout, which grpc-timeout sets to the same deadline (max_grpc_timeout 0) and which Envoy
    // answers 504, UNAVAILABLE in gRPC form. The client's usually fires first; on a loaded machine either can, as
    // with Envoy, so both outcomes are right, and either way the server's call is cancelled.
    expect(
      r.code === status.DEADLINE_EXCEEDED ||
        (r.code === status.UNAVAILABLE && r.details === 'upstream request timeout'),
    ).toBe(true);
    await waitFor(() => server.cancelled.includes('slow:3000'), 3_000, 'the server to see the cancellation');
  });

  it('retries UNAVAILABLE twice and succeeds (retry_on unavailable, num_retries 2)', async () => {
    const key = kind.replace(' ', '-');
    expect(await unary(client, `flaky:${key}:2`)).toEqual({ reply: 'hello after 3 tries' });
    expect(server.attempts.get(key)).toBe(3);
    const stats = topology.client.proxy.stats;
    expect(
      stats.value('cluster.outbound|50051||echo.default.svc.cluster.local.upstream_rq_retry'),
    ).toBeGreaterThanOrEqual(2);
  });

  it('gives up after num_retries with the last status (flag URX)', async () => {
    const key = `${kind.replace(' ', '-')}-exhausted`;
    expect(await unary(client, `flaky:${key}:5`)).toMatchObject({
      code: status.UNAVAILABLE,
      details: 'try 3 fails',
    });
    expect(server.attempts.get(key)).toBe(3);
    expect(topology.client.logs.at(-1)?.responseFlags).toBe('URX');
  });

  it('does not retry a status outside retry_on (NOT_FOUND)', async () => {
    const before = server.metadata.length;
    expect((await unary(client, 'missing')).code).toBe(status.NOT_FOUND);
    expect(server.metadata.length).toBe(before + 1);
  });
});
