// What the dev control plane would send a connected proxy, for `mesh proxy-status PROXY`'s diff: the control
// plane's live resources (GET /config), reloaded with their source positions (from their files when those still
// hold the same object, so the translator's file:line route metadata agrees), translated for the proxy's planned
// instance exactly as the control plane translates (translateInstance), and printed as a /config_dump.
// The dev mesh's local rewrite (rewrite-translation.ts) sends endpoints to ports only the control plane's address
// plan knows; so both sides are compared with the socket addresses of clusters' load_assignment blanked
// (`*:0`), and a sidecar's ORIGINAL_DST inbound clusters made STATIC as the rewrite makes them. Route
// configurations no listener fetches over RDS are left out, as the xDS server never sends them.
import { readFile } from 'node:fs/promises';
import { configDumpToString, type LoadedResource, loadManifests } from '@minimesh/model';
import type { MeshConfig } from '@minimesh/translator';
import { rdsNamesOf } from '@minimesh/xds-server';
import { stringify } from 'yaml';
import { controlGet } from './admin-client.js';
import { ConfigDump, type Json, obj } from './config-dump-sections.js';
import type { ProxyEntry } from './control-plane-status.js';
import { stableJson } from './control-plane-store.js';
import { rewriteInboundClusters } from './rewrite-inbound.js';
import { configDumpOf, translateInstance } from './translate-instance.js';

interface ConfigAnswer {
  readonly version: number;
  /** The MeshConfig the control plane translates with (older control planes leave it out). */
  readonly mesh?: MeshConfig;
  readonly resources: readonly {
    apiVersion: string;
    kind: string;
    namespace?: string;
    name: string;
    file: string;
    line: number;
    object: Record<string, unknown>;
  }[];
}

const keyOf = (kind: string, namespace: string | undefined, name: string) =>
  `${kind}/${namespace ?? ''}/${name}`;

/** The control plane's resources as LoadedResources, in its order. */
export async function liveResources(controlPlane: string): Promise<LoadedResource[]> {
  return (await liveConfig(controlPlane)).resources;
}

/** The control plane's resources (as liveResources) and the MeshConfig it translates with. */
export async function liveConfig(
  controlPlane: string,
): Promise<{ resources: LoadedResource[]; mesh: MeshConfig | undefined }> {
  const answer = await controlGet<ConfigAnswer>(controlPlane, '/config');
  const fromFiles = new Map<string, LoadedResource>();
  for (const file of new Set(answer.resources.map((r) => r.file))) {
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    for (const r of loadManifests(text, { file }).resources)
      fromFiles.set(`${file}#${keyOf(r.kind, r.namespace, r.name)}`, r);
  }
  const out: LoadedResource[] = [];
  for (const r of answer.resources) {
    const onDisk = fromFiles.get(`${r.file}#${keyOf(r.kind, r.namespace, r.name)}`);
    if (onDisk !== undefined && stableJson(onDisk.object) === stableJson(r.object)) {
      out.push(onDisk);
      continue;
    }
    const metadata = {
      ...obj(r.object.metadata),
      ...(r.namespace === undefined ? {} : { namespace: r.namespace }),
    };
    const loaded = loadManifests(stringify({ ...r.object, metadata }), { file: r.file });
    out.push(...loaded.resources);
  }
  return { resources: out, mesh: answer.mesh };
}

/** `*:0` for every socket address under clusters' load_assignment; inbound clusters as the local rewrite has them. */
export function normalizeClusters(clusters: readonly Json[]): Json[] {
  const blank = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(blank);
    if (typeof v !== 'object' || v === null) return v;
    const o = v as Json;
    if (o.socket_address !== undefined)
      return { ...o, socket_address: { ...obj(o.socket_address), address: '*', port_value: 0 } };
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, blank(x)]));
  };
  return clusters.map((c) =>
    c.load_assignment === undefined ? c : { ...c, load_assignment: blank(c.load_assignment) },
  );
}

/** The config_dump the control plane would send `proxy` now (see the file comment for what is normalised). */
export async function expectedConfigDump(controlPlane: string, proxy: ProxyEntry): Promise<ConfigDump> {
  const { resources, mesh } = await liveConfig(controlPlane);
  const kind = proxy.type === 'router' ? 'gateway' : 'proxy';
  const { translation } = translateInstance(resources, `${proxy.pod}.${proxy.namespace}`, kind, mesh);
  const clusters =
    kind === 'proxy' ? rewriteInboundClusters(translation.clusters, () => 0) : translation.clusters;
  // The xDS server sends only the route configurations the listeners ask for over RDS.
  const wanted = new Set(translation.listeners.flatMap((l) => rdsNamesOf(l)));
  const routes = translation.routes.filter((r) => wanted.has(r.name ?? ''));
  const text = configDumpToString(configDumpOf({ ...translation, clusters, routes }));
  return ConfigDump.parse(text, `the control plane's config for ${proxy.pod}.${proxy.namespace}`);
}
