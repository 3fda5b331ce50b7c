// One proxy's chain as one table (what envoyctl prints for a config_dump): listener -> filter chain -> route config
// -> virtual host -> match -> route -> clusters -> endpoints, with the Istio resource behind the row. Rows are
// grouped by listener: each listener opens its own <tbody> with a header row, so a long chain stays scannable.
import type { ChainRow } from '@minimesh/cli/dashboard-protocol';
import { SourceRefText } from '../components/source-ref.js';

/** Rows grouped by listener, in first-seen order. */
export function groupByListener(rows: readonly ChainRow[]): { listener: string; rows: ChainRow[] }[] {
  const groups = new Map<string, ChainRow[]>();
  for (const row of rows) {
    let list = groups.get(row.listener);
    if (!list) {
      list = [];
      groups.set(row.listener, list);
    }
    list.push(row);
  }
  return [...groups].map(([listener, list]) => ({ listener, rows: list }));
}

/** Endpoint lists longer than this are cut with a count. */
const ENDPOINTS_SHOWN = 4;

function Endpoints({ endpoints }: { endpoints: readonly string[] }) {
  if (endpoints.length === 0) return <span class="hint">none</span>;
  const more = endpoints.length - ENDPOINTS_SHOWN;
  return (
    <span title={endpoints.join('\n')}>
      {endpoints.slice(0, ENDPOINTS_SHOWN).join(', ')}
      {more > 0 ? ` +${more} more` : ''}
    </span>
  );
}

export function ChainTable({ rows }: { rows: readonly ChainRow[] }) {
  const groups = groupByListener(rows);
  return (
    <div class="table-scroll">
      <table class="data chain" data-testid="chain">
        <thead>
          <tr>
            <th scope="col">filter chain</th>
            <th scope="col">route config</th>
            <th scope="col">virtual host</th>
            <th scope="col">match</th>
            <th scope="col">route</th>
            <th scope="col">cluster</th>
            <th scope="col">endpoints</th>
            <th scope="col">config</th>
          </tr>
        </thead>
        {groups.map((g) => (
          <tbody key={g.listener} data-listener={g.listener}>
            <tr class="group-header">
              <th scope="rowgroup" colSpan={8}>
                listener <code>{g.listener}</code>{' '}
                <span class="hint">
                  {g.rows.length} row{g.rows.length === 1 ? '' : 's'}
                </span>
              </th>
            </tr>
            {g.rows.map((r, i) => (
              <tr key={i}>
                <td data-col="filter-chain">
                  {r.filterChain ?? '-'}
                  {r.filter ? <span class="hint"> {r.filter}</span> : null}
                </td>
                <td data-col="route-config">{r.routeConfig ?? '-'}</td>
                <td data-col="virtual-host" title={r.domains?.join(', ')}>
                  {r.virtualHost ?? '-'}
                </td>
                <td data-col="match">
                  <code>{r.match ?? '-'}</code>
                </td>
                <td data-col="route">{r.route ?? '-'}</td>
                <td data-col="cluster" class="cluster">
                  {r.clusters.length === 0 ? '-' : r.clusters.map((c) => <div key={c}>{c}</div>)}
                </td>
                <td data-col="endpoints">
                  <Endpoints endpoints={r.endpoints} />
                </td>
                <td data-col="config">{r.config ? <SourceRefText ref_={r.config} /> : '-'}</td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
      {rows.length === 0 ? <p class="empty">This proxy has no listeners yet.</p> : null}
    </div>
  );
}
