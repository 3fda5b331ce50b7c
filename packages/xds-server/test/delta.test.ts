import { type DeltaDiscoveryResponse, TypeUrl } from '@minimesh/model';
import { describe, expect, it } from 'vitest';
import { SnapshotCache, type SnapshotResources } from '../src/index.js';
import { openDelta, startServer, until } from './helpers/harness.js';
import { edsCluster, endpoints, rdsListener, route } from './helpers/resources.js';

const NODE = { id: 'node-d' };

function base(): SnapshotResources {
  return {
    clusters: [edsCluster('a'), edsCluster('b')],
    endpoints: [endpoints('a', [9001]), endpoints('b', [9002])],
    listeners: [rdsListener('l1', 'r1')],
    routes: [route('r1', 'a.test', 'a')],
  };
}

async function setup(resources: SnapshotResources = base()) {
  const cache = new SnapshotCache({ debounce: { delayMs: 0 } });
  cache.setSnapshot(NODE.id, resources);
  const server = await startServer({ cache });
  return { cache, server, client: openDelta(server) };
}

function names(r: DeltaDiscoveryResponse): string[] {
  return (r.resources ?? []).map((x) => x.name ?? '').sort();
}

describe('delta ADS', () => {
  it('serves a wildcard first request with every resource and its version', async () => {
    const { client } = await setup();
    client.send({ node: NODE, type_url: TypeUrl.CLUSTER });
    const r = await client.next();
    expect(names(r)).toEqual(['a', 'b']);
    expect(r.resources?.[0]?.version).toMatch(/^[0-9a-f]{16}$/);
    expect(r.removed_resources ?? []).toEqual([]);
    client.send({ type_url: TypeUrl.CLUSTER, response_nonce: r.nonce });
    await client.expectNone();
  });

  it('treats a first request without names as wildcard for LDS and CDS only', async () => {
    const { client } = await setup();
    client.send({ node: NODE, type_url: TypeUrl.CLUSTER_LOAD_ASSIGNMENT });
    await client.expectNone(150);
    client.send({ type_url: TypeUrl.LISTENER });
    expect(names(await client.next())).toEqual(['l1']);
  });

  it('sends only changed resources, and removals as removed_resources', async () => {
    const { cache, client } = await setup();
    client.send({ node: NODE, type_url: TypeUrl.CLUSTER });
    const r1 = await client.next();
    client.send({ type_url: TypeUrl.CLUSTER, response_nonce: r1.nonce });
    cache.setSnapshot(NODE.id, {
      ...base(),
      clusters: [{ ...edsCluster('a'), connect_timeout: { seconds: '2' } }],
      endpoints: [endpoints('a', [9001])],
    });
    const r2 = await client.next();
    expect(names(r2)).toEqual(['a']);
    expect(r2.removed_resources).toEqual(['b']);
  });

  it('follows subscribe and unsubscribe', async () => {
    const { cache, client } = await setup();
    client.send({ node: NODE, type_url: TypeUrl.CLUSTER_LOAD_ASSIGNMENT, resource_names_subscribe: ['a'] });
    const r1 = await client.next();
    expect(names(r1)).toEqual(['a']);
    client.send({
      type_url: TypeUrl.CLUSTER_LOAD_ASSIGNMENT,
      response_nonce: r1.nonce,
      resource_names_subscribe: ['b'],
    });
    const r2 = await client.next();
    expect(names(r2)).toEqual(['b']);
    client.send({
      type_url: TypeUrl.CLUSTER_LOAD_ASSIGNMENT,
      response_nonce: r2.nonce,
      resource_names_unsubscribe: ['a'],
    });
    await client.expectNone(150);
    cache.setSnapshot(NODE.id, { ...base(), endpoints: [endpoints('a', [9101]), endpoints('b', [9002])] });
    await client.expectNone(150);
    cache.setSnapshot(NODE.id, { ...base(), endpoints: [endpoints('a', [9101]), endpoints('b', [9102])] });
    expect(names(await client.next())).toEqual(['b']);
  });

  it('follows the explicit wildcard and its unsubscription', async () => {
    const { cache, client } = await setup();
    client.send({ node: NODE, type_url: TypeUrl.CLUSTER, resource_names_subscribe: ['*'] });
    const r1 = await client.next();
    expect(names(r1)).toEqual(['a', 'b']);
    client.send({
      type_url: TypeUrl.CLUSTER,
      response_nonce: r1.nonce,
      resource_names_subscribe: ['a'],
      resource_names_unsubscribe: ['*'],
    });
    await client.expectNone(150);
    cache.setSnapshot(NODE.id, {
      ...base(),
      clusters: [edsCluster('a'), edsCluster('b'), edsCluster('c', 'a')],
    });
    await client.expectNone(150);
    cache.setSnapshot(NODE.id, {
      ...base(),
      clusters: [{ ...edsCluster('a'), connect_timeout: { seconds: '3' } }, edsCluster('b')],
    });
    expect(names(await client.next())).toEqual(['a']);
  });

  it('confirms a resource unsubscribed by name while the wildcard still covers it', async () => {
    const { client } = await setup();
    client.send({ node: NODE, type_url: TypeUrl.CLUSTER, resource_names_subscribe: ['*', 'a'] });
    const r1 = await client.next();
    expect(names(r1)).toEqual(['a', 'b']);
    client.send({ type_url: TypeUrl.CLUSTER, response_nonce: r1.nonce, resource_names_unsubscribe: ['a'] });
    const r2 = await client.next();
    expect([names(r2), r2.removed_resources ?? []]).toEqual([['a'], []]);
  });

  it('sends a resource again when it is unsubscribed and subscribed again', async () => {
    const { client } = await setup();
    client.send({ node: NODE, type_url: TypeUrl.CLUSTER_LOAD_ASSIGNMENT, resource_names_subscribe: ['a'] });
    const r1 = await client.next();
    const t = TypeUrl.CLUSTER_LOAD_ASSIGNMENT;
    client.send({ type_url: t, response_nonce: r1.nonce, resource_names_unsubscribe: ['a'] });
    await client.expectNone(100);
    client.send({ type_url: t, resource_names_subscribe: ['a'] });
    expect(names(await client.next())).toEqual(['a']);
  });

  it('sends names subscribed before they exist when they appear', async () => {
    const { cache, client } = await setup();
    client.send({ node: NODE, type_url: TypeUrl.ROUTE_CONFIGURATION, resource_names_subscribe: ['later'] });
    await client.expectNone();
    cache.setSnapshot(NODE.id, { ...base(), routes: [route('r1', 'a.test', 'a'), route('later', 'x', 'b')] });
    expect(names(await client.next())).toEqual(['later']);
  });

  it('honours initial_resource_versions on reconnect', async () => {
    const first = await setup();
    first.client.send({ node: NODE, type_url: TypeUrl.CLUSTER });
    const r1 = await first.client.next();
    const versionOfA = r1.resources?.find((x) => x.name === 'a')?.version ?? '';
    await first.server.close();
    const second = await setup({ ...base(), clusters: [edsCluster('a'), edsCluster('c', 'b')] });
    second.client.send({
      node: NODE,
      type_url: TypeUrl.CLUSTER,
      initial_resource_versions: { a: versionOfA, b: 'old' },
    });
    const r2 = await second.client.next();
    expect(names(r2)).toEqual(['c']);
    expect(r2.removed_resources).toEqual(['b']);
  });

  it('records a NACK and does not resend the NACKed resource until it changes', async () => {
    const { cache, server, client } = await setup();
    client.send({ node: NODE, type_url: TypeUrl.CLUSTER });
    const r1 = await client.next();
    client.send({ type_url: TypeUrl.CLUSTER, response_nonce: r1.nonce });
    await until(() => server.proxyStatus()[0]?.types[0]?.status === 'SYNCED');
    const acked = server.proxyStatus()[0]?.types[0]?.ackedVersion;
    const changed = { ...edsCluster('a'), connect_timeout: { seconds: '5' } };
    cache.setSnapshot(NODE.id, { ...base(), clusters: [changed, edsCluster('b')] });
    const r2 = await client.next();
    client.send({
      type_url: TypeUrl.CLUSTER,
      response_nonce: r2.nonce,
      error_detail: { code: 3, message: 'no' },
    });
    await until(() => server.proxyStatus()[0]?.types[0]?.status === 'NACK');
    expect(server.proxyStatus()[0]?.types[0]).toMatchObject({ ackedVersion: acked, nackMessage: 'no' });
    cache.setSnapshot(NODE.id, { ...base(), clusters: [changed, edsCluster('b')] });
    await client.expectNone();
  });

  it('sends routes only once the client subscribed to the endpoints of a new cluster', async () => {
    const { cache, client } = await setup();
    const subs: [string, string[]][] = [
      [TypeUrl.CLUSTER, []],
      [TypeUrl.CLUSTER_LOAD_ASSIGNMENT, ['a', 'b']],
      [TypeUrl.ROUTE_CONFIGURATION, ['r1']],
    ];
    for (const [type_url, resource_names_subscribe] of subs) {
      client.send({ node: NODE, type_url, resource_names_subscribe });
      const r = await client.next();
      client.send({ type_url, response_nonce: r.nonce });
    }
    cache.setSnapshot(NODE.id, {
      ...base(),
      clusters: [edsCluster('a'), edsCluster('b'), edsCluster('c')],
      endpoints: [endpoints('a', [9001]), endpoints('b', [9002]), endpoints('c', [9003])],
      routes: [route('r1', 'a.test', 'c')],
    });
    const cds = await client.next();
    expect([cds.type_url, names(cds)]).toEqual([TypeUrl.CLUSTER, ['c']]);
    await client.expectNone(200);
    client.send({ type_url: TypeUrl.CLUSTER_LOAD_ASSIGNMENT, resource_names_subscribe: ['c'] });
    const eds = await client.next();
    expect([eds.type_url, names(eds)]).toEqual([TypeUrl.CLUSTER_LOAD_ASSIGNMENT, ['c']]);
    const rds = await client.next();
    expect([rds.type_url, names(rds)]).toEqual([TypeUrl.ROUTE_CONFIGURATION, ['r1']]);
  });

  it('sends cluster removals after listeners and routes (make before break)', async () => {
    const { cache, client } = await setup();
    const subs: [string, string[]][] = [
      [TypeUrl.CLUSTER, []],
      [TypeUrl.LISTENER, []],
      [TypeUrl.ROUTE_CONFIGURATION, ['r1']],
    ];
    for (const [type_url, resource_names_subscribe] of subs) {
      client.send({ node: NODE, type_url, resource_names_subscribe });
      const r = await client.next();
      client.send({ type_url, response_nonce: r.nonce });
    }
    cache.setSnapshot(NODE.id, {
      clusters: [edsCluster('b'), edsCluster('c', 'b')],
      endpoints: [endpoints('b', [9002])],
      listeners: [rdsListener('l1', 'r1')],
      routes: [route('r1', 'a.test', 'c')],
    });
    const order: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await client.next();
      order.push(`${r.type_url}:${names(r).join(',')}:-${(r.removed_resources ?? []).join(',')}`);
    }
    expect(order).toEqual([
      `${TypeUrl.CLUSTER}:c:-`,
      `${TypeUrl.ROUTE_CONFIGURATION}:r1:-`,
      `${TypeUrl.CLUSTER}::-a`,
    ]);
  });
});
