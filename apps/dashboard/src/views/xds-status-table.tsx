// A proxy's xDS sync status per type, as `istioctl proxy-status` says it: SYNCED (green), STALE (orange, sent but
// not yet ACKed), NACK (red, with the proxy's error_detail), NOT SENT.
import type { ProxySummary, XdsTypeState } from '@minimesh/cli/dashboard-protocol';
import { xdsRows } from './xds-rows.js';

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
