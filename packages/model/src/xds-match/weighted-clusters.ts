// RouteAction.weighted_clusters, as Envoy's WeightedClusterSpecifierPlugin picks a cluster:
// - total = the sum of the clusters' weights (must be > 0 and <= 2^32-1, else Envoy rejects the route);
// - the deprecated total_weight, when set and non-zero, must equal that sum (older Envoys rejected a mismatch; the
//   pick is the same either way);
// - selected = random % total, and the clusters own consecutive intervals [0, w0), [w0, w0+w1) ... in order, so a
//   weight-0 cluster owns an empty interval and is never picked;
// - header_name: when the request has exactly one value of that header and it is a base-10 uint64, that value
//   replaces the caller's random (otherwise the caller's random is used, as Envoy falls back to the stream id);
// - a cluster given by cluster_header routes to the first value of that request header (undefined when absent:
//   Envoy then answers with cluster_not_found_response_code).
// runtime_key_prefix (runtime weight overrides) is not modelled: the configured weights are used.
import type {
  _envoy_config_route_v3_WeightedCluster_ClusterWeight as ClusterWeight,
  WeightedCluster,
} from '../generated/types/envoy/config/route/v3/WeightedCluster.js';
import { asciiLower } from './ascii.js';
import { type ExplainOption, type MatchResult, XdsMatchError } from './match-result.js';
import { checkRandom, parseUint64, type RandomValue, randomModulo } from './numbers.js';
import { uint32Value } from './proto.js';
import { type HttpHeaders, type RequestHeaders, toRequestHeaders } from './request.js';

/** One entry of WeightedCluster.clusters. */
export type { ClusterWeight };

/** Why an earlier cluster did not take the selected value. */
export interface WeightedClusterMismatch {
  readonly clusterIndex: number;
  readonly clusterName?: string;
  readonly field: 'weight';
  /** e.g. `weight 50 covers [0, 50), not 73`, `weight 0 is never picked`. */
  readonly detail: string;
}

export interface WeightedClusterPick extends MatchResult<ClusterWeight, WeightedClusterMismatch> {
  /** The cluster to route to: the entry's name, or its cluster_header's first value; undefined if that is absent. */
  readonly clusterName: string | undefined;
  /** random % totalWeight: the point whose interval was looked up. */
  readonly selectedValue: number;
  readonly totalWeight: number;
  /** True when the random value came from the header_name request header. */
  readonly randomFromHeader: boolean;
}

export interface CompiledWeightedClusters {
  readonly totalWeight: number;
  /** Picks with `random` (validated by the caller with checkRandom); `headers` serve header_name and cluster_header. */
  pick(random: RandomValue, headers: RequestHeaders | undefined, explain: boolean): WeightedClusterPick;
}

const UINT32_MAX = 0xffffffff;

/** Compiles weighted_clusters. Throws XdsMatchError for what Envoy rejects (sum 0, name and cluster_header ...). */
export function compileWeightedClusters(
  wc: WeightedCluster,
  path = 'weighted_clusters',
): CompiledWeightedClusters {
  const clusters = wc.clusters ?? [];
  const weights: number[] = [];
  let total = 0;
  clusters.forEach((c, i) => {
    const hasName = (c.name ?? '') !== '';
    const hasHeader = (c.cluster_header ?? '') !== '';
    if (hasName === hasHeader) {
      throw new XdsMatchError(
        `${path}.clusters[${i}]`,
        hasName
          ? 'only one of name or cluster_header can be set'
          : 'one of name or cluster_header must be set',
      );
    }
    const w = uint32Value(c.weight, 0);
    weights.push(w);
    total += w;
  });
  if (total > UINT32_MAX) {
    throw new XdsMatchError(`${path}.clusters`, `the sum of weights exceeds ${UINT32_MAX}`);
  }
  if (total === 0) throw new XdsMatchError(`${path}.clusters`, 'the sum of weights must be greater than 0');
  const declared = uint32Value(wc.total_weight, 0);
  if (declared !== 0 && declared !== total) {
    throw new XdsMatchError(
      `${path}.total_weight`,
      `the sum of weights ${total} should add up to ${declared}`,
    );
  }
  const randomHeader = asciiLower(wc.header_name ?? '');

  return {
    totalWeight: total,
    pick(random, headers, explain) {
      let value = random;
      let randomFromHeader = false;
      if (randomHeader !== '' && headers !== undefined) {
        const values = headers.all(randomHeader);
        const parsed = values.length === 1 && values[0] !== undefined ? parseUint64(values[0]) : undefined;
        if (parsed !== undefined) {
          value = parsed;
          randomFromHeader = true;
        }
      }
      const selected = randomModulo(value, total);
      const trace: WeightedClusterMismatch[] | undefined = explain ? [] : undefined;
      let begin = 0;
      for (let i = 0; i < clusters.length; i++) {
        const cluster = clusters[i] as ClusterWeight;
        const weight = weights[i] ?? 0;
        const end = begin + weight;
        if (selected >= begin && selected < end) {
          const header = asciiLower(cluster.cluster_header ?? '');
          const clusterName = header === '' ? cluster.name : headers?.all(header)[0];
          const base = {
            matched: cluster,
            index: i,
            clusterName,
            selectedValue: selected,
            totalWeight: total,
          };
          return trace === undefined ? { ...base, randomFromHeader } : { ...base, randomFromHeader, trace };
        }
        if (trace !== undefined) {
          trace.push({
            clusterIndex: i,
            ...((cluster.name ?? '') === '' ? {} : { clusterName: cluster.name }),
            field: 'weight',
            detail:
              weight === 0
                ? 'weight 0 is never picked'
                : `weight ${weight} covers [${begin}, ${end}), not ${selected}`,
          });
        }
        begin = end;
      }
      // Unreachable: the intervals cover [0, total) and selected < total.
      throw new Error(`weighted cluster pick found no interval for ${selected}`);
    },
  };
}

export interface PickWeightedClusterOptions extends ExplainOption {
  /** Request headers, for header_name and cluster_header. */
  readonly headers?: HttpHeaders;
}

/** Plain form: the cluster Envoy picks for `random`. Compiles on every call. */
export function pickWeightedCluster(
  wc: WeightedCluster,
  random: RandomValue,
  options: PickWeightedClusterOptions = {},
): WeightedClusterPick {
  checkRandom(random);
  const headers = options.headers === undefined ? undefined : toRequestHeaders(options.headers);
  return compileWeightedClusters(wc).pick(random, headers, options.explain === true);
}
