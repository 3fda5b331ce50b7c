// CDS for proxyless gRPC (istiod 1.30 grpcgen/cds.go): only the clusters gRPC asked for by name, grouped by their
// default cluster `outbound|<port>||<host>`; each is a plain EDS cluster over ADS (`eds_config: {ads: {}}`, as
// grpcgen writes it), shaped by the DestinationRule's policy for the port (subsets merged as for sidecars) in the
// three ways gRPC understands: load balancing (A42 ring hash, A48 least request; round robin is gRPC's default and
// stays unset), circuit breaking (A32: only max_requests, from http2MaxRequests) and ISTIO_MUTUAL TLS (A29, with the
// bootstrap's certificate provider). Everything else a DestinationRule says has no gRPC form and is not sent.
import type { Cluster, DestinationRule, LoadBalancerSettings, LoadedResource } from '@minimesh/model';
import { altStatName } from '../cluster/cluster-names.js';
import { serviceAccountsOf } from '../cluster/service-facts.js';
import {
  type ClusterPolicy,
  mergeDestinationRules,
  policyForPort,
  subsetPolicyForPort,
} from '../cluster/traffic-policy.js';
import type { MessageSink } from '../messages.js';
import { parseSubsetKey, subsetKey } from '../naming.js';
import type { MeshProxy } from '../proxy.js';
import type { PushContext } from '../push-context.js';
import { GRPC_UNSUPPORTED } from './grpc-route-compat.js';
import { grpcUpstreamTlsSocket } from './grpc-tls.js';

/** What the client supports beyond what every gRPC language has. */
export interface GrpcClusterOptions {
  /** The client has least_request (grpc-go, grpc-java: true, istiod's assumption; grpc-js: false). */
  readonly leastRequest?: boolean;
}

/** Where a policy came from, for messages: the rule and the path of the policy in it. */
interface PolicySource {
  readonly rule: LoadedResource<DestinationRule>;
  readonly path: (string | number)[];
}

/** grpcgen edsCluster: an EDS cluster named and served by its own name. */
function edsCluster(name: string): Cluster {
  return {
    name,
    alt_stat_name: altStatName(name),
    type: 'EDS',
    eds_cluster_config: { service_name: name, eds_config: { ads: {} } },
  };
}

/**
 * grpcgen applyLoadBalancing: consistentHash -> RING_HASH (istiod's ApplyRingHashLoadBalancer, minimum ring size
 * 1024 unless set), LEAST_REQUEST -> LEAST_REQUEST, ROUND_ROBIN / unset -> gRPC's default. istiod logs and skips the
 * rest; here they become messages. Maglev has no gRPC form (istiod would write MAGLEV, which gRPC NACKs).
 */
function applyLoadBalancing(
  c: Cluster,
  lb: LoadBalancerSettings | undefined,
  src: PolicySource | undefined,
  sink: MessageSink,
  options: GrpcClusterOptions,
): void {
  if (lb === undefined) return;
  const warn = (what: string, field: string[]) => {
    if (src !== undefined)
      sink.about(
        src.rule,
        GRPC_UNSUPPORTED,
        'Warning',
        `proxyless gRPC: loadBalancer.${what} is not applied to ${c.name}; gRPC balances it round robin`,
        [...src.path, 'loadBalancer', ...field],
      );
  };
  const hash = lb.consistentHash;
  if (hash !== undefined) {
    if (hash.maglev !== undefined) {
      warn('consistentHash.maglev', ['consistentHash', 'maglev']);
      return;
    }
    c.lb_policy = 'RING_HASH';
    const size =
      hash.ringHash !== undefined ? (hash.ringHash.minimumRingSize ?? 0) : hash.minimumRingSize || 1024;
    if (size !== 0) c.ring_hash_lb_config = { minimum_ring_size: { value: String(size) } };
    return;
  }
  switch (lb.simple) {
    case undefined:
    case 'UNSPECIFIED':
    case 'ROUND_ROBIN':
      return;
    case 'LEAST_REQUEST':
      // gRFC A48 least_request (grpc-go, grpc-java). grpc-js (1.14) has none and NACKs the cluster: for it the
      // caller passes leastRequest false and the rule is reported instead.
      if (options.leastRequest === false) {
        warn('simple LEAST_REQUEST (grpc-js has no least_request)', ['simple']);
        return;
      }
      c.lb_policy = 'LEAST_REQUEST';
      return;
    default:
      // RANDOM, PASSTHROUGH and LEAST_CONN (grpcgen matches LEAST_REQUEST only).
      warn(`simple ${lb.simple}`, ['simple']);
  }
}

