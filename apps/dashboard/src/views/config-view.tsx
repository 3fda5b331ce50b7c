// A proxy's config (`#/config/<proxy>`): the proxy select, its xDS status per type, its chain table and its raw
// config_dump. The chain and the dump are fetched on demand and fetched again whenever the proxy's xDS versions
// change (the server pushes `proxies` updates; the page never polls).
import type { ChainRow, ProxySummary } from '@minimesh/cli/dashboard-protocol';
import { useState } from 'preact/hooks';
import { JsonTree } from '../components/json-tree.js';
import { type Loadable, shown, useLoad } from '../components/use-load.js';
import type { ViewProps } from '../state.js';
import { ChainTable } from './chain-table.js';
import { xdsVersionKey } from './xds-rows.js';
import { XdsStatusTable } from './xds-status-table.js';
import './views.css';
import './config-views.css';

function ProxySelect(props: {
  proxies: readonly ProxySummary[];
  selected: string | undefined;
  onSelect(id: string): void;
}) {
  const known = props.proxies.some((p) => p.id === props.selected);
  return (
    <label class="proxy-select-label">
      Proxy
      <select
        data-testid="proxy-select"
        value={props.selected ?? ''}
        onChange={(e) => props.onSelect((e.currentTarget as HTMLSelectElement).value)}
      >
        {props.selected !== undefined && !known ? (
          <option value={props.selected}>{props.selected} (not connected)</option>
        ) : null}
        {props.proxies.length === 0 ? <option value="">no proxies yet</option> : null}
        {props.proxies.map((p) => (
          <option key={p.id} value={p.id}>
            {p.pod}.{p.namespace} ({p.type}){p.connected ? '' : ' disconnected'}
          </option>
        ))}
      </select>
    </label>
  );
}

function ProxyFacts({ proxy }: { proxy: ProxySummary }) {
  return (
    <dl class="facts">
      <dt>node</dt>
      <dd>
        <code>{proxy.id}</code>
      </dd>
      <dt>type</dt>
      <dd>{proxy.type}</dd>
      <dt>stream</dt>
      <dd class={proxy.connected ? undefined : 'error-text'}>
        {proxy.connected ? 'connected' : 'disconnected'}
      </dd>
      {proxy.adminAddress ? (
        <>
          <dt>admin</dt>
          <dd>
            <code>{proxy.adminAddress}</code>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

function LoadState<T>({ state, what }: { state: Loadable<T>; what: string }) {
  if (state.status === 'loading') return <p class="hint">Loading the {what}…</p>;
  if (state.status === 'error') {
    return (
      <p class="error-text">
        Could not load the {what}: {state.message}
      </p>
    );
  }
  return null;
}

function downloadJson(name: string, value: unknown): void {
  const blob = new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

export function ConfigView({ state, send, route, navigate }: ViewProps) {
  const selected = route.arg ?? state.proxies[0]?.id;
  const proxy = state.proxies.find((p) => p.id === selected);
  const versions = xdsVersionKey(proxy);
  const [dumpOpen, setDumpOpen] = useState(true);
  const chain = useLoad<readonly ChainRow[]>(
    `${selected}|${versions}`,
    selected === undefined ? undefined : () => send({ op: 'chain', proxy: selected }),
    selected,
  );
  const dump = useLoad<unknown>(
    `${selected}|${versions}|${dumpOpen}`,
    selected === undefined || !dumpOpen ? undefined : () => send({ op: 'configDump', proxy: selected }),
    selected,
  );
  const chainRows = shown(chain);
  const dumpValue = shown(dump);

  return (
    <div class="config-view">
      <div class="toolbar">
        <ProxySelect proxies={state.proxies} selected={selected} onSelect={(id) => navigate('config', id)} />
      </div>
      {selected === undefined ? (
        <p class="empty">No proxy has connected to the control plane yet.</p>
      ) : (
        <>
          {proxy ? (
            <ProxyFacts proxy={proxy} />
          ) : (
            <p class="error-text">Proxy {selected} is not connected.</p>
          )}
          <section aria-labelledby="xds-status-title">
            <h2 id="xds-status-title">xDS status</h2>
            {proxy ? <XdsStatusTable proxy={proxy} /> : null}
          </section>
          <section aria-labelledby="chain-title">
            <h2 id="chain-title">Listener → route → cluster → endpoints</h2>
            <LoadState state={chain} what="chain" />
            {chainRows ? <ChainTable rows={chainRows} /> : null}
          </section>
          <section aria-labelledby="dump-title">
            <h2 id="dump-title" class="with-actions">
              config_dump
              <button type="button" aria-expanded={dumpOpen} onClick={() => setDumpOpen(!dumpOpen)}>
                {dumpOpen ? 'Hide' : 'Show'}
              </button>
              {dumpValue !== undefined ? (
                <button type="button" onClick={() => downloadJson(`${selected}-config_dump.json`, dumpValue)}>
                  Download JSON
                </button>
              ) : null}
            </h2>
            <div class="config-dump" data-testid="config-dump">
              <LoadState state={dump} what="config_dump" />
              {dumpOpen && dumpValue !== undefined ? <JsonTree value={dumpValue} /> : null}
            </div>
          </section>
        </>
      )}
    </div>
  );
}
