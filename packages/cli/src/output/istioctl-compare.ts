// `proxy-status PROXY` as istioctl 1.30 prints it (istioctl/pkg/writer/compare): the control plane's clusters,
// listeners and routes for the proxy against the proxy's own config_dump, each as `Clusters Match` or
// `Clusters Don't Match` followed by a unified diff (`--- Istiod Clusters` / `+++ Envoy Clusters`, 7 lines of
// context), routes with `(RDS last loaded at <RFC 1123 time>)`. Dynamic resources only, version_info and
// last_updated left out, sorted by name, printed as JSON indented by 4 (istioctl's protomarshal form) with keys
// sorted.
import { type ConfigDump, type Json, str } from '../dev/config-dump-sections.js';
import { normalizeClusters } from '../dev/expected-config.js';
import { unifiedDiff } from './unified-diff.js';

const byName = (a: Json, b: Json) => (str(a.name) < str(b.name) ? -1 : str(a.name) > str(b.name) ? 1 : 0);
/**
 * Object keys sorted at every level (Struct fields, i.e. metadata, come back from the proxy in another order), and
 * the translator's `filter_metadata.minimesh` source positions left out: they name the file and line a resource was
 * loaded from, which a recomputation cannot always reproduce (a file applied from another directory, or since edited).
 */
const sortKeys = (v: unknown, parent = ''): unknown => {
  if (Array.isArray(v)) return v.map((x) => sortKeys(x));
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(
    Object.keys(v)
      .filter((k) => !(parent === 'filter_metadata' && k === 'minimesh'))
      .sort()
      .map((k) => [k, sortKeys((v as Json)[k], k)]),
  );
};
const text = (v: unknown) => `${JSON.stringify(sortKeys(v), null, 4)}\n`;

const clustersText = (d: ConfigDump) =>
  text({
    dynamic_active_clusters: normalizeClusters(d.dynamicClusters())
      .sort(byName)
      .map((cluster) => ({ cluster })),
  });
const listenersText = (d: ConfigDump) =>
  text({
    dynamic_listeners: d
      .dynamicListeners()
      .sort(byName)
      .map((listener) => ({ name: listener.name, active_state: { listener } })),
  });
const routesText = (d: ConfigDump) =>
  text({
    dynamic_route_configs: d
      .dynamicRoutes()
      .sort(byName)
      .map((route_config) => ({ route_config })),
  });

/** Go's time.RFC1123 in UTC: `Mon, 02 Jan 2006 15:04:05 UTC`. */
export const rfc1123 = (d: Date): string => d.toUTCString().replace(/GMT$/, 'UTC');

export interface CompareResult {
  readonly text: string;
  /** True when clusters, listeners and routes all match. */
  readonly match: boolean;
}

export function compareDumps(istiod: ConfigDump, envoy: ConfigDump): CompareResult {
  let out = '';
  let match = true;
  const section = (title: string, a: string, b: string, suffix = '') => {
    const diff = unifiedDiff(`Istiod ${title}`, a, `Envoy ${title}`, b);
    if (diff === '') out += `${title} Match${suffix}\n`;
    else {
      match = false;
      out += `${title} Don't Match${suffix}\n${diff}\n`;
    }
  };
  section('Clusters', clustersText(istiod), clustersText(envoy));
  section('Listeners', listenersText(istiod), listenersText(envoy));
  const loaded = envoy.lastRouteUpdate();
  section(
    'Routes',
    routesText(istiod),
    routesText(envoy),
    loaded === undefined ? '' : ` (RDS last loaded at ${rfc1123(loaded)})`,
  );
  return { text: out, match };
}
