// CLUSTER patches (istiod 1.30 cluster_patch.go ApplyClusterMerge, mergeTransportSocketCluster, InsertedClusters,
// clusterMatch). A cluster is matched by name, or by the parts of its subset key (`outbound|9080|v1|host`): subset,
// service host (for inbound clusters, whose key has no host, the hosts of the Services behind the port) and port.
// REMOVE drops it; MERGE merges the value into it, except that a transport socket in the value is merged on its own
// (by typed_config into the socket of the same name, else replacing it) and then the rest of the value is not.
// ADD inserts a cluster of the patch value.
import type { Cluster } from '@minimesh/model';
import { parseSubsetKey } from '../naming.js';
import {
  addContextMatches,
  type CompiledPatch,
  contextMatches,
  type PatchContext,
} from './compile-patches.js';
import type { PatchRun } from './patch-run.js';
import { cloneValue, mergeAnyWithAny, mergedMessage, type ObjectForm } from './proto-merge.js';

const CLUSTER = 'envoy.config.cluster.v3.Cluster';

function obj(v: unknown): ObjectForm | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as ObjectForm) : undefined;
}

function clusterMatches(cluster: ObjectForm, patch: CompiledPatch, inboundHosts: readonly string[]): boolean {
  const m = patch.match.cluster;
  if (m === undefined) return true;
  const name = typeof cluster.name === 'string' ? cluster.name : '';
  if (m.name) return m.name === name;
  const key = parseSubsetKey(name);
  const hosts =
    key?.direction === 'inbound' && inboundHosts.length > 0 ? inboundHosts : [key?.hostname ?? ''];
  if (m.subset && m.subset !== (key?.subset ?? '')) return false;
  if (m.service && !hosts.includes(m.service)) return false;
  // Port 0 means "any"; a cluster that is not a subset key has port 0.
  if (m.portNumber && m.portNumber !== (key?.port ?? 0)) return false;
  return true;
}

/**
 * Patches one cluster built in `context`; undefined when a REMOVE drops it. `inboundHosts` are the Service hosts of
 * an inbound cluster's port (empty for outbound clusters).
 */
export function patchCluster(
  run: PatchRun,
  context: PatchContext,
  patches: readonly CompiledPatch[],
  original: Cluster,
  inboundHosts: readonly string[],
): Cluster | undefined {
  // Most clusters match no patch: those are returned as they are, without a copy.
  const relevant = patches.filter(
    (p) =>
      p.operation !== 'ADD' &&
      contextMatches(p, context) &&
      clusterMatches(original as ObjectForm, p, inboundHosts),
  );
  if (relevant.length === 0) return original;
  // Clusters are many: they are patched without a deep copy, by building new values along the changed paths.
  return run.guard(
    CLUSTER,
    original,
    `cluster ${original.name ?? ''}`,
    (input) => {
      let c = input as ObjectForm;
      for (const p of relevant) {
        // Matched again on the patched cluster: a MERGE may have changed what later patches see.
        if (!clusterMatches(c, p, inboundHosts)) continue;
        if (p.operation === 'REMOVE') {
          run.applied(p);
          return undefined;
        }
        if (p.operation !== 'MERGE' && p.operation !== 'MERGE_AND_REPLACE_LIST') continue;
        const ts = mergeTransportSocket(run, p, c);
        if (ts === 'skip') continue;
        c =
          ts === 'not-merged'
            ? mergedMessage(CLUSTER, c, p.value ?? {}, { replaceLists: p.operation !== 'MERGE' })
            : ts;
        run.applied(p);
      }
      return c as Cluster;
    },
    false,
  );
}

/**
 * istiod mergeTransportSocketCluster. With transport_socket_matches, the socket of the patch's name among them is
 * merged (none of that name: the patch is dropped, since a cluster cannot have both); else the cluster's socket of
 * that name is merged, and a socket of another name (or none) is replaced by the patch's. Returns the new cluster
 * ('not-merged': the caller merges the whole value; 'skip': sockets of different types, reported).
 */
function mergeTransportSocket(
  run: PatchRun,
  patch: CompiledPatch,
  cluster: ObjectForm,
): ObjectForm | 'not-merged' | 'skip' {
  const given = obj(patch.value?.transport_socket);
  if (given === undefined) return 'not-merged';
  const matches = Array.isArray(cluster.transport_socket_matches)
    ? (cluster.transport_socket_matches as ObjectForm[])
    : [];
  if (matches.length > 0) {
    const i = matches.findIndex((m) => obj(m.transport_socket)?.name === given.name);
    if (i < 0) return cluster;
    const m = matches[i] as ObjectForm;
    const ts = mergedSocket(run, patch, m.transport_socket as ObjectForm, given);
    if (ts === undefined) return 'skip';
    const out = [...matches];
    out[i] = { ...m, transport_socket: ts };
    return { ...cluster, transport_socket_matches: out };
  }
  const current = obj(cluster.transport_socket);
  if (current === undefined || current.name !== given.name)
    return { ...cluster, transport_socket: cloneValue(given) };
  const ts = mergedSocket(run, patch, current, given);
  return ts === undefined ? 'skip' : { ...cluster, transport_socket: ts };
}

/** A socket with the patch socket's typed_config merged into its own (undefined when their types differ). */
function mergedSocket(
  run: PatchRun,
  patch: CompiledPatch,
  socket: ObjectForm,
  given: ObjectForm,
): ObjectForm | undefined {
  const dst = obj(socket.typed_config);
  const src = obj(given.typed_config);
  if (dst === undefined || src === undefined) return socket;
  const merged = mergeAnyWithAny(dst, src);
  if (merged === undefined) {
    run.typeMismatch(patch, `transport socket ${String(socket.name)}`, dst['@type'], src['@type']);
    return undefined;
  }
  return { ...socket, typed_config: merged };
}

/** The clusters ADD patches insert in `context` (context ANY inserts only for sidecar outbound and gateways). */
export function insertedClusters(context: PatchContext, patches: readonly CompiledPatch[]): Cluster[] {
  const out: Cluster[] = [];
  for (const p of patches) {
    if (p.operation !== 'ADD' || !addContextMatches(p, context)) continue;
    // The value decoded as a Cluster, so the copy encodes.
    out.push(cloneValue(p.value ?? {}) as Cluster);
  }
  return out;
}
