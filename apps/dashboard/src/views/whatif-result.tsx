// The answer of a what-if replay: the edited YAML's diagnostics, or the recorded requests whose destination or
// outcome would change (before -> after: cluster, status, flags) with counts per before/after cluster pair.
import type { WhatIfOutcome, WhatIfResult } from '@minimesh/cli/dashboard-protocol';
import { formatClock } from './view-format.js';
import { countMoves, where } from './whatif-moves.js';

/** Rows shown in the change table; the counts cover every change. */
const MAX_CHANGES = 200;

function Outcome({ o }: { o: WhatIfOutcome }) {
  const bad = o.status !== undefined && (o.status === 0 || o.status >= 500);
  return (
    <span class={bad ? 'error-text' : undefined}>
      <code>{where(o)}</code> {o.status ?? ''} {o.flags && o.flags !== '-' ? <code>{o.flags}</code> : null}
      {o.route ? <span class="hint"> route {o.route}</span> : null}
    </span>
  );
}

export function WhatIfResultView({ result }: { result: WhatIfResult }) {
  if (!result.ok) {
    return (
      <div class="whatif-result" data-testid="whatif-result" data-ok="false">
        <p class="error-text">The edited YAML does not load; nothing was replayed:</p>
        <ul class="diagnostics">
          {result.diagnostics.map((d) => (
            <li key={d} class="error-text">
              <code>{d}</code>
            </li>
          ))}
        </ul>
      </div>
    );
  }
  const moves = countMoves(result.changed);
  return (
    <div
      class="whatif-result"
      data-testid="whatif-result"
      data-ok="true"
      data-changed={result.changed.length}
    >
      <p>
        Replayed {result.replayed} recorded request{result.replayed === 1 ? '' : 's'}:{' '}
        <strong>{result.changed.length}</strong> would change destination or outcome.
      </p>
      {result.diagnostics.length > 0 ? (
        <ul class="diagnostics">
          {result.diagnostics.map((d) => (
            <li key={d}>
              <code>{d}</code>
            </li>
          ))}
        </ul>
      ) : null}
      {moves.length > 0 ? (
        <table class="data compact whatif-moves">
          <thead>
            <tr>
              <th scope="col">before</th>
              <th scope="col">after</th>
              <th scope="col">requests</th>
            </tr>
          </thead>
          <tbody>
            {moves.map((m) => (
              <tr key={`${m.from}->${m.to}`}>
                <td>
                  <code>{m.from}</code>
                </td>
                <td>
                  <code>{m.to}</code>
                </td>
                <td class="num">{m.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {result.changed.length > 0 ? (
        <div class="table-scroll">
          <table class="data whatif-changes">
            <thead>
              <tr>
                <th scope="col">time</th>
                <th scope="col">source</th>
                <th scope="col">request</th>
                <th scope="col">before</th>
                <th scope="col">after</th>
              </tr>
            </thead>
            <tbody>
              {result.changed.slice(0, MAX_CHANGES).map((c) => (
                <tr key={c.request.id} data-request-id={c.request.id}>
                  <td>{formatClock(c.request.time)}</td>
                  <td>{c.request.source.workload}</td>
                  <td>
                    {c.request.method} <code>{c.request.authority}</code>
                    <code>{c.request.path}</code>
                  </td>
                  <td>
                    <Outcome o={c.before} />
                  </td>
                  <td>
                    <Outcome o={c.after} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.changed.length > MAX_CHANGES ? (
            <p class="hint">
              first {MAX_CHANGES} of {result.changed.length} shown
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
