// `proxy-status` as istioctl prints its per-type table (istioctl/pkg/writer/pilot/status.go, the CDS, LDS, EDS,
// RDS, ECDS columns): NAME (`pod.namespace`), CLUSTER, one column per xDS type, ISTIOD, VERSION; tabwriter padding
// 5; rows sorted by NAME. A type's cell: SYNCED, NOT SENT, STALE, `NACK: <the proxy's error>` for a rejected
// version, IGNORED for a type the proxy never subscribed to (ECDS: minimesh sends none).
import type { ProxyEntry, ProxyTypeStatus } from '../dev/control-plane-status.js';
import { paint } from './format.js';
import { goSort, tabwrite } from './istioctl-tabwriter.js';

export const STATUS_TYPES = ['CDS', 'LDS', 'EDS', 'RDS', 'ECDS'] as const;

/** The Kubernetes cluster id every local proxy reports (Istio's default, `Kubernetes`). */
export const CLUSTER_ID = 'Kubernetes';

export interface StatusRow {
  readonly name: string;
  readonly cluster: string;
  /** By type: SYNCED, NOT SENT, STALE, NACK: ..., IGNORED. */
  readonly types: Readonly<Record<string, string>>;
  readonly istiod: string;
  readonly version: string;
}

export function typeCell(s: ProxyTypeStatus | undefined): string {
  if (s === undefined) return 'IGNORED';
  switch (s.status) {
    case 'SYNCED':
      return 'SYNCED';
    case 'NOT_SENT':
      return 'NOT SENT';
    case 'STALE':
      return 'STALE';
    case 'NACK':
      return `NACK: ${(s.nackMessage ?? '').replace(/\s+/g, ' ').trim()}`;
    default:
      return s.status.replace(/_/g, ' ');
  }
}

/** One row per proxy, sorted by `pod.namespace`. `versions` maps node ids to the proxy's ISTIO_VERSION. */
export function statusRows(
  proxies: readonly ProxyEntry[],
  istiod: string,
  versions: ReadonlyMap<string, string>,
): StatusRow[] {
  return goSort(
    proxies.map((p) => ({
      name: `${p.pod}.${p.namespace}`,
      cluster: CLUSTER_ID,
      types: Object.fromEntries(STATUS_TYPES.map((t) => [t, typeCell(p.xds[t])])),
      istiod,
      version: versions.get(p.nodeId) ?? '-',
    })),
    (a, b) => a.name < b.name,
  );
}

const STYLES = { SYNCED: 'green', STALE: 'yellow', NACK: 'red' } as const;

/** The table; `color` paints SYNCED green, STALE yellow and NACK red after alignment (widths stay plain). */
export function statusTable(rows: readonly StatusRow[], color: boolean): string {
  const lines: string[][] = [['NAME', 'CLUSTER', ...STATUS_TYPES, 'ISTIOD', 'VERSION']];
  for (const r of rows)
    lines.push([r.name, r.cluster, ...STATUS_TYPES.map((t) => r.types[t] ?? 'IGNORED'), r.istiod, r.version]);
  const text = tabwrite(lines, 5);
  if (!color) return text;
  const [header = '', ...body] = text.split('\n');
  const painted = body.map((l) =>
    l.replace(/\b(SYNCED|STALE|NACK)\b/g, (w) => paint(w, STYLES[w as keyof typeof STYLES], true)),
  );
  return [header, ...painted].join('\n');
}
