// One change of the config timeline: when, which version, accepted or rejected (with diagnostics), what started it,
// the files and resource actions, the YAML diff, what it did to each proxy's xDS resources with the ACK/NACK times
// relative to the change, and the mesh's golden metrics before and after.
import type { AckRecord, ProxyChange, TimelineEntry, XdsDiff } from '@minimesh/cli/dashboard-protocol';
import { useState } from 'preact/hooks';
import { diffStats } from '../components/diff-lines.js';
import { DiffView } from '../components/diff-view.js';
import { Disclosure } from '../components/disclosure.js';
import { latencyText, percentText, rpsText } from '../components/metric-format.js';
import { SourceRefText } from '../components/source-ref.js';
import { useLoad } from '../components/use-load.js';
import type { Send } from '../state.js';
import { compareWindows } from './timeline-metrics.js';
import { formatClock, formatOffset } from './view-format.js';

/** `+42 ms ACK` or `+40 ms NACK: message`, relative to the change's time. */
export function ackText(ack: AckRecord, changeTime: number): string {
  const when = formatOffset(ack.time - changeTime);
  return ack.ok ? `${when} ACK` : `${when} NACK: ${ack.message ?? 'rejected'}`;
}

/** `sidecar~10.0.0.1~reviews-v1-0.default~default.svc.cluster.local` -> `reviews-v1-0.default`. */
export function proxyLabel(nodeId: string): string {
  const parts = nodeId.split('~');
  return parts.length === 4 && parts[2] ? parts[2] : nodeId;
}

function names(list: readonly string[]): string {
  return list.length === 0 ? '' : list.join(', ');
}

function XdsDetail({
  send,
  entryId,
  proxy,
  type,
}: {
  send: Send;
  entryId: number;
  proxy: string;
  type: string;
}) {
  const loaded = useLoad(`${entryId}|${proxy}|${type}`, () =>
    send({ op: 'timelineDetail', entryId, proxy, type }),
  );
  if (loaded.status === 'ok') return <DiffView diff={loaded.value.diff} label={`${type} diff of ${proxy}`} />;
  if (loaded.status === 'error') return <p class="error-text">Could not load the diff: {loaded.message}</p>;
  return <p class="hint">Loading the {type} diff…</p>;
}

function ProxyRows({ change, entry, send }: { change: ProxyChange; entry: TimelineEntry; send: Send }) {
  const [open, setOpen] = useState<string | undefined>(undefined);
  const types = new Map<string, XdsDiff | undefined>(change.xds.map((d) => [d.type, d]));
  for (const a of change.acks) if (!types.has(a.type)) types.set(a.type, undefined);
  return (
    <tbody data-proxy={change.proxy}>
      {[...types].map(([type, diff], i) => {
        const ack = change.acks.find((a) => a.type === type);
        const isOpen = open === type;
        return [
          <tr key={type} data-type={type}>
            {i === 0 ? (
              <th scope="rowgroup" rowSpan={types.size + (open ? 1 : 0)} title={change.proxy}>
                {proxyLabel(change.proxy)}
              </th>
            ) : null}
            <td>
              {diff ? (
                <button
                  type="button"
                  class="link-button"
                  aria-expanded={isOpen}
                  onClick={() => setOpen(isOpen ? undefined : type)}
                >
                  {type}
                </button>
              ) : (
                type
              )}
            </td>
            <td class="diff-add">{diff ? names(diff.added) : ''}</td>
            <td class="diff-del">{diff ? names(diff.removed) : ''}</td>
            <td class="diff-chg">{diff ? names(diff.changed) : ''}</td>
            <td data-col="ack" class={ack && !ack.ok ? 'error-text' : undefined}>
              {ack ? ackText(ack, entry.time) : 'no answer yet'}
            </td>
          </tr>,
          isOpen ? (
            <tr key={`${type}-detail`} class="detail-row">
              <td colSpan={5}>
                <XdsDetail send={send} entryId={entry.id} proxy={change.proxy} type={type} />
              </td>
            </tr>
          ) : null,
        ];
      })}
    </tbody>
  );
}

