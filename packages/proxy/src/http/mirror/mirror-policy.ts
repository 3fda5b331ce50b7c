// RouteAction.request_mirror_policies, compiled: the shadow cluster (`cluster`, or the first value of the request
// header `cluster_header`; exactly one of them), the share of requests shadowed (runtime_fraction's default_value,
// evaluated with the request's random value as Envoy evaluates it with the stream id; all requests when unset), and
// whether ":authority" gets the "-shadow" suffix (disable_shadow_host_suffix_append, default false).
// trace_sampled is accepted and has no effect (no tracing).
import type { RouteAction } from '@minimesh/model/xds';
import { type CompiledRuntimeFraction, compileRuntimeFraction } from '@minimesh/model/xds';
import { ConfigRejectedError, errorText } from '../../errors.js';

export interface MirrorPolicy {
  readonly cluster: string | undefined;
  /** Lower-case header name, when the cluster comes from the request. */
  readonly clusterHeader: string | undefined;
  readonly fraction: CompiledRuntimeFraction | undefined;
  readonly hostSuffix: boolean;
}

/** No mirrors (shared, so routes without mirrors allocate nothing). */
export const NO_MIRRORS: readonly MirrorPolicy[] = Object.freeze([]);

export function compileMirrorPolicies(
  action: RouteAction | undefined | null,
  owner: string,
  at: string,
): readonly MirrorPolicy[] {
  const list = action?.request_mirror_policies ?? [];
  if (list.length === 0) return NO_MIRRORS;
  return list.map((p, i) => {
    const where = `${at}.route.request_mirror_policies[${i}]`;
    const cluster = p.cluster ?? '';
    const header = (p.cluster_header ?? '').toLowerCase();
    if ((cluster === '') === (header === '')) {
      throw new ConfigRejectedError(
        'RouteConfiguration',
        owner,
        `${where}: exactly one of cluster and cluster_header must be set`,
      );
    }
    let fraction: CompiledRuntimeFraction | undefined;
    if (p.runtime_fraction !== undefined && p.runtime_fraction !== null) {
      try {
        fraction = compileRuntimeFraction(p.runtime_fraction, `${where}.runtime_fraction`);
      } catch (err) {
        throw new ConfigRejectedError('RouteConfiguration', owner, errorText(err), { cause: err });
      }
    }
    return {
      cluster: cluster === '' ? undefined : cluster,
      clusterHeader: header === '' ? undefined : header,
      fraction,
      hostSuffix: p.disable_shadow_host_suffix_append !== true,
    };
  });
}

/**
 * Envoy's shadow authority: "-shadow" appended to the host, before a port ("reviews:9080" becomes
 * "reviews-shadow:9080"; a bracketed IPv6 literal keeps its brackets).
 */
export function shadowAuthority(authority: string): string {
  const colon = authority.lastIndexOf(':');
  const hasPort =
    colon > 0 &&
    /^\d+$/.test(authority.slice(colon + 1)) &&
    (authority[0] !== '[' || authority[colon - 1] === ']');
  if (!hasPort) return `${authority}-shadow`;
  return `${authority.slice(0, colon)}-shadow${authority.slice(colon)}`;
}
