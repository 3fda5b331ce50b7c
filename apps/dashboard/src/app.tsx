// The shell: header (connection state, control plane version, mesh folder), navigation and the current view,
// chosen by the location hash (`#/graph`, `#/requests/42`, `#/config/<proxy>`, ...).
import type { ComponentType } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { DashboardState, Send, ViewName, ViewProps } from './state.js';
import type { Store } from './state.js';
import { GraphView } from './views/graph-view.js';
import { MetricsView } from './views/metrics-view.js';
import type { WsClient } from './ws-client.js';

export interface Route {
  view: ViewName;
  arg?: string;
}

const NAV: readonly { view: ViewName; label: string }[] = [
  { view: 'graph', label: 'Graph' },
  { view: 'metrics', label: 'Metrics' },
  { view: 'requests', label: 'Requests' },
  { view: 'config', label: 'Config' },
  { view: 'mesh', label: 'Mesh' },
  { view: 'timeline', label: 'Timeline' },
  { view: 'whatif', label: 'What if' },
];

const VIEWS: Partial<Record<ViewName, ComponentType<ViewProps>>> = {
  graph: GraphView,
  metrics: MetricsView,
};

const VIEW_NAMES = new Set<string>(NAV.map((n) => n.view));

/** `#/VIEW` or `#/VIEW/ARG` (ARG URI-encoded); anything else is the graph. */
export function parseRoute(hash: string): Route {
  const m = /^#\/([a-z]+)(?:\/(.*))?$/.exec(hash);
  const view = m?.[1];
  if (!view || !VIEW_NAMES.has(view)) return { view: 'graph' };
  const raw = m[2];
  if (raw === undefined || raw === '') return { view: view as ViewName };
  let arg: string;
  try {
    arg = decodeURIComponent(raw);
  } catch {
    arg = raw;
  }
  return { view: view as ViewName, arg };
}

export function routeHash(view: ViewName, arg?: string): string {
  return arg === undefined || arg === '' ? `#/${view}` : `#/${view}/${encodeURIComponent(arg)}`;
}

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
        {View ? (
          <View state={state} send={send} route={route} navigate={navigate} />
        ) : (
          <p class="muted">The {current?.label} view is missing from this build.</p>
        )}
      </main>
    </div>
  );
}
