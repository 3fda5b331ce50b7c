import { type ClusterLoadAssignment, TypeUrl } from '@minimesh/model';
import { describe, expect, it } from 'vitest';
import { InconsistentSnapshotError, SnapshotCache, type SnapshotResources } from '../src/index.js';
import { namesOf, type SotwClient } from './helpers/ads-client.js';
import { openSotw, startServer, until } from './helpers/harness.js';
import { edsCluster, endpoints, rdsListener, route } from './helpers/resources.js';

const NODE = { id: 'node-1', cluster: 'test' };

function base(): SnapshotResources {
  return {
    clusters: [edsCluster('a')],
    endpoints: [endpoints('a', [9001])],
    listeners: [rdsListener('l1', 'r1')],
    routes: [route('r1', 'a.test', 'a')],
  };
}

async function setup(resources: SnapshotResources = base()) {
  const cache = new SnapshotCache({ debounce: { delayMs: 0 } });
  cache.setSnapshot(NODE.id, resources);
  const server = await startServer({ cache });
  return { cache, server, client: openSotw(server) };
}

describe('state of the world ADS', () => {
  it('answers the initial request, then stays quiet after the ACK', async () => {
    const { client } = await setup();
    client.send({ node: NODE, type_url: TypeUrl.CLUSTER });
    const r = await client.next();
    expect(r.type_url).toBe(TypeUrl.CLUSTER);
    expect(namesOf(r)).toEqual(['a']);
    expect(r.version_info).toMatch(/^[0-9a-f]{16}$/);
    expect(r.nonce).not.toBe('');
    client.send({ type_url: TypeUrl.CLUSTER, version_info: r.version_info, response_nonce: r.nonce });
    await client.expectNone();
  });

  it('gives every response its own nonce', async () => {
    const { cache, client } = await setup();
    client.send({ node: NODE, type_url: TypeUrl.CLUSTER });
    const r1 = await client.next();
    client.send({ type_url: TypeUrl.CLUSTER, version_info: r1.version_info, response_nonce: r1.nonce });
    cache.setSnapshot(NODE.id, { ...base(), clusters: [edsCluster('a'), edsCluster('b', 'a')] });
    const r2 = await client.next();
    expect(namesOf(r2)).toEqual(['a', 'b']);
    expect(r2.nonce).not.toBe(r1.nonce);
    expect(r2.version_info).not.toBe(r1.version_info);
  });

  it('treats error_detail as a NACK: keeps the ACKed version and does not resend the NACKed one', async () => {
    const { cache, server, client } = await setup();
    client.send({ node: NODE, type_url: TypeUrl.CLUSTER });
    const r1 = await client.next();
    client.send({ type_url: TypeUrl.CLUSTER, version_info: r1.version_info, response_nonce: r1.nonce });
    await until(() => server.proxyStatus()[0]?.types[0]?.status === 'SYNCED');
    cache.setSnapshot(NODE.id, { ...base(), clusters: [edsCluster('a'), edsCluster('b', 'a')] });
    const r2 = await client.next();
    client.send({
      type_url: TypeUrl.CLUSTER,
      version_info: r1.version_info,
      response_nonce: r2.nonce,
      error_detail: { code: 3, message: 'cluster b: bad config' },
    });
    await client.expectNone();
    const cds = server.proxyStatus()[0]?.types.find((t) => t.typeUrl === TypeUrl.CLUSTER);
    expect(cds).toMatchObject({
      ackedVersion: r1.version_info,
      nackedVersion: r2.version_info,
      nackMessage: 'cluster b: bad config',
      status: 'NACK',
    });
    // The same content set again is still not resent; new content is.
    cache.setSnapshot(NODE.id, { ...base(), clusters: [edsCluster('a'), edsCluster('b', 'a')] });
    await client.expectNone();
    cache.setSnapshot(NODE.id, { ...base(), clusters: [edsCluster('a'), edsCluster('c', 'a')] });
    const r3 = await client.next();
    expect(namesOf(r3)).toEqual(['a', 'c']);
  });

  it('judges ACK by error_detail, never by version_info', async () => {
    const { server, client } = await setup();
    client.send({ node: NODE, type_url: TypeUrl.CLUSTER });
    const r1 = await client.next();
    client.send({ type_url: TypeUrl.CLUSTER, version_info: 'something-else', response_nonce: r1.nonce });
    await client.expectNone(150);
    const cds = server.proxyStatus()[0]?.types.find((t) => t.typeUrl === TypeUrl.CLUSTER);
    expect(cds).toMatchObject({ ackedVersion: r1.version_info, status: 'SYNCED', nackedVersion: undefined });
  });

  it('ignores a request with a stale nonce', async () => {
    const { cache, client } = await setup({
      ...base(),
      endpoints: [endpoints('a', [9001]), endpoints('b', [9002])],
    });
    client.send({ node: NODE, type_url: TypeUrl.CLUSTER_LOAD_ASSIGNMENT, resource_names: ['a'] });
    const r1 = await client.next();
    cache.setSnapshot(NODE.id, { ...base(), endpoints: [endpoints('a', [9003]), endpoints('b', [9002])] });
    const r2 = await client.next();
    expect(r2.nonce).not.toBe(r1.nonce);
    // Stale: answers r1 although r2 was sent; the new name in it must not be served.
    client.send({
      type_url: TypeUrl.CLUSTER_LOAD_ASSIGNMENT,
      resource_names: ['a', 'b'],
      response_nonce: r1.nonce,
    });
    await client.expectNone();
    client.send({
      type_url: TypeUrl.CLUSTER_LOAD_ASSIGNMENT,
      resource_names: ['a', 'b'],
      response_nonce: r2.nonce,
    });
    expect(namesOf(await client.next())).toEqual(['a', 'b']);
  });

  it('answers exactly the requested names that exist', async () => {
    const { client } = await setup({
      ...base(),
      endpoints: [endpoints('a', [9001]), endpoints('b', [9002])],
    });
    client.send({ node: NODE, type_url: TypeUrl.CLUSTER_LOAD_ASSIGNMENT, resource_names: ['a', 'missing'] });
    const r = await client.next();
    expect(namesOf(r)).toEqual(['a']);
  });

  it('remembers names requested before they exist and sends them when they appear', async () => {
    const { cache, client } = await setup();
    client.send({ node: NODE, type_url: TypeUrl.ROUTE_CONFIGURATION, resource_names: ['later'] });
    await client.expectNone();
    cache.setSnapshot(NODE.id, { ...base(), routes: [route('r1', 'a.test', 'a'), route('later', 'x', 'a')] });
    const r = await client.next();
    expect(namesOf(r)).toEqual(['later']);
  });

  it('serves the legacy wildcard for LDS and CDS only, and the explicit wildcard', async () => {
    const { client } = await setup();
    client.send({ node: NODE, type_url: TypeUrl.LISTENER });
    expect(namesOf(await client.next())).toEqual(['l1']);
    client.send({ type_url: TypeUrl.ROUTE_CONFIGURATION });
    await client.expectNone();
    client.send({ type_url: TypeUrl.CLUSTER_LOAD_ASSIGNMENT, resource_names: ['*'] });
    expect(namesOf(await client.next())).toEqual(['a']);
  });

  it('drops a listener from the wildcard answer when it is removed', async () => {
    const { cache, client } = await setup();
    client.send({ node: NODE, type_url: TypeUrl.LISTENER });
    const r1 = await client.next();
    client.send({ type_url: TypeUrl.LISTENER, version_info: r1.version_info, response_nonce: r1.nonce });
    cache.setSnapshot(NODE.id, { ...base(), listeners: [] });
    const r2 = await client.next();
    expect(namesOf(r2)).toEqual([]);
  });

  /** Subscribes CDS, EDS [a], LDS and RDS [r1] and ACKs each answer. */
  async function subscribeAll(client: SotwClient): Promise<void> {
    const subscribe: [string, string[]][] = [
      [TypeUrl.CLUSTER, []],
      [TypeUrl.CLUSTER_LOAD_ASSIGNMENT, ['a']],
      [TypeUrl.LISTENER, []],
      [TypeUrl.ROUTE_CONFIGURATION, ['r1']],
    ];
    for (const [type_url, resource_names] of subscribe) {
      client.send({ node: NODE, type_url, resource_names });
      const r = await client.next();
      client.send({ type_url, resource_names, version_info: r.version_info, response_nonce: r.nonce });
    }
    await client.expectNone(100);
  }

  /** Cluster a replaced by b: new endpoints, listener and route changed. */
  const replaced: SnapshotResources = {
    clusters: [edsCluster('b')],
    endpoints: [endpoints('a', [9005]), endpoints('b', [9006])],
    listeners: [{ ...rdsListener('l1', 'r1'), stat_prefix: 'changed' }],
    routes: [route('r1', 'a.test', 'b')],
  };

  it('pushes clusters, endpoints, listeners, routes, and removes clusters last', async () => {
    const { cache, client } = await setup();
    await subscribeAll(client);
    cache.setSnapshot(NODE.id, replaced);
    const cds = await client.next();
    expect([cds.type_url, namesOf(cds).sort()]).toEqual([TypeUrl.CLUSTER, ['a', 'b']]);
    const eds = await client.next();
    expect([eds.type_url, namesOf(eds)]).toEqual([TypeUrl.CLUSTER_LOAD_ASSIGNMENT, ['a']]);
    // Listeners and routes wait until the client asks for the endpoints of cluster b.
    await client.expectNone(200);
    client.send({
      type_url: TypeUrl.CLUSTER_LOAD_ASSIGNMENT,
      resource_names: ['a', 'b'],
      version_info: eds.version_info,
      response_nonce: eds.nonce,
    });
    const got: [string, string[]][] = [];
    for (let i = 0; i < 4; i++) {
      const r = await client.next();
      got.push([r.type_url ?? '', namesOf(r).sort()]);
    }
    expect(got).toEqual([
      [TypeUrl.CLUSTER_LOAD_ASSIGNMENT, ['a', 'b']],
      [TypeUrl.LISTENER, ['l1']],
      [TypeUrl.ROUTE_CONFIGURATION, ['r1']],
      [TypeUrl.CLUSTER, ['b']],
    ]);
  });

  it('keeps waiting for the endpoints of new clusters when another change comes meanwhile', async () => {
    const { cache, client } = await setup();
    await subscribeAll(client);
    cache.setSnapshot(NODE.id, replaced);
    await client.next();
    const eds = await client.next();
    cache.setSnapshot(NODE.id, { ...replaced, routes: [route('r1', 'b.test', 'b')] });
    await client.expectNone(200);
    client.send({
      type_url: TypeUrl.CLUSTER_LOAD_ASSIGNMENT,
      resource_names: ['a', 'b'],
      version_info: eds.version_info,
      response_nonce: eds.nonce,
    });
    const types: string[] = [];
    for (let i = 0; i < 4; i++) types.push((await client.next()).type_url ?? '');
    expect(types).toEqual([
      TypeUrl.CLUSTER_LOAD_ASSIGNMENT,
      TypeUrl.LISTENER,
      TypeUrl.ROUTE_CONFIGURATION,
      TypeUrl.CLUSTER,
    ]);
  });

  it('sends listeners and routes after endpointWaitMs when the client never asks for new endpoints', async () => {
    const cache = new SnapshotCache({ debounce: { delayMs: 0 } });
    cache.setSnapshot(NODE.id, base());
    const server = await startServer({ cache, endpointWaitMs: 150 });
    const client = openSotw(server);
    await subscribeAll(client);
    cache.setSnapshot(NODE.id, replaced);
    const started = Date.now();
    const types: string[] = [];
    for (let i = 0; i < 5; i++) types.push((await client.next()).type_url ?? '');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(types).toEqual([
      TypeUrl.CLUSTER,
      TypeUrl.CLUSTER_LOAD_ASSIGNMENT,
      TypeUrl.LISTENER,
      TypeUrl.ROUTE_CONFIGURATION,
      TypeUrl.CLUSTER,
    ]);
  });

  it('sends a cluster removal alone when nothing else changed', async () => {
    const { cache, client } = await setup({ ...base(), clusters: [edsCluster('a'), edsCluster('b', 'a')] });
    for (const type_url of [TypeUrl.CLUSTER, TypeUrl.LISTENER]) {
      client.send({ node: NODE, type_url });
      const r = await client.next();
      client.send({ type_url, version_info: r.version_info, response_nonce: r.nonce });
    }
    await client.expectNone(100);
    cache.setSnapshot(NODE.id, base());
    const r = await client.next();
    expect([r.type_url, namesOf(r)]).toEqual([TypeUrl.CLUSTER, ['a']]);
    await client.expectNone(150);
  });

  it('refuses an inconsistent snapshot and keeps serving the previous one', async () => {
    const { cache, server } = await setup();
    let error: unknown;
    try {
      cache.setSnapshot(NODE.id, { ...base(), routes: [] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InconsistentSnapshotError);
    expect((error as InconsistentSnapshotError).code).toBe('XDS_INCONSISTENT_SNAPSHOT');
    expect((error as Error).message).toContain('listener "l1" uses route "r1"');
    const client = openSotw(server);
    client.send({ node: NODE, type_url: TypeUrl.ROUTE_CONFIGURATION, resource_names: ['r1'] });
    expect(namesOf(await client.next())).toEqual(['r1']);
  });

  it('coalesces a burst of snapshot updates into one push', async () => {
    const cache = new SnapshotCache({ debounce: { delayMs: 50, maxDelayMs: 500 } });
    cache.setSnapshot(NODE.id, base());
    const server = await startServer({ cache });
    const client = openSotw(server);
    client.send({ node: NODE, type_url: TypeUrl.CLUSTER });
    const r1 = await client.next();
    client.send({ type_url: TypeUrl.CLUSTER, version_info: r1.version_info, response_nonce: r1.nonce });
    for (const name of ['b', 'c', 'd', 'e']) {
      cache.setSnapshot(NODE.id, { ...base(), clusters: [edsCluster('a'), edsCluster(name, 'a')] });
    }
    const r2 = await client.next();
    expect(namesOf(r2)).toEqual(['a', 'e']);
    await client.expectNone(200);
    cache.close();
  });

  it('pushes one shared endpoint change to every node', async () => {
    const cache = new SnapshotCache({ debounce: { delayMs: 0 } });
    cache.setSharedEndpoints([endpoints('a', [9001])]);
    cache.setSnapshot('n1', { ...base(), endpoints: [] });
    cache.setSnapshot('n2', { ...base(), endpoints: [] });
    const server = await startServer({ cache });
    const clients = [openSotw(server), openSotw(server)];
    const first = await Promise.all(
      clients.map(async (c, i) => {
        c.send({
          node: { id: `n${i + 1}` },
          type_url: TypeUrl.CLUSTER_LOAD_ASSIGNMENT,
          resource_names: ['a'],
        });
        return c.next();
      }),
    );
    expect(first[0]?.version_info).toBe(first[1]?.version_info);
    cache.setSharedEndpoints([endpoints('a', [9002])]);
    for (const c of clients) {
      const r = await c.next();
      const port = (r.resources?.[0] as ClusterLoadAssignment | undefined)?.endpoints?.[0]?.lb_endpoints?.[0]
        ?.endpoint?.address?.socket_address?.port_value;
      expect(port).toBe(9002);
    }
  });

  it('stops answering a node whose snapshot is cleared, and answers again when it is set', async () => {
    const { cache, client } = await setup();
    cache.clearSnapshot(NODE.id);
    client.send({ node: NODE, type_url: TypeUrl.CLUSTER });
    await client.expectNone(150);
    cache.setSnapshot(NODE.id, base());
    expect(namesOf(await client.next())).toEqual(['a']);
  });

  it('serves the per-type services over the same cache', async () => {
    const { server } = await setup();
    const client = openSotw(server, '/envoy.service.cluster.v3.ClusterDiscoveryService/StreamClusters');
    client.send({ node: NODE });
    const r = await client.next();
    expect(r.type_url).toBe(TypeUrl.CLUSTER);
    expect(namesOf(r)).toEqual(['a']);
  });

  it('serves secrets over SDS', async () => {
    const secret = { name: 'cert', validation_context: { trusted_ca: { inline_string: 'PEM' } } };
    const { server } = await setup({ ...base(), secrets: [secret] });
    const client = openSotw(server, '/envoy.service.secret.v3.SecretDiscoveryService/StreamSecrets');
    client.send({ node: NODE, resource_names: ['cert'] });
    const r = await client.next();
    expect(r.type_url).toBe(TypeUrl.SECRET);
    expect(r.resources).toEqual([{ '@type': TypeUrl.SECRET, ...secret }]);
  });

  it('ends an aggregated stream whose request has no type_url with INVALID_ARGUMENT', async () => {
    const { client } = await setup();
    client.send({ node: NODE });
    const ended = await client.waitEnd();
    expect(ended?.code).toBe(3);
  });

  it('keeps versions across a server restart: a reconnecting client is not sent what it has', async () => {
    const first = await setup();
    first.client.send({ node: NODE, type_url: TypeUrl.CLUSTER });
    const r1 = await first.client.next();
    await first.server.close();
    const second = await setup();
    second.client.send({ node: NODE, type_url: TypeUrl.CLUSTER, version_info: r1.version_info });
    await second.client.expectNone();
    await until(() => second.server.proxyStatus()[0]?.types[0]?.status === 'SYNCED');
    second.cache.setSnapshot(NODE.id, { ...base(), clusters: [edsCluster('a'), edsCluster('b', 'a')] });
    expect(namesOf(await second.client.next())).toEqual(['a', 'b']);
  });

  it('drains streams on graceful shutdown', async () => {
    const { server, client } = await setup();
    client.send({ node: NODE, type_url: TypeUrl.CLUSTER });
    await client.next();
    await server.close();
    expect(await client.waitEnd()).toBeNull();
    expect(server.proxyStatus()).toEqual([]);
  });
});
