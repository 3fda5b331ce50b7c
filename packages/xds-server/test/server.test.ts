import { readFileSync } from 'node:fs';
import { credentials, logVerbosity, setLogVerbosity } from '@grpc/grpc-js';
import { TypeUrl } from '@minimesh/model';
import { describe, expect, it } from 'vitest';
import { SnapshotCache, type SnapshotResources } from '../src/index.js';
import { namesOf, SOTW_PATH } from './helpers/ads-client.js';
import { openDelta, openSotw, startServer } from './helpers/harness.js';
import { edsCluster, endpoints } from './helpers/resources.js';

const NODE = { id: 'node-srv' };
const resources: SnapshotResources = { clusters: [edsCluster('a')], endpoints: [endpoints('a', [9001])] };
const testdata = new URL('./testdata/', import.meta.url);

function cacheWith(r: SnapshotResources = resources): SnapshotCache {
  const cache = new SnapshotCache({ debounce: { delayMs: 0 } });
  cache.setSnapshot(NODE.id, r);
  return cache;
}

describe('XdsServer', () => {
  it('listens on 127.0.0.1 and a free port by default', async () => {
    const server = await startServer({ cache: cacheWith() });
    expect(server.host).toBe('127.0.0.1');
    expect(server.port).toBeGreaterThan(0);
    expect(server.address).toBe(`127.0.0.1:${server.port}`);
  });

  it('refuses a bad port, and rejects when the port is taken', async () => {
    await expect(startServer({ cache: cacheWith(), port: 70_000 })).rejects.toMatchObject({
      code: 'XDS_INVALID_OPTION',
    });
    const first = await startServer({ cache: cacheWith() });
    setLogVerbosity(logVerbosity.NONE); // grpc-js logs the failed bind as well
    try {
      await expect(startServer({ cache: cacheWith(), port: first.port })).rejects.toThrow();
    } finally {
      setLogVerbosity(logVerbosity.ERROR);
    }
  });

  it('serves over TLS when given a certificate, and refuses plaintext clients', async () => {
    const cert = readFileSync(new URL('server-cert.pem', testdata));
    const key = readFileSync(new URL('server-key.pem', testdata));
    const server = await startServer({ cache: cacheWith(), tls: { cert, key } });
    const secure = openSotw(server, SOTW_PATH, {
      credentials: credentials.createSsl(cert),
      channelOptions: { 'grpc.ssl_target_name_override': 'localhost' },
    });
    secure.send({ node: NODE, type_url: TypeUrl.CLUSTER });
    expect(namesOf(await secure.next())).toEqual(['a']);
    const plain = openSotw(server);
    plain.send({ node: NODE, type_url: TypeUrl.CLUSTER });
    await expect(plain.next(5_000)).rejects.toThrow(/stream ended/);
  });

  it('accepts frequent keepalive pings from a client without calls in flight', async () => {
    const cache = cacheWith();
    const server = await startServer({ cache });
    const client = openSotw(server, SOTW_PATH, {
      channelOptions: {
        'grpc.keepalive_time_ms': 100,
        'grpc.keepalive_timeout_ms': 1_000,
        'grpc.keepalive_permit_without_calls': 1,
      },
    });
    client.send({ node: NODE, type_url: TypeUrl.CLUSTER });
    const r1 = await client.next();
    client.send({ type_url: TypeUrl.CLUSTER, response_nonce: r1.nonce });
    await new Promise((r) => setTimeout(r, 1_200));
    expect(client.ended).toBeUndefined();
    cache.setSnapshot(NODE.id, { ...resources, clusters: [edsCluster('a'), edsCluster('b', 'a')] });
    expect(namesOf(await client.next())).toEqual(['a', 'b']);
  });

  it('ends state-of-the-world and delta streams with status OK on graceful shutdown', async () => {
    const server = await startServer({ cache: cacheWith() });
    const sotw = openSotw(server);
    const delta = openDelta(server);
    sotw.send({ node: NODE, type_url: TypeUrl.CLUSTER });
    delta.send({ node: NODE, type_url: TypeUrl.CLUSTER });
    await sotw.next();
    await delta.next();
    expect(
      server
        .proxyStatus()
        .map((p) => p.protocol)
        .sort(),
    ).toEqual(['delta', 'sotw']);
    const started = Date.now();
    await server.close(5_000);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await sotw.waitEnd()).toBeNull();
    expect(await delta.waitEnd()).toBeNull();
    expect(server.metrics.connectedProxies).toBeDefined();
    expect((await server.metrics.registry.getSingleMetricAsString('xds_connected_proxies')).trim()).toMatch(
      / 0$/,
    );
  });

  it('serves the delta per-type services', async () => {
    const server = await startServer({ cache: cacheWith() });
    const delta = openDelta(server, '/envoy.service.endpoint.v3.EndpointDiscoveryService/DeltaEndpoints');
    delta.send({ node: NODE, resource_names_subscribe: ['a'] });
    const r = await delta.next();
    expect(r.type_url).toBe(TypeUrl.CLUSTER_LOAD_ASSIGNMENT);
    expect(r.resources?.map((x) => x.name)).toEqual(['a']);
  });
});
