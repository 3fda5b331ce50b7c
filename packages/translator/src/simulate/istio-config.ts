// The Istio resource behind a route. istiod writes `filter_metadata.istio.config` as the resource's API path
// (`/apis/networking.istio.io/v1/namespaces/<ns>/virtual-service/<name>`); minimesh adds `filter_metadata.minimesh`
// with the source `file`, `line` and the `http` index of the VirtualService route. Routes without metadata (istiod's
// default routes, allow_any, block_all) have no config.
import type { Route } from '@minimesh/model';
import type { SimulatedConfig } from './types.js';

type Fields = Readonly<Record<string, { stringValue?: string; numberValue?: number | string } | undefined>>;

function fieldsOf(route: Route, filter: string): Fields | undefined {
  return route.metadata?.filter_metadata?.[filter]?.fields as Fields | undefined;
}

/** `virtual-service` -> `VirtualService`. */
function kindOf(segment: string): string {
  return segment
    .split('-')
    .map((w) => (w === '' ? '' : w[0]?.toUpperCase() + w.slice(1)))
    .join('');
}

/** Parses `/apis/<group>/<version>/namespaces/<ns>/<kind>/<name>`; undefined for anything else. */
export function parseConfigPath(path: string): { kind: string; namespace: string; name: string } | undefined {
  const m = /^\/apis\/[^/]+\/[^/]+\/namespaces\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(path);
  if (m === null) return undefined;
  const [, namespace = '', kind = '', name = ''] = m;
  return { kind: kindOf(kind), namespace, name };
}

/** The Istio config of a route, from its metadata; undefined when the route carries none. */
export function routeConfigSource(route: Route): SimulatedConfig | undefined {
  const path = fieldsOf(route, 'istio')?.config?.stringValue;
  if (path === undefined) return undefined;
  const parsed = parseConfigPath(path);
  if (parsed === undefined) return undefined;
  const mm = fieldsOf(route, 'minimesh');
  const file = mm?.file?.stringValue;
  const line = mm?.line?.numberValue;
  const http = mm?.http?.numberValue;
  return {
    ...parsed,
    path,
    ...(file === undefined ? {} : { file }),
    ...(line === undefined ? {} : { line: Number(line) }),
    ...(http === undefined ? {} : { httpIndex: Number(http) }),
  };
}
