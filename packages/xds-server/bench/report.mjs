// Output of the fan-out benchmark (push.bench.mjs): the table, the goals line for the largest client count, and
// the JSON result at bench-results/xds-server-push.json (repository root).
import { mkdirSync, writeFileSync } from 'node:fs';

const ratio = (a, b) => (b > 0 ? `${(a / b).toFixed(1)}x` : '-');

/** Prints the rows measured, then the goals of the issue against the largest client count. */
export function printReport(header, rows, largest) {
  console.log(header);
  console.table(
    rows.map((r) => ({
      clients: r.clients,
      protocol: r.mode,
      'initial sync ms': r.initialSyncMs,
      'full update ms': r.fullUpdateMs,
      'baseline ms': r.fullUpdateBaselineMs,
      'full ratio': ratio(r.fullUpdateMs, r.fullUpdateBaselineMs),
      'server CPU ms': r.fullUpdateServerCpuMs,
      'clients CPU ms': r.fullUpdateClientsCpuMs,
      'baseline server/clients CPU ms': `${r.fullUpdateBaselineServerCpuMs}/${r.fullUpdateBaselineClientsCpuMs}`,
      'setSnapshot call ms': r.setSnapshotMs,
      'KB/client': Math.round(r.fullUpdateBytesPerClient / 1024),
      '1-endpoint ms': r.endpointChangeMs,
      'baseline ms ': r.endpointChangeBaselineMs,
      'endpoint ratio': ratio(r.endpointChangeMs, r.endpointChangeBaselineMs),
      '1-endpoint server CPU ms': r.endpointChangeServerCpuMs,
      'EDS bytes': r.endpointChangeBytesPerClient,
      'server RSS KB/client': r.rssKbPerClient,
      'heap KB/client': r.heapKbPerClient,
      'baseline RSS KB/client': r.baselineRssKbPerClient,
    })),
  );
  for (const r of rows.filter((x) => x.clients === largest)) {
    console.log(
      `goals at ${largest} clients (${r.mode}): full update ${r.fullUpdateMs} ms (goal 2000 ms at 1,000 clients), ` +
        `one endpoint ${r.endpointChangeMs} ms (goal 200 ms), ${r.rssKbPerClient} KB RSS, ` +
        `${r.heapKbPerClient} KB heap per client (goal < 200 KB)`,
    );
  }
}

/** Writes the result where CI and the README take their figures from. */
export function writeResult(result) {
  mkdirSync(new URL('../../../bench-results/', import.meta.url), { recursive: true });
  writeFileSync(
    new URL('../../../bench-results/xds-server-push.json', import.meta.url),
    `${JSON.stringify(result, null, 2)}\n`,
  );
}
