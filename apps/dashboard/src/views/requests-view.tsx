// The live request log (`#/requests`): newest first, at most MAX_ROWS rows rendered, a filter box (free text and
// `key:value` terms, see request-filter.ts) and a pause toggle. A row click (or Enter on its button) opens the
// decision trace (`#/requests/<id>`) beside the log.
import type { RequestRecord } from '@minimesh/cli/dashboard-protocol';
import { memo } from 'preact/compat';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { isTraceArg, type ViewProps } from '../state.js';
import { parseFilter, selectRows } from './request-filter.js';
import { TracePanel } from './trace-panel.js';
import {
  formatClock,
  formatDuration,
  isErrorStatus,
  statusText,
  workloadLabel,
  workloadTitle,
} from './view-format.js';
import './views.css';

/** Rows rendered at once; the rest are reachable through the filter. */
export const MAX_ROWS = 200;

interface RowProps {
  readonly record: RequestRecord;
  readonly selected: boolean;
  onOpen(id: number): void;
}

// Memoised: a new batch of records re-renders only the rows that are new (records are immutable).
const RequestRow = memo(function RequestRow({ record: r, selected, onOpen }: RowProps) {
  const classes = [isErrorStatus(r.status) ? 'error' : '', selected ? 'selected' : ''].join(' ').trim();
  return (
    <tr data-request-id={r.id} class={classes || undefined} onClick={() => onOpen(r.id)}>
      <td data-col="time">
        <button type="button" class="link-button" title={`Open the decision trace of request ${r.id}`}>
          {formatClock(r.time)}
        </button>
      </td>
      <td data-col="source" title={workloadTitle(r.source)}>
        {workloadLabel(r.source)}
      </td>
      <td data-col="destination" title={workloadTitle(r.destination)}>
        {workloadLabel(r.destination)}
      </td>
      <td data-col="method">{r.method}</td>
      <td data-col="path" class="path" title={r.path}>
        {r.path}
      </td>
      <td data-col="status" class="num">
        {statusText(r)}
      </td>
      <td data-col="duration" class="num">
        {formatDuration(r.durationMs)}
      </td>
      <td data-col="flags" title={r.responseCodeDetails}>
        {r.flags}
      </td>
      <td data-col="route">{r.route ?? '-'}</td>
      <td data-col="cluster" class="cluster">
        {r.cluster ?? '-'}
      </td>
      <td data-col="endpoint">{r.endpoint ?? '-'}</td>
    </tr>
  );
});

function FilterHelp() {
  return (
    <details class="filter-help">
      <summary>Filter syntax</summary>
      <p>
        Words match any column. <code>source:</code>, <code>destination:</code>, <code>method:</code>,{' '}
        <code>path:</code>, <code>route:</code>, <code>cluster:</code>, <code>endpoint:</code>,{' '}
        <code>proxy:</code>, <code>reporter:</code> match one column; <code>status:5xx</code> a class,{' '}
        <code>status:503</code> exactly; <code>flags:FI</code> one response flag. A leading <code>-</code>{' '}
        negates a term.
      </p>
    </details>
  );
}

export function RequestsView({ state, send, route, navigate }: ViewProps) {
  const [filter, setFilter] = useState(() =>
    route.arg !== undefined && !isTraceArg(route.arg) ? route.arg : '',
  );
  // A link from the graph or a metrics card (`#/requests/source:X destination:Y`) sets the filter.
  useEffect(() => {
    if (route.arg !== undefined && !isTraceArg(route.arg)) setFilter(route.arg);
  }, [route.arg]);
  const [frozen, setFrozen] = useState<readonly RequestRecord[] | null>(null);
  const records = frozen ?? state.requests;
  const terms = useMemo(() => parseFilter(filter), [filter]);
  const { rows, matched } = useMemo(() => selectRows(records, terms, MAX_ROWS), [records, terms]);
  const selectedId = route.arg !== undefined && /^\d+$/.test(route.arg) ? Number(route.arg) : undefined;
  const open = useMemo(() => (id: number) => navigate('requests', String(id)), [navigate]);
  const newSincePause = frozen ? countNewer(state.requests, frozen) : 0;

  return (
    <div class={selectedId === undefined ? 'requests-view' : 'requests-view with-trace'}>
      <section class="request-log-section" aria-label="Request log">
        <div class="toolbar">
          <label class="filter-label">
            Filter
            <input
              type="search"
              data-testid="request-filter"
              value={filter}
              title="e.g. reviews status:5xx flags:FI"
              onInput={(e) => setFilter((e.currentTarget as HTMLInputElement).value)}
              spellcheck={false}
            />
          </label>
          <button
            type="button"
            aria-pressed={frozen !== null}
            data-testid="request-pause"
            onClick={() => setFrozen(frozen ? null : state.requests)}
          >
            Pause
          </button>
          <span class="hint" aria-live="polite">
            {rows.length < matched ? `newest ${rows.length} of ${matched} matching` : `${matched} matching`}{' '}
            of {records.length} kept
            {state.dropped > 0 ? `; ${state.dropped} dropped by the server to bound the rate` : ''}
            {frozen ? `; paused, ${newSincePause} new since` : ''}
          </span>
        </div>
        <FilterHelp />
        <div class="table-scroll">
          <table class="data request-log" data-testid="request-log">
            <thead>
              <tr>
                <th scope="col">time</th>
                <th scope="col">source</th>
                <th scope="col">destination</th>
                <th scope="col">method</th>
                <th scope="col">path</th>
                <th scope="col">status</th>
                <th scope="col">duration</th>
                <th scope="col">flags</th>
                <th scope="col">route</th>
                <th scope="col">cluster</th>
                <th scope="col">endpoint</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <RequestRow key={r.id} record={r} selected={r.id === selectedId} onOpen={open} />
              ))}
            </tbody>
          </table>
          {rows.length === 0 ? (
            <p class="empty">
              {records.length === 0
                ? 'No requests yet: send some traffic through the mesh.'
                : 'No request matches.'}
            </p>
          ) : null}
        </div>
      </section>
      {selectedId !== undefined ? (
        <TracePanel
          key={selectedId}
          requestId={selectedId}
          send={send}
          onClose={() => navigate('requests')}
        />
      ) : null}
    </div>
  );
}

/** Records in `now` newer than the newest of `then` (both oldest first, ids increasing). */
function countNewer(now: readonly RequestRecord[], then: readonly RequestRecord[]): number {
  const last = then[then.length - 1]?.id ?? -1;
  let n = 0;
  for (let i = now.length - 1; i >= 0 && (now[i]?.id ?? -1) > last; i--) n++;
  return n;
}