/** grpcgen applyCircuitBreakers: gRPC (A32) has only max_requests, from http2MaxRequests. */
function applyCircuitBreakers(c: Cluster, policy: ClusterPolicy | undefined): void {
  const max = policy?.connectionPool?.http?.http2MaxRequests ?? 0;
  if (max > 0) c.circuit_breakers = { thresholds: [{ max_requests: { value: max } }] };
}

/**
 * grpcgen applyTLS: only ISTIO_MUTUAL is applied (SANs: the service's identities); gRPC gets no auto mTLS, and
 * SIMPLE / MUTUAL are not built by istiod for gRPC (reported).
 */
function applyTls(
  c: Cluster,
  policy: ClusterPolicy | undefined,
  sans: () => string[],
  src: PolicySource | undefined,
  sink: MessageSink,
): void {
  const mode = policy?.tls?.mode;
  if (mode === 'ISTIO_MUTUAL') c.transport_socket = grpcUpstreamTlsSocket(sans());
  else if ((mode === 'SIMPLE' || mode === 'MUTUAL') && src !== undefined)
    sink.about(
      src.rule,
      GRPC_UNSUPPORTED,
      'Warning',
      `proxyless gRPC: tls mode ${mode} is not applied to ${c.name}; istiod builds only ISTIO_MUTUAL for gRPC`,
      [...src.path, 'tls'],
    );
}

/** Settings of a policy gRPC clusters do not get from istiod (grpcgen applies only LB, max_requests and TLS). */
function ignoredFields(policy: ClusterPolicy | undefined): string[] {
  if (policy === undefined) return [];
  const out: string[] = [];
  if (policy.outlierDetection !== undefined) out.push('outlierDetection');
  if (policy.connectionPool?.tcp !== undefined) out.push('connectionPool.tcp');
  const http = Object.keys(policy.connectionPool?.http ?? {}).filter((k) => k !== 'http2MaxRequests');
  for (const k of http.sort()) out.push(`connectionPool.http.${k}`);
  const lb = policy.loadBalancer;
  if (lb?.localityLbSetting !== undefined) out.push('loadBalancer.localityLbSetting');
  if (lb?.warmup !== undefined || lb?.warmupDurationSecs !== undefined) out.push('loadBalancer.warmup');
  if (policy.tunnel !== undefined) out.push('tunnel');
  if (policy.proxyProtocol !== undefined) out.push('proxyProtocol');
  if (policy.retryBudget !== undefined) out.push('retryBudget');
  return out;
}

/** An Info message, at the policy, listing what of it gRPC clusters do not get. */
function reportIgnored(
  policy: ClusterPolicy | undefined,
  src: PolicySource | undefined,
  sink: MessageSink,
): void {
  const ignored = ignoredFields(policy);
  if (ignored.length > 0 && src !== undefined)
    sink.about(
      src.rule,
      GRPC_UNSUPPORTED,
      'Info',
      `proxyless gRPC: ${ignored.join(', ')} ${ignored.length > 1 ? 'are' : 'is'} not sent to gRPC clients (istiod's grpcgen applies only loadBalancer, http2MaxRequests and ISTIO_MUTUAL)`,
      src.path,
    );
}

