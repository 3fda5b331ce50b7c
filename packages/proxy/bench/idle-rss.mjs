// Idle RSS of one mesh-proxy process (the built CLI, dist/bin/mesh-proxy.js) configured with the translator's
// golden bookinfo productpage sidecar config over real ADS from an XdsServer in this process. Prints MB.
//   node bench/idle-rss.mjs [golden-file] [--later]        (after `npx tsc -b` in packages/proxy)
// The RSS is read 2 s after /ready turned 200 (median of 5 reads, 100 ms apart); also printed: the time from
// spawning the process to /ready, and with --later the RSS 12 s after /ready, when V8's memory reducer (which
// starts some 8 s after the last full collection of an idle process) has run.
import { fileURLToPath } from 'node:url';
import { SnapshotCache, XdsServer } from '@minimesh/xds-server';
import { goldenResources, listenerPorts } from './golden-config.mjs';
import { freePort, rssMb, sleep, startProcess, waitHttp } from './proc.mjs';

export const PRODUCTPAGE_NODE = 'sidecar~10.0.0.1~productpage-v1-abc.default~default.svc.cluster.local';
const CLI = fileURLToPath(new URL('../dist/bin/mesh-proxy.js', import.meta.url));

/** Median of 5 RSS reads of `pid`, 100 ms apart, MB. */
async function medianRss(pid) {
  const reads = [];
  for (let i = 0; i < 5; i++) {
    reads.push(rssMb(pid));
    await sleep(100);
  }
  reads.sort((a, b) => a - b);
  return reads[2];
}

/**
 * Starts a proxy on `file`'s config, waits for /ready and `settleMs`, returns its RSS in MB (median of 5 reads),
 * the ms from spawn to /ready, and with `laterMs` the RSS that long after /ready.
 */
export async function measureIdleRss(
  file = 'bookinfo-gateway.productpage.json',
  settleMs = 2_000,
  laterMs = 0,
) {
  const resources = goldenResources(file);
  const cache = new SnapshotCache({ debounce: { delayMs: 0 } });
  cache.setSnapshot(PRODUCTPAGE_NODE, resources);
  const server = await XdsServer.start({ cache, endpointWaitMs: 200 });
  const admin = await freePort();
  const ports = listenerPorts(resources).flatMap((p) => ['--port', `${p}=0`]);
  const args = [CLI, '--xds', server.address, '--node-id', PRODUCTPAGE_NODE, '--admin-port', String(admin)];
  const started = performance.now();
  const proxy = startProcess(process.execPath, [...args, ...ports, '--log-level', 'warn']);
  try {
    await waitHttp(`http://127.0.0.1:${admin}/ready`, 15_000, 'mesh-proxy /ready');
    const readyMs = performance.now() - started;
    await sleep(settleMs);
    const rss = await medianRss(proxy.pid);
    let later;
    if (laterMs > 0) {
      await sleep(Math.max(0, laterMs - settleMs - 500));
      later = await medianRss(proxy.pid);
    }
    if (process.env.BENCH_DEBUG) console.log(proxy.output());
    return {
      rssMb: rss,
      laterRssMb: later,
      readyMs,
      clusters: resources.clusters.length,
      listeners: resources.listeners.length,
    };
  } catch (e) {
    throw new Error(`${e.message}\n${proxy.output()}`);
  } finally {
    await proxy.kill();
    await server.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const later = process.argv.includes('--later');
  const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
  const r = await measureIdleRss(file, 2_000, later ? 12_000 : 0);
  console.log(
    `mesh-proxy idle RSS ${r.rssMb.toFixed(1)} MB (${r.clusters} clusters, ${r.listeners} listeners; ` +
      `ready in ${Math.round(r.readyMs)} ms${later ? `; ${r.laterRssMb.toFixed(1)} MB 12 s after ready` : ''})`,
  );
}
