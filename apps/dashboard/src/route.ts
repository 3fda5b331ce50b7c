// Hash routes of the page: `#/VIEW` or `#/VIEW/ARG`, ARG URI-encoded (a request id, a proxy id, a log filter).
import type { ViewName } from './state.js';

export interface Route {
  view: ViewName;
  arg?: string;
}

/** The views in navigation order, with their labels. */
export const NAV: readonly { view: ViewName; label: string }[] = [
  { view: 'graph', label: 'Graph' },
  { view: 'metrics', label: 'Metrics' },
  { view: 'requests', label: 'Requests' },
  { view: 'config', label: 'Config' },
  { view: 'mesh', label: 'Mesh' },
  { view: 'timeline', label: 'Timeline' },
  { view: 'whatif', label: 'What if' },
];

const VIEW_NAMES = new Set<string>(NAV.map((n) => n.view));

/** `#/VIEW` or `#/VIEW/ARG`; an unknown view or an empty hash is the graph. */
export function parseRoute(hash: string): Route {
  const m = /^#\/([a-z]+)(?:\/(.*))?$/s.exec(hash);
  const view = m?.[1];
  if (!m || !view || !VIEW_NAMES.has(view)) return { view: 'graph' };
  const raw = m[2];
  if (raw === undefined || raw === '') return { view: view as ViewName };
  let arg: string;
  try {
    arg = decodeURIComponent(raw);
  } catch {
    // A hand-typed `%` that is not an escape: keep the text as typed.
    arg = raw;
  }
  return { view: view as ViewName, arg };
}

/** The hash of a view and optional argument; parseRoute(routeHash(v, a)) gives back v and a. */
export function routeHash(view: ViewName, arg?: string): string {
  return arg === undefined || arg === '' ? `#/${view}` : `#/${view}/${encodeURIComponent(arg)}`;
}
