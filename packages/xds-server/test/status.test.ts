import { Client, credentials, Metadata, type ServiceError } from '@grpc/grpc-js';
import {
  type ClientStatusRequest,
  type ClientStatusResponse,
  decode,
  encode,
  TypeUrl,
} from '@minimesh/model';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { SnapshotCache, type SnapshotResources, type StreamInfo } from '../src/index.js';
import { XdsTestStream } from './helpers/ads-client.js';
import { openSotw, startServer, until } from './helpers/harness.js';
import { edsCluster, endpoints, rdsListener, route } from './helpers/resources.js';

const NODE = { id: 'node-s', cluster: 'c1', metadata: { fields: { ROLE: { stringValue: 'sidecar' } } } };

function base(): SnapshotResources {
  return {
    clusters: [edsCluster('a')],
    endpoints: [endpoints('a', [9001])],
    listeners: [rdsListener('l1', 'r1')],
    routes: [route('r1', 'a.test', 'a')],
  };
}

async function fetchClientStatus(address: string, nodeId?: string): Promise<ClientStatusResponse> {
  const client = new Client(address, credentials.createInsecure());
  try {
    return await new Promise<ClientStatusResponse>((resolve, reject) => {
      client.makeUnaryRequest(
        '/envoy.service.status.v3.ClientStatusDiscoveryService/FetchClientStatus',
        (v: object) => Buffer.from(encode('envoy.service.status.v3.ClientStatusRequest', v)),
        (b: Buffer) => decode('envoy.service.status.v3.ClientStatusResponse', b) as ClientStatusResponse,
        nodeId === undefined ? {} : { node_matchers: [{ node_id: { exact: nodeId } }] },
        new Metadata(),
        (error: ServiceError | null, value?: ClientStatusResponse) =>
          error || value === undefined ? reject(error) : resolve(value),
      );
    });
  } finally {
    client.close();
  }
}

