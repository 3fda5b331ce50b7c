// The diffs a timeline entry shows: the YAML of the changed Istio / Kubernetes resources before and after, and
// per proxy the xDS resources before and after by type (names added, removed, changed; a unified diff of one
// type's resources as JSON on demand). Resources are compared by content (object key order does not count).
import type { LoadedResource } from '@minimesh/model';
import { ResourceTypeUrl } from '@minimesh/xds-server';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { stringify } from 'yaml';
import { stableJson } from '../../dev/control-plane-store.js';
import type { SourceRef, XdsDiff } from '../protocol.js';

/** One proxy's xDS resources by kind, as the control plane's snapshots hold them. */
export interface ProxyResources {
  readonly listeners?: readonly object[];
  readonly routes?: readonly object[];
  readonly clusters?: readonly object[];
  readonly endpoints?: readonly object[];
  readonly secrets?: readonly object[];
}

/** The xDS types in istioctl's order, with the field of ProxyResources holding each. */
export const XDS_TYPES = [
  ['CDS', 'clusters'],
  ['LDS', 'listeners'],
  ['EDS', 'endpoints'],
  ['RDS', 'routes'],
  ['SDS', 'secrets'],
] as const satisfies readonly (readonly [string, keyof ProxyResources])[];

/** The xDS types in istioctl's order, with their type URLs (the ADS server's and the ACKs' `typeUrl`). */
export const XDS_TYPE_URLS = [
  ['CDS', ResourceTypeUrl.cluster],
  ['LDS', ResourceTypeUrl.listener],
  ['EDS', ResourceTypeUrl.endpoint],
  ['RDS', ResourceTypeUrl.route],
  ['SDS', ResourceTypeUrl.secret],
] as const satisfies readonly (readonly [string, string])[];

/** `LDS`, `lds`, `listeners` or a type URL (`...Listener`) -> the ProxyResources field; undefined otherwise. */
export function typeField(type: string): keyof ProxyResources | undefined {
  const t = type.toLowerCase();
  for (const [short, field] of XDS_TYPES) if (t === short.toLowerCase() || t === field) return field;
  if (t.endsWith('.cluster')) return 'clusters';
  if (t.endsWith('.listener')) return 'listeners';
  if (t.endsWith('.clusterloadassignment')) return 'endpoints';
  if (t.endsWith('.routeconfiguration')) return 'routes';
  if (t.endsWith('.secret')) return 'secrets';
  return undefined;
}

/** An xDS resource's name (`name`, or a ClusterLoadAssignment's `cluster_name`). */
export function xdsName(resource: object): string {
  const r = resource as { name?: unknown; cluster_name?: unknown };
  if (typeof r.name === 'string') return r.name;
  if (typeof r.cluster_name === 'string') return r.cluster_name;
  return '';
}

function byName(list: readonly object[] | undefined): Map<string, string> {
  return new Map((list ?? []).map((r) => [xdsName(r), stableJson(r)]));
}

/** Per type, the names added, removed and changed from `before` to `after`; types without a change left out. */
export function xdsDiffs(before: ProxyResources, after: ProxyResources): XdsDiff[] {
  const out: XdsDiff[] = [];
  for (const [type, field] of XDS_TYPES) {
    const a = byName(before[field]);
    const b = byName(after[field]);
    const added = [...b.keys()].filter((n) => !a.has(n)).sort();
    const removed = [...a.keys()].filter((n) => !b.has(n)).sort();
    const changed = [...b.keys()].filter((n) => a.has(n) && a.get(n) !== b.get(n)).sort();
    if (added.length + removed.length + changed.length > 0) out.push({ type, added, removed, changed });
  }
  return out;
}

function jsonText(list: readonly object[] | undefined): string {
  const sorted = [...(list ?? [])].sort((x, y) =>
    xdsName(x) < xdsName(y) ? -1 : xdsName(x) > xdsName(y) ? 1 : 0,
  );
  return sorted.length === 0 ? '' : `${JSON.stringify(JSON.parse(stableJson(sorted)), null, 2)}\n`;
}

/** Unified diff of one type's resources (sorted by name, as JSON), before -> after; '' when equal. */
export function typeDiff(
  label: string,
  before: ProxyResources,
  after: ProxyResources,
  field: keyof ProxyResources,
): string {
  const a = jsonText(before[field]);
  const b = jsonText(after[field]);
  return a === b
    ? ''
    : createTwoFilesPatch(`a/${label}`, `b/${label}`, a, b, undefined, undefined, {
        context: 3,
        headerOptions: FILE_HEADERS_ONLY,
      });
}

export interface ChangedRef {
  readonly group: string;
  readonly kind: string;
  readonly namespace: string | undefined;
  readonly name: string;
  readonly file: string;
}

const keyOf = (r: { group: string; kind: string; namespace: string | undefined; name: string }) =>
  `${r.group}/${r.kind}/${r.namespace ?? ''}/${r.name}`;

function yamlOf(r: LoadedResource | undefined): string {
  return r === undefined ? '' : stringify(r.object);
}

/**
 * Unified diff of the YAML of each changed resource, before -> after (one patch per resource, named by its file and
 * `Kind ns/name`); resources whose YAML did not change are left out.
 */
export function yamlDiff(
  before: readonly LoadedResource[],
  after: readonly LoadedResource[],
  changed: readonly ChangedRef[],
): string {
  const a = new Map(before.map((r) => [keyOf(r), r]));
  const b = new Map(after.map((r) => [keyOf(r), r]));
  const patches: string[] = [];
  const done = new Set<string>();
  for (const c of changed) {
    const key = keyOf(c);
    if (done.has(key)) continue;
    done.add(key);
    const from = yamlOf(a.get(key));
    const to = yamlOf(b.get(key));
    if (from === to) continue;
    const ref = `${c.kind} ${c.namespace === undefined ? '' : `${c.namespace}/`}${c.name}`;
    patches.push(
      createTwoFilesPatch(`a/${c.file}`, `b/${c.file}`, from, to, ref, ref, {
        context: 3,
        headerOptions: FILE_HEADERS_ONLY,
      }),
    );
  }
  return patches.join('');
}

/** SourceRef of a changed resource (its file and line when known). */
export function refOf(c: ChangedRef & { readonly line?: number }): SourceRef {
  return {
    kind: c.kind,
    namespace: c.namespace ?? '',
    name: c.name,
    file: c.file,
    ...(c.line === undefined ? {} : { line: c.line }),
  };
}
