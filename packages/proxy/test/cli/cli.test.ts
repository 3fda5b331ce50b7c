// The mesh-proxy command line: flags become startProxy options, bad flags are InvalidOptionError, and a proxy
// started from flags connects to a real XdsServer and serves /ready.
import { SnapshotCache, XdsServer } from '@minimesh/xds-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidOptionError, parseCli, runCli } from '../../src/index.js';
import { send, waitFor } from '../helpers/harness.js';
import { NODE_ID } from '../helpers/resources.js';

let server: XdsServer;

beforeAll(async () => {
  const cache = new SnapshotCache({ debounce: { delayMs: 0 } });
  cache.setSnapshot(NODE_ID, { clusters: [], listeners: [] });
  server = await XdsServer.start({ cache });
});

afterAll(async () => {
  await server?.close();
});

describe('mesh-proxy flags', () => {
  it('maps flags to options', () => {
    const o = parseCli([
      '--xds',
      '127.0.0.1:15010',
      '--node-id',
      NODE_ID,
      '--admin-port',
      '0',
      '--port',
      '9080=0',
      '--port',
      '80=8080',
    ]);
    expect(o).toMatchObject({
      xds: '127.0.0.1:15010',
      nodeId: NODE_ID,
      adminPort: 0,
      portMap: { 9080: 0, 80: 8080 },
      accessLogToStdout: false,
    });
  });
  it('requires --xds and --node-id', () => {
    expect(() => parseCli(['--node-id', NODE_ID])).toThrow(InvalidOptionError);
    expect(() => parseCli(['--xds', '127.0.0.1:1'])).toThrow(/--node-id/);
  });
  it('refuses a bad port', () => {
    expect(() => parseCli(['--xds', 'a:1', '--node-id', NODE_ID, '--admin-port', '70000'])).toThrow(/port/);
  });
  it('refuses a node id that is not in Istio form', async () => {
    await expect(
      runCli(['--xds', server.address, '--node-id', 'just-a-name', '--admin-port', '0']),
    ).rejects.toThrow(/not <sidecar\|router>~<ip>~<pod>\.<namespace>~<domain>/);
  });
  it('starts a proxy that syncs with the server and turns ready', async () => {
    const proxy = await runCli([
      '--xds',
      server.address,
      '--node-id',
      NODE_ID,
      '--admin-port',
      '0',
      '--access-log',
      '--log-level',
      'silent',
    ]);
    try {
      await waitFor(() => proxy.config.initialized, 5_000, 'ready');
      const r = await send(proxy.adminPort, '/ready');
      expect(r.body).toBe('LIVE\n');
      expect(server.proxyStatus().some((p) => p.nodeId === NODE_ID)).toBe(true);
    } finally {
      await proxy.close();
    }
  });
});
