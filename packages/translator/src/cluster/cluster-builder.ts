// The per-proxy, per-push state of cluster building and the outbound clusters of one service port (istiod's
// ClusterBuilder: buildCluster, applyDestinationRule, buildSubsetCluster, applyTrafficPolicy).
import type {
  Cluster,
  LoadedResource,
  MeshService,
  MeshServicePort,
  ServiceEndpoint,
  Subset,
} from '@minimesh/model';
import { clusterEndpoints, loadAssignmentOf, proxyLocality } from '../endpoint/cluster-endpoints.js';
import type { ProxyLocality } from '../endpoint/locality-lb.js';
import type { MessageSink } from '../messages.js';
import { subsetKey, type TrafficDirection } from '../naming.js';
import type { MeshProxy } from '../proxy.js';
import type { PushContext } from '../push-context.js';
import { type ClusterDraft, draftOf, finishCluster, setUpstreamProtocol } from './cluster-draft.js';
import { buildIstioMetadata } from './cluster-metadata.js';
import { altStatName, istioMtlsSni } from './cluster-names.js';
import { applyConnectionPool, applyH2Upgrade } from './connection-pool.js';
import { caresDnsResolver } from './dns-resolver.js';
import { applyLoadBalancer, applyOutlierDetection, effectiveLocalitySetting } from './load-balancer.js';
import {
  type DiscoveryType,
  discoveryTypeOf,
  inferMtlsMode,
  passthroughTargetPort,
  serviceAccountsOf,
} from './service-facts.js';
import {
  type ClusterPolicy,
  mergeDestinationRules,
  policyForPort,
  subsetPolicyForPort,
} from './traffic-policy.js';
import { applyUpstreamTls, type ServiceMtlsMode } from './upstream-tls.js';
import { durationMs } from './xds-values.js';

/** What applyTrafficPolicy needs beyond the policy (istiod's buildClusterOpts). */
export interface PolicyOptions {
  readonly direction: TrafficDirection;
  readonly service?: MeshService;
  readonly serviceAccounts: readonly string[];
  readonly istioMtlsSni: string;
  readonly mtlsMode: ServiceMtlsMode;
  readonly drWithSelector: boolean;
  /** Where a failure to apply the policy is reported. */
  readonly rule?: LoadedResource;
}

export class ClusterBuilder {
  readonly proxy: MeshProxy;
  readonly push: PushContext;
  readonly sink: MessageSink;
  readonly locality: ProxyLocality;

  constructor(proxy: MeshProxy, push: PushContext, sink: MessageSink) {
    this.proxy = proxy;
    this.push = push;
    this.sink = sink;
    this.locality = proxyLocality(proxy);
  }

  /**
   * A new cluster (buildCluster): type, stats name, inline endpoints for DNS clusters, the port override of
   * headless services' ORIGINAL_DST clusters, and the upstream protocol of the port.
   */
  newCluster(
    name: string,
    type: DiscoveryType,
    service: MeshService | undefined,
    port: MeshServicePort | undefined,
    inline?: Cluster['load_assignment'],
  ): ClusterDraft {
    const cluster: Cluster = { name, type, alt_stat_name: altStatName(name), common_lb_config: {} };
    if (type === 'STRICT_DNS' || type === 'LOGICAL_DNS') {
      cluster.dns_lookup_family = this.#dnsLookupFamily();
      cluster.typed_dns_resolver_config = caresDnsResolver();
      // MeshConfig.dnsRefreshRate (60s default). istiod 1.30 also writes dns_jitter (PILOT_DNS_JITTER_DURATION,
      // 100ms); the Envoy Cluster proto of @minimesh/model has no dns_jitter field, so it is left out.
      cluster.dns_refresh_rate = durationMs(60_000);
      cluster.respect_dns_ttl = true;
    }
    if (inline !== undefined) cluster.load_assignment = inline;
    const override = service && port ? passthroughTargetPort(service, port) : undefined;
    if (type === 'ORIGINAL_DST' && override !== undefined)
      cluster.original_dst_lb_config = { upstream_port_override: { value: override } };
    const draft = draftOf(cluster);
    if (port !== undefined) setUpstreamProtocol(draft, port.protocol, this.proxy.type);
    return draft;
  }

