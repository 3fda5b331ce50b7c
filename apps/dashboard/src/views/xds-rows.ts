// A proxy's xDS status rows in istioctl's type order, and a key that changes with any of its versions.
import type { ProxySummary, XdsTypeState } from '@minimesh/cli/dashboard-protocol';

/** The types always listed, in istioctl's column order; others the server reports follow them. */
export const XDS_TYPES = ['LDS', 'RDS', 'CDS', 'EDS', 'SDS'] as const;

export function xdsRows(proxy: ProxySummary): { type: string; state: XdsTypeState }[] {
  const rows: { type: string; state: XdsTypeState }[] = XDS_TYPES.map((type) => ({
    type,
    state: proxy.xds[type] ?? { state: 'NOT SENT' },
  }));
  for (const [type, state] of Object.entries(proxy.xds)) {
    if (!(XDS_TYPES as readonly string[]).includes(type)) rows.push({ type, state });
  }
  return rows;
}

/** A key that changes whenever any type's sent or acked version (or NACK) changes. */
export function xdsVersionKey(proxy: ProxySummary | undefined): string {
  if (!proxy) return '';
  return Object.entries(proxy.xds)
    .map(([t, s]) => `${t}=${s.sentVersion ?? ''}/${s.ackedVersion ?? ''}/${s.state}`)
    .sort()
    .join(',');
}
