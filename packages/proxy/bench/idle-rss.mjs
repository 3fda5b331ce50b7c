// Idle RSS of one mesh-proxy process (the built CLI, dist/bin/mesh-proxy.js) configured with the translator's
// golden bookinfo productpage sidecar config over real ADS from an XdsServer in this process. Prints MB.
//   node bench/idle-rss.mjs [golden-file]        (after `npx tsc -b` in packages/proxy)
import { fileURLToPath } from 'node:url';
import { SnapshotCache, XdsServer } from '@minimesh/xds-server';
import { goldenResources, listenerPorts } from './golden-config.mjs';
import { freePort, rssMb, sleep, startProcess, waitHttp } from './proc.mjs';

export const PRODUCTPAGE_NODE = 'sidecar~10.0.0.1~productpage-v1-abc.default~default.svc.cluster.local';
const CLI = fileURLToPath(new URL('../dist/bin/mesh-proxy.js', import.meta.url));

/** Starts a proxy on `file`'s config, waits for /ready and `settleMs`, returns its RSS in MB (median of 5 reads). */
export async function measureIdleRss(file = 'bookinfo-gateway.productpage.json', settleMs = 2_000) {
  const resources = goldenResources(file);
  const cache = new SnapshotCache({ debounce: { delayMs: 0 } });
  cache.setSnapshot(PRODUCTPAGE_NODE, resources);
  const server = await XdsServer.start({ cache, endpointWaitMs: 200 });
  const admin = await freePort();
  const ports = listenerPorts(resources).flatMap((p) => ['--port', `${p}=0`]);
  const args = [CLI, '--xds', server.address, '--node-id', PRODUCTPAGE_NODE, '--admin-port', String(admin)];
  const proxy = startProcess(process.execPath, [...args, ...ports, '--log-level', 'warn']);
  try {
    await waitHttp(`http://127.0.0.1:${admin}/ready`, 15_000, 'mesh-proxy /ready');
    await sleep(settleMs);
    const reads = [];
    for (let i = 0; i < 5; i++) {
      reads.push(rssMb(proxy.pid));
      await sleep(100);
    }
    reads.sort((a, b) => a - b);
    if (process.env.BENCH_DEBUG) console.log(proxy.output());
    return { rssMb: reads[2], clusters: resources.clusters.length, listeners: resources.listeners.length };
  } catch (e) {
    throw new Error(`${e.message}\n${proxy.output()}`);
  } finally {
    await proxy.kill();
    await server.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await measureIdleRss(process.argv[2]);
  console.log(
    `mesh-proxy idle RSS ${r.rssMb.toFixed(1)} MB (${r.clusters} clusters, ${r.listeners} listeners)`,
  );
}