  /** V4_ONLY unless every proxy address is IPv6 (SelectDNSLookupFamily without dual stack). */
  #dnsLookupFamily(): 'V4_ONLY' | 'V6_ONLY' {
    const ips = this.proxy.ipAddresses;
    return ips.length > 0 && ips.every((ip) => ip.includes(':')) ? 'V6_ONLY' : 'V4_ONLY';
  }

  /** The traffic policy's settings in istiod's order: pool, outlier, load balancer, TLS; then ORIGINAL_DST. */
  applyTrafficPolicy(draft: ClusterDraft, policy: ClusterPolicy | undefined, o: PolicyOptions): void {
    const outbound = o.direction === 'outbound';
    if (outbound) applyH2Upgrade(draft, policy?.connectionPool);
    applyConnectionPool(draft, this.push.mesh, policy?.connectionPool, policy?.retryBudget);
    if (outbound) {
      applyOutlierDetection(draft, policy?.outlierDetection);
      applyLoadBalancer(draft, policy?.loadBalancer);
      const c = draft.cluster;
      const locality = effectiveLocalitySetting(policy?.loadBalancer);
      const inline = c.load_assignment;
      if (locality !== undefined && inline != null && inline.endpoints !== undefined) {
        // DNS clusters carry their endpoints: locality LB applies to them here (ApplyToCluster).
        c.load_assignment = this.#relocalized(inline, locality, c.outlier_detection != null);
      }
      const problem = applyUpstreamTls(draft, {
        tls: policy?.tls,
        serviceAccounts: o.serviceAccounts,
        istioMtlsSni: o.istioMtlsSni,
        autoMtls: this.push.mesh.enableAutoMtls,
        meshExternal: o.service?.location === 'MeshExternal',
        fromServiceEntry: o.service?.source === 'serviceentry',
        mtlsMode: o.mtlsMode,
        sidecar: this.proxy.type === 'sidecar',
        drWithSelector: o.drWithSelector,
        credentialNamespace: this.proxy.namespace,
      });
      if (problem !== undefined && o.rule !== undefined)
        this.sink.about(o.rule, 'TR0002', 'Error', `${problem}; the cluster is built without TLS`, [
          'spec',
          'trafficPolicy',
          'tls',
        ]);
    }
    if (draft.cluster.type === 'ORIGINAL_DST') draft.cluster.lb_policy = 'CLUSTER_PROVIDED';
  }

  #relocalized(
    inline: NonNullable<Cluster['load_assignment']>,
    locality: NonNullable<ReturnType<typeof effectiveLocalitySetting>>,
    outlier: boolean,
  ): NonNullable<Cluster['load_assignment']> {
    const source = this.#inlineSource.get(inline);
    if (source === undefined) return inline;
    return loadAssignmentOf(inline.cluster_name ?? '', source, this.proxy, locality, outlier);
  }

  /** The endpoints each inline load assignment was built from (to re-group them for locality LB). */
  readonly #inlineSource = new WeakMap<object, readonly ServiceEndpoint[]>();

  #inlineAssignment(
    name: string,
    service: MeshService,
    port: number,
    subsetLabels: Readonly<Record<string, string>> | undefined,
  ): Cluster['load_assignment'] | undefined {
    const eps = clusterEndpoints(this.push.registry, service, port, subsetLabels, false);
    if (eps.length === 0) return undefined;
    const cla = loadAssignmentOf(name, eps, this.proxy, undefined, false);
    this.#inlineSource.set(cla, eps);
    return cla;
  }

  /**
   * The clusters of one service port: `outbound|port||host` and one per subset of the DestinationRule in effect
   * for this proxy. DNS clusters without endpoints are left out, as istiod does.
   */
  outboundClusters(service: MeshService, port: MeshServicePort): Cluster[] {
    const type = discoveryTypeOf(service, this.proxy.type);
    if (type === undefined) return [];
    const name = subsetKey('outbound', '', service.hostname, port.port);
    const dns = type === 'STRICT_DNS' || type === 'LOGICAL_DNS';
    const inline = dns ? this.#inlineAssignment(name, service, port.port, undefined) : undefined;
    if (dns && inline === undefined) return [];
    const draft = this.newCluster(name, type, service, port, inline);

    const match = this.push.registry.destinationRuleFor(
      this.proxy.namespace,
      service.hostname,
      this.proxy.labels,
    );
    const merged = match === undefined ? undefined : mergeDestinationRules(match.rules);
    const rule = match?.rules[0];
    const topLevel = merged?.trafficPolicy;
    const serviceAccounts = serviceAccountsOf(this.push.registry, service, this.push.mesh);
    const base = {
      direction: 'outbound' as const,
      service,
      serviceAccounts,
      drWithSelector: rule?.object.spec.workloadSelector !== undefined,
      ...(rule === undefined ? {} : { rule }),
    };
    const policy = policyForPort(topLevel, port.port).policy;
    this.applyTrafficPolicy(draft, policy, {
      ...base,
      istioMtlsSni: istioMtlsSni('outbound', '', service.hostname, port.port),
      mtlsMode: inferMtlsMode(
        this.push.registry,
        service,
        port.port,
        topLevel?.loadBalancer?.simple === 'PASSTHROUGH',
      ),
    });
    applyEdsConfig(draft.cluster);
    draft.cluster.metadata = buildIstioMetadata({
      service,
      rule,
      tlsMode: policy?.tls?.mode,
      external: service.location === 'MeshExternal',
    });
    const out = [finishCluster(draft)];

    // Subsets take the default cluster's type after its policy (a top-level PASSTHROUGH made it ORIGINAL_DST).
    for (const { subset } of merged?.subsets ?? []) {
      const subsetCluster = this.#subsetCluster(
        service,
        port,
        subset,
        draft.cluster.type as DiscoveryType,
        topLevel,
        base,
      );
      if (subsetCluster !== undefined) out.push(subsetCluster);
    }
    return out;
  }

  /** `outbound|port|subset|host` (buildSubsetCluster): the default cluster's type and the merged policy. */
  #subsetCluster(
    service: MeshService,
    port: MeshServicePort,
    subset: Subset,
    defaultType: DiscoveryType,
    topLevel: Parameters<typeof policyForPort>[0],
    base: Omit<PolicyOptions, 'istioMtlsSni' | 'mtlsMode'>,
  ): Cluster | undefined {
    const name = subsetKey('outbound', subset.name, service.hostname, port.port);
    const passthrough = subset.trafficPolicy?.loadBalancer?.simple === 'PASSTHROUGH';
    const type: DiscoveryType = passthrough ? 'ORIGINAL_DST' : defaultType;
    let inline: Cluster['load_assignment'] | undefined;
    if (!passthrough && type !== 'EDS' && type !== 'ORIGINAL_DST') {
      inline = this.#inlineAssignment(name, service, port.port, subset.labels);
      if (inline === undefined) return undefined;
    }
    const draft = this.newCluster(name, type, service, port, inline);
    const policy = subsetPolicyForPort(topLevel, subset.trafficPolicy, port.port);
    this.applyTrafficPolicy(draft, policy, {
      ...base,
      istioMtlsSni: istioMtlsSni('outbound', subset.name, service.hostname, port.port),
      mtlsMode: inferMtlsMode(this.push.registry, service, port.port, passthrough),
    });
    applyEdsConfig(draft.cluster);
    draft.cluster.metadata = buildIstioMetadata({
      service,
      rule: base.rule,
      subset: subset.name,
      tlsMode: policy?.tls?.mode,
    });
    return finishCluster(draft);
  }
}

/** EDS clusters fetch their endpoints over ADS, waiting for them without timeout (maybeApplyEdsConfig). */
export function applyEdsConfig(c: Cluster): void {
  if (c.type !== 'EDS') return;
  c.eds_cluster_config = {
    service_name: c.name ?? '',
    eds_config: { ads: {}, initial_fetch_timeout: {}, resource_api_version: 'V3' },
  };
}
