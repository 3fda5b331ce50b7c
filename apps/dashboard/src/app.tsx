// The shell: header (connection state, control plane version, mesh folder), navigation and the current view,
// chosen by the location hash (`#/graph`, `#/requests/42`, `#/config/<proxy>`, ...).
import type { ComponentType } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { NAV, parseRoute, type Route, routeHash } from './route.js';
import type { DashboardState, Send, Store, ViewName, ViewProps } from './state.js';
import { ConfigView } from './views/config-view.js';
import { GraphView } from './views/graph-view.js';
import { MeshView } from './views/mesh-view.js';
import { MetricsView } from './views/metrics-view.js';
import { RequestsView } from './views/requests-view.js';
import { TimelineView } from './views/timeline-view.js';
import { WhatIfView } from './views/whatif-view.js';
import type { WsClient } from './ws-client.js';

const VIEWS: Record<ViewName, ComponentType<ViewProps>> = {
  graph: GraphView,
  metrics: MetricsView,
  requests: RequestsView,
  config: ConfigView,
  mesh: MeshView,
  timeline: TimelineView,
  whatif: WhatIfView,
};

function useRoute(): [Route, (view: ViewName, arg?: string) => void] {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const navigate = useCallback((view: ViewName, arg?: string) => {
    const hash = routeHash(view, arg);
    if (window.location.hash !== hash) window.location.hash = hash;
  }, []);
  return [route, navigate];
}

function useStore(store: Store): DashboardState {
  const [state, setState] = useState(store.state);
  useEffect(() => {
    setState(store.state);
    return store.subscribe(setState);
  }, [store]);
  return state;
}

function ConnectionBadge({ state }: { state: DashboardState }) {
  const text = state.connected ? 'live' : state.error ? 'offline' : 'connecting';
  return (
    <span
      class={`connection connection-${state.connected ? 'live' : 'down'}`}
      data-testid="connection"
      title={state.error ?? (state.connected ? 'pushed live over the websocket' : 'reconnecting')}
      role="status"
    >
      {text}
    </span>
  );
}

export function App({ store, client }: { store: Store; client: WsClient }) {
  const state = useStore(store);
  const [route, navigate] = useRoute();
  const send = useCallback<Send>((req) => client.send(req), [client]);
  const View = VIEWS[route.view];
  const current = NAV.find((n) => n.view === route.view);
  useEffect(() => {
    document.title = `${current?.label ?? 'Graph'} · minimesh`;
  }, [current]);
  return (
    <div class="shell">
      <header class="top">
        <a class="brand" href="#/graph">
          minimesh
        </a>
        <ConnectionBadge state={state} />
        <span class="version" data-testid="config-version" title="control plane config version">
          {state.version > 0 ? `config v${state.version}` : 'config -'}
        </span>
        {state.meshDir && (
          <span class="mesh-dir" title="mesh folder">
            {state.meshDir}
          </span>
        )}
        {state.error && (
          <span class="top-error" role="alert">
            {state.error}
          </span>
        )}
      </header>
      <nav class="nav" aria-label="views">
        {NAV.map((n) => (
          <a
            key={n.view}
            href={routeHash(n.view)}
            data-testid={`nav-${n.view}`}
            aria-current={n.view === route.view ? 'page' : undefined}
          >
            {n.label}
          </a>
        ))}
      </nav>
      <main class="main" id="main">
        <View state={state} send={send} route={route} navigate={navigate} />
      </main>
    </div>
  );
}