function AckSummary({ entry }: { entry: TimelineEntry }) {
  let acked = 0;
  let nacked = 0;
  let slowest = 0;
  for (const p of entry.proxies) {
    for (const a of p.acks) {
      if (a.ok) acked++;
      else nacked++;
      slowest = Math.max(slowest, a.time - entry.time);
    }
  }
  return (
    <span class={nacked > 0 ? 'error-text' : undefined}>
      {entry.proxies.length} prox{entry.proxies.length === 1 ? 'y' : 'ies'}: {acked} ACK, {nacked} NACK
      {acked + nacked > 0 ? `, last answer ${formatOffset(slowest)}` : ''}
    </span>
  );
}

function MetricsCompare({ entry }: { entry: TimelineEntry }) {
  const fmt = (kind: 'rps' | 'fraction' | 'ms', v: number | undefined) =>
    v === undefined
      ? '…'
      : kind === 'rps'
        ? rpsText(v)
        : kind === 'fraction'
          ? percentText(v)
          : latencyText(v);
  return (
    <table class="data compact metrics-compare">
      <thead>
        <tr>
          <th scope="col">mesh</th>
          <th scope="col">before</th>
          <th scope="col">after</th>
        </tr>
      </thead>
      <tbody>
        {compareWindows(entry.before, entry.after).map((row) => (
          <tr key={row.label}>
            <th scope="row">{row.label}</th>
            <td class="num">{fmt(row.kind, row.before)}</td>
            <td class="num">{fmt(row.kind, row.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function TimelineEntryView({
  entry,
  send,
  newest,
}: {
  entry: TimelineEntry;
  send: Send;
  newest: boolean;
}) {
  const stats = diffStats(entry.yamlDiff);
  return (
    <li class={entry.accepted ? 'timeline-entry' : 'timeline-entry rejected'} data-entry-id={entry.id}>
      <header class="entry-header">
        <time dateTime={new Date(entry.time).toISOString()}>{formatClock(entry.time)}</time>
        <strong>v{entry.version}</strong>
        <span class={entry.accepted ? 'badge badge-ok' : 'badge badge-bad'} data-col="accepted">
          {entry.accepted ? 'accepted' : 'rejected'}
        </span>
        <span class="hint">{entry.source}</span>
        <span class="entry-files">{entry.files.join(', ')}</span>
      </header>
      {entry.diagnostics && entry.diagnostics.length > 0 ? (
        <ul class="diagnostics">
          {entry.diagnostics.map((d) => (
            <li key={d} class="error-text">
              <code>{d}</code>
            </li>
          ))}
        </ul>
      ) : null}
      {entry.resources.length > 0 ? (
        <ul class="plain entry-resources">
          {entry.resources.map((r) => (
            <li key={`${r.action} ${r.ref.kind}/${r.ref.namespace}/${r.ref.name}`}>
              <span class={`action action-${r.action}`}>{r.action}</span> <SourceRefText ref_={r.ref} />
            </li>
          ))}
        </ul>
      ) : null}
      <div class="entry-body">
        <div class="entry-main">
          <Disclosure summary={`YAML diff (+${stats.added} -${stats.removed})`} initiallyOpen={newest}>
            {() => <DiffView diff={entry.yamlDiff} label={`YAML diff of version ${entry.version}`} />}
          </Disclosure>
          {entry.proxies.length > 0 ? (
            <Disclosure summary={<AckSummary entry={entry} />} initiallyOpen={newest}>
              {() => (
                <div class="table-scroll">
                  <table class="data compact xds-changes">
                    <thead>
                      <tr>
                        <th scope="col">proxy</th>
                        <th scope="col">type</th>
                        <th scope="col">added</th>
                        <th scope="col">removed</th>
                        <th scope="col">changed</th>
                        <th scope="col">answer</th>
                      </tr>
                    </thead>
                    {entry.proxies.map((p) => (
                      <ProxyRows key={p.proxy} change={p} entry={entry} send={send} />
                    ))}
                  </table>
                </div>
              )}
            </Disclosure>
          ) : null}
        </div>
        {entry.accepted && entry.source !== 'initial' ? <MetricsCompare entry={entry} /> : null}
      </div>
    </li>
  );
}
