// A proxy's xDS sync status per type, as `istioctl proxy-status` says it: SYNCED (green), STALE (orange, sent but
// not yet ACKed), NACK (red, with the proxy's error_detail), NOT SENT.
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

const STATE_CLASS: Readonly<Record<XdsTypeState['state'], string>> = {
  SYNCED: 'state-synced',
  STALE: 'state-stale',
  NACK: 'state-nack',
  'NOT SENT': 'state-not-sent',
};

export function XdsStatusTable({ proxy }: { proxy: ProxySummary }) {
  return (
    <div class="table-scroll">
      <table class="data xds-status" data-testid="xds-status">
        <thead>
          <tr>
            <th scope="col">type</th>
            <th scope="col">state</th>
            <th scope="col">sent</th>
            <th scope="col">acked</th>
            <th scope="col">message</th>
          </tr>
        </thead>
        <tbody>
          {xdsRows(proxy).map(({ type, state }) => (
            <tr key={type} data-type={type} class={STATE_CLASS[state.state]}>
              <th scope="row">{type}</th>
              <td data-col="state">
                <span class={`state-badge ${STATE_CLASS[state.state]}`}>{state.state}</span>
              </td>
              <td data-col="sent">{state.sentVersion ?? '-'}</td>
              <td data-col="acked">{state.ackedVersion ?? '-'}</td>
              <td data-col="message" class={state.nack ? 'error-text' : undefined}>
                {state.nack ?? ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
