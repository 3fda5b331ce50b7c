// The ADS client on the wire, against a bare node:http2 server on 127.0.0.1 that plays the control plane: the
// requests are gRPC messages the model's codec decodes as DiscoveryRequests (the node on the first only), a
// response is ACKed with its nonce, a response that is not a DiscoveryResponse fails the stream (the client
// resets it and dials again, keeping its versions), and a stream the server ends reconnects.
import { createServer, type Http2Server, type ServerHttp2Stream } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { type DiscoveryRequest, decode, encode } from '@minimesh/model/xds';
import { afterEach, describe, expect, it } from 'vitest';
import { AdsClient, type XdsSink } from '../../src/xds/ads-client.js';
import { XdsType } from '../../src/xds/ads-method.js';
import { frameMessage, GrpcMessageReader } from '../../src/xds/grpc-frame.js';
import { buildNode } from '../../src/xds/node-identity.js';
import { NODE_ID } from '../helpers/resources.js';

interface Call {
  readonly stream: ServerHttp2Stream;
  readonly requests: DiscoveryRequest[];
  readonly closed: Promise<number>;
}

const open: { server?: Http2Server; client?: AdsClient } = {};

afterEach(async () => {
  open.client?.close();
  const server = open.server;
  if (server !== undefined) await new Promise<void>((r) => server.close(() => r()));
});

async function controlPlane() {
  const server = createServer();
  open.server = server;
  const calls: Call[] = [];
  server.on('stream', (stream) => {
    const reader = new GrpcMessageReader();
    const requests: DiscoveryRequest[] = [];
    stream.on('data', (chunk: Buffer) => {
      for (const m of reader.push(chunk)) {
        requests.push(decode('envoy.service.discovery.v3.DiscoveryRequest', m) as DiscoveryRequest);
      }
    });
    stream.on('error', () => undefined);
    const closed = new Promise<number>((r) => stream.once('close', () => r(stream.rstCode ?? 0)));
    stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
    stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
    calls.push({ stream, requests, closed });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { address: `127.0.0.1:${(server.address() as AddressInfo).port}`, calls };
}

function sink() {
  const events: string[] = [];
  const applied: string[] = [];
  const s: XdsSink = {
    apply: (update, version) => {
      applied.push(`${update.type}@${version}`);
    },
    subscriptions: () => [],
    connectionChanged: (connected) => events.push(connected ? 'up' : 'down'),
  };
  return { s, events, applied };
}

/** An AdsClient for NODE_ID on `address`, started, closed after the test. */
async function startClient(
  address: string,
  s: ReturnType<typeof sink>['s'],
  backoff?: { baseMs: number; maxMs: number },
): Promise<AdsClient> {
  const client = new AdsClient(
    { address, node: buildNode({ nodeId: NODE_ID }), ...(backoff === undefined ? {} : { backoff }) },
    s,
  );
  open.client = client;
  client.start();
  return client;
}

function until(check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const poll = () => (check() ? resolve() : setTimeout(poll, 2));
    poll();
  });
}

function response(versionInfo: string, nonce: string): Buffer {
  return frameMessage(
    encode('envoy.service.discovery.v3.DiscoveryResponse', {
      version_info: versionInfo,
      type_url: XdsType.cluster,
      nonce,
      resources: [],
    }),
  );
}

describe('ADS client on the wire', () => {
  it('sends gRPC DiscoveryRequests, the node first, and ACKs with the nonce', async () => {
    const cp = await controlPlane();
    const { s, events, applied } = sink();
    const client = await startClient(cp.address, s);
    await until(() => (cp.calls[0]?.requests.length ?? 0) >= 2);
    const call = cp.calls[0] as Call;
    expect(call.requests.map((r) => r.type_url)).toEqual([XdsType.cluster, XdsType.listener]);
    expect(call.requests[0]?.node?.id).toBe(NODE_ID);
    expect(call.requests[1]?.node).toBeUndefined();
    expect(events).toEqual(['up']);
    call.stream.write(response('v1', 'n1'));
    await until(() => call.requests.length === 3);
    expect(applied).toEqual([`${XdsType.cluster}@v1`]);
    expect(call.requests[2]).toMatchObject({
      type_url: XdsType.cluster,
      version_info: 'v1',
      response_nonce: 'n1',
    });
    expect(call.requests[2]?.error_detail).toBeUndefined();
    expect(client.typeState(XdsType.cluster).acks).toBe(1);
  });

  it('resets a stream whose response does not decode, dials again and resends its versions', async () => {
    const cp = await controlPlane();
    const { s, events } = sink();
    await startClient(cp.address, s, { baseMs: 1, maxMs: 5 });
    await until(() => cp.calls.length === 1);
    const first = cp.calls[0] as Call;
    first.stream.write(response('v7', 'n1'));
    await until(() => first.requests.length === 3);
    // A length-delimited field that runs past the end: not a DiscoveryResponse.
    first.stream.write(frameMessage(Buffer.from([0x0a, 0x05, 0x61])));
    expect(await first.closed).toBe(8); // NGHTTP2_CANCEL
    await until(() => (cp.calls[1]?.requests.length ?? 0) >= 2);
    const second = cp.calls[1] as Call;
    expect(second.requests[0]).toMatchObject({ type_url: XdsType.cluster, version_info: 'v7' });
    expect(second.requests[0]?.response_nonce).toBeUndefined();
    expect(second.requests[0]?.node?.id).toBe(NODE_ID);
    expect(events).toEqual(['up', 'down', 'up']);
  });

  it('reconnects when the server ends the stream with a status', async () => {
    const cp = await controlPlane();
    const { s, events } = sink();
    const client = await startClient(cp.address, s, { baseMs: 1, maxMs: 5 });
    await until(() => cp.calls.length === 1);
    (cp.calls[0] as Call).stream.end();
    await until(() => cp.calls.length === 2 && client.connected);
    expect(events).toEqual(['up', 'down', 'up']);
    client.close();
    expect(client.connected).toBe(false);
    expect(await (cp.calls[1] as Call).closed).toBe(8);
  });
});
