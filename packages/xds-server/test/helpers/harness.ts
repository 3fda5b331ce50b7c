// Starts servers and clients for a test and closes them all after it.
import { afterEach } from 'vitest';
import { XdsServer, type XdsServerOptions } from '../../src/index.js';
import {
  type ConnectOptions,
  type DeltaClient,
  deltaClient,
  type SotwClient,
  sotwClient,
} from './ads-client.js';

const servers: XdsServer[] = [];
const clients: { close(): void }[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await Promise.all(servers.splice(0).map((s) => s.close(1_000)));
});

export async function startServer(options: XdsServerOptions): Promise<XdsServer> {
  const server = await XdsServer.start(options);
  servers.push(server);
  return server;
}

export function openSotw(server: XdsServer, path?: string, options?: ConnectOptions): SotwClient {
  const c = sotwClient(server.address, path, options);
  clients.push(c);
  return c;
}

export function openDelta(server: XdsServer, path?: string): DeltaClient {
  const c = deltaClient(server.address, path);
  clients.push(c);
  return c;
}

/** Waits until `check` holds, polling every 10 ms, failing after `timeoutMs`. */
export async function until(check: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