/** The default cluster (when asked) and the asked subset clusters of one service port, or why none. */
function serviceClusters(
  defaultName: string,
  wanted: ReadonlySet<string>,
  proxy: MeshProxy,
  push: PushContext,
  sink: MessageSink,
  options: GrpcClusterOptions,
): Cluster[] | string {
  const key = parseSubsetKey(defaultName);
  if (key === undefined || key.hostname === '' || key.port === 0) return 'is not a cluster name';
  const svc = push.sidecarScope(proxy).serviceByHost.get(key.hostname);
  if (svc === undefined) return `names ${key.hostname}, which is not a service this proxy sees`;
  if (!svc.ports.some((p) => p.port === key.port)) return `names a port ${key.hostname} does not have`;
  const match = push.registry.destinationRuleFor(proxy.namespace, key.hostname, proxy.labels);
  const rules = (match?.rules ?? []) as readonly LoadedResource<DestinationRule>[];
  const merged = mergeDestinationRules(rules);
  const policyRule = rules.find((r) => r.object.spec.trafficPolicy !== undefined);
  const { policy, hasPortLevel } = policyForPort(merged.trafficPolicy, key.port);
  const ruleSrc: PolicySource | undefined =
    policyRule === undefined
      ? undefined
      : {
          rule: policyRule,
          path: hasPortLevel
            ? [
                'spec',
                'trafficPolicy',
                'portLevelSettings',
                merged.trafficPolicy?.portLevelSettings?.findIndex((p) => p.port.number === key.port) ?? 0,
              ]
            : ['spec', 'trafficPolicy'],
        };
  let sans: string[] | undefined;
  const sansOf = () => {
    sans ??= serviceAccountsOf(push.registry, svc, push.mesh);
    return sans;
  };
  const shape = (c: Cluster, p: ClusterPolicy | undefined, src: PolicySource | undefined) => {
    applyTls(c, p, sansOf, src, sink);
    applyLoadBalancing(c, p?.loadBalancer, src, sink, options);
    applyCircuitBreakers(c, p);
    return c;
  };
  const out: Cluster[] = [];
  if (wanted.has(defaultName)) out.push(shape(edsCluster(defaultName), policy, ruleSrc));
  for (const { subset, ruleIndex } of merged.subsets) {
    const name = subsetKey('outbound', subset.name, key.hostname, key.port);
    if (!wanted.has(name)) continue;
    const rule = rules[ruleIndex];
    const index = rule?.object.spec.subsets?.indexOf(subset) ?? -1;
    const src =
      subset.trafficPolicy !== undefined && rule !== undefined
        ? { rule, path: ['spec', 'subsets', index, 'trafficPolicy'] }
        : ruleSrc;
    out.push(
      shape(edsCluster(name), subsetPolicyForPort(merged.trafficPolicy, subset.trafficPolicy, key.port), src),
    );
    if (src !== ruleSrc) reportIgnored(policyForPort(subset.trafficPolicy, key.port).policy, src, sink);
  }
  if (out.length > 0) reportIgnored(policy, ruleSrc, sink);
  return out;
}

/**
 * The clusters of the requested names, sorted by name. Names are grouped by their default cluster (gRPC asks for the
 * clusters of one route together); a name no service port or subset has gets no cluster, and names that cannot be
 * resolved at all get a message (istiod logs them).
 */
export function buildGrpcClusters(
  proxy: MeshProxy,
  push: PushContext,
  sink: MessageSink,
  names: readonly string[],
  options: GrpcClusterOptions = {},
): Cluster[] {
  const groups = new Map<string, Set<string>>();
  for (const name of names) {
    const key = parseSubsetKey(name);
    const def = key === undefined ? name : subsetKey(key.direction, '', key.hostname, key.port);
    const set = groups.get(def) ?? new Set<string>();
    set.add(name);
    groups.set(def, set);
  }
  const out: Cluster[] = [];
  for (const [def, wanted] of groups) {
    const built = serviceClusters(def, wanted, proxy, push, sink, options);
    if (typeof built === 'string') {
      sink.add({
        code: 'MM_GRPC_CLUSTER',
        severity: 'Warning',
        message: `proxyless gRPC: cluster "${[...wanted].sort().join('", "')}" ${built}; none is sent`,
      });
      continue;
    }
    out.push(...built);
  }
  return out.sort((a, b) => ((a.name ?? '') < (b.name ?? '') ? -1 : (a.name ?? '') > (b.name ?? '') ? 1 : 0));
}