describe('proxy status, CSDS, hooks and metrics', () => {
  it('reports node, stream times and per-type versions as SYNCED, STALE or NACK', async () => {
    const cache = new SnapshotCache({ debounce: { delayMs: 0 } });
    cache.setSnapshot(NODE.id, base());
    const server = await startServer({ cache });
    const client = openSotw(server);
    const before = Date.now();
    client.send({ node: NODE, type_url: TypeUrl.CLUSTER });
    const r1 = await client.next();
    await until(() => server.proxyStatus()[0]?.types[0]?.status === 'STALE');
    client.send({ type_url: TypeUrl.CLUSTER, version_info: r1.version_info, response_nonce: r1.nonce });
    await until(() => server.proxyStatus()[0]?.types[0]?.status === 'SYNCED');
    const status = server.proxyStatus()[0];
    expect(status).toMatchObject({ nodeId: 'node-s', nodeKey: 'node-s', protocol: 'sotw' });
    expect(status?.node?.metadata).toEqual(NODE.metadata);
    expect(status?.streamStart.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    expect(status?.lastRequest).toBeInstanceOf(Date);
    expect(status?.types[0]).toMatchObject({ sentVersion: r1.version_info, ackedVersion: r1.version_info });
    client.send({ type_url: TypeUrl.ROUTE_CONFIGURATION, resource_names: ['nope'] });
    await until(() => server.proxyStatus()[0]?.types.some((t) => t.status === 'NOT_SENT') === true);
  });

  it('serves CSDS with per-resource config status and NACK details', async () => {
    const cache = new SnapshotCache({ debounce: { delayMs: 0 } });
    cache.setSnapshot(NODE.id, base());
    cache.setSnapshot('other', base());
    const server = await startServer({ cache });
    const client = openSotw(server);
    client.send({ node: NODE, type_url: TypeUrl.CLUSTER });
    const r1 = await client.next();
    client.send({ type_url: TypeUrl.CLUSTER, response_nonce: r1.nonce });
    client.send({ type_url: TypeUrl.LISTENER });
    const r2 = await client.next();
    client.send({
      type_url: TypeUrl.LISTENER,
      response_nonce: r2.nonce,
      error_detail: { message: 'bad listener' },
    });
    const other = openSotw(server);
    other.send({ node: { id: 'other' }, type_url: TypeUrl.CLUSTER });
    await other.next();
    await until(() => server.proxyStatus()[0]?.types[1]?.status === 'NACK');
    const response = await fetchClientStatus(server.address, NODE.id);
    expect(response.config?.length).toBe(1);
    const configs = response.config?.[0]?.generic_xds_configs ?? [];
    expect(response.config?.[0]?.node?.id).toBe('node-s');
    expect(configs.map((c) => [c.type_url, c.name, c.config_status, c.client_status])).toEqual([
      [TypeUrl.CLUSTER, 'a', 'SYNCED', 'ACKED'],
      [TypeUrl.LISTENER, 'l1', 'ERROR', 'NACKED'],
    ]);
    expect(configs[1]?.error_state?.details).toBe('bad listener');
    expect((configs[0]?.xds_config as { name?: string } | undefined)?.name).toBe('a');
    expect((await fetchClientStatus(server.address)).config?.length).toBe(2);
    expect(server.clientStatus({ node: { id: 'other' } }).config?.map((c) => c.node?.id)).toEqual(['other']);
  });

  it('answers CSDS on a stream, once per request', async () => {
    const cache = new SnapshotCache({ debounce: { delayMs: 0 } });
    cache.setSnapshot(NODE.id, base());
    const server = await startServer({ cache });
    const xds = openSotw(server);
    xds.send({ node: NODE, type_url: TypeUrl.CLUSTER });
    await xds.next();
    const csds = new XdsTestStream<ClientStatusRequest, ClientStatusResponse>(
      server.address,
      '/envoy.service.status.v3.ClientStatusDiscoveryService/StreamClientStatus',
      'envoy.service.status.v3.ClientStatusRequest',
      'envoy.service.status.v3.ClientStatusResponse',
    );
    try {
      csds.send({ exclude_resource_contents: true });
      const first = await csds.next();
      expect(
        first.config?.[0]?.generic_xds_configs?.map((c) => [c.name, c.client_status, c.xds_config]),
      ).toEqual([['a', 'REQUESTED', undefined]]);
      csds.send({ node: { id: 'nobody' } });
      expect((await csds.next()).config ?? []).toEqual([]);
    } finally {
      csds.close();
    }
  });

  it('calls the hooks and counts pushes, NACKs and connected proxies on the given registry', async () => {
    const cache = new SnapshotCache({ debounce: { delayMs: 0 } });
    cache.setSnapshot(NODE.id, base());
    const events: string[] = [];
    const registry = new Registry();
    const server = await startServer({
      cache,
      metrics: { registry, prefix: 'test_xds_' },
      callbacks: {
        onStreamOpen: (i: StreamInfo) => events.push(`open:${i.protocol}`),
        onStreamRequest: () => events.push('request'),
        onStreamResponse: () => events.push('response'),
        onStreamClose: (_i, nodeId) => events.push(`close:${nodeId}`),
      },
    });
    const client = openSotw(server);
    client.send({ node: NODE, type_url: TypeUrl.CLUSTER });
    const r1 = await client.next();
    client.send({ type_url: TypeUrl.CLUSTER, response_nonce: r1.nonce, error_detail: { message: 'x' } });
    await until(() => events.length >= 4);
    const text = await registry.metrics();
    expect(text).toContain(`test_xds_pushes_total{type_url="${TypeUrl.CLUSTER}"} 1`);
    expect(text).toContain(`test_xds_nacks_total{type_url="${TypeUrl.CLUSTER}"} 1`);
    expect(text).toContain('test_xds_connected_proxies 1');
    expect(text).toContain('test_xds_push_duration_seconds_count');
    client.close();
    await until(() => events.includes('close:node-s'));
    expect(events).toEqual(['open:sotw', 'request', 'response', 'request', 'close:node-s']);
    expect(await registry.metrics()).toContain('test_xds_connected_proxies 0');
  });

  it('keeps serving when a hook throws', async () => {
    const cache = new SnapshotCache({ debounce: { delayMs: 0 } });
    cache.setSnapshot(NODE.id, base());
    const errors: unknown[] = [];
    const server = await startServer({
      cache,
      callbacks: {
        onStreamRequest: () => {
          throw new Error('hook failed');
        },
        onHookError: (e) => errors.push(e),
      },
    });
    const client = openSotw(server);
    client.send({ node: NODE, type_url: TypeUrl.CLUSTER });
    expect((await client.next()).type_url).toBe(TypeUrl.CLUSTER);
    expect(errors.length).toBe(1);
  });
});
