// What a proxy asks istiod for over SDS, and who asked for it. The names come from the proxy's own generated
// listeners and clusters (the SdsSecretConfigs of their transport sockets' TLS contexts), so the secrets answer
// exactly what those resources reference. Only `kubernetes://` names are istiod's to serve: the workload
// certificate (`default`, `ROOTCA`) and `file-cert:` / `file-root:` names are the istio-agent's.
//
// Origins (the Gateway server or DestinationRule whose credentialName produced a name) place messages: the
// gateway's servers for a router, then DestinationRules whose TLS settings name the credential (the proxy's
// namespace first, then the root namespace, then the others, as rule lookup prefers them).
import {
  type Cluster,
  type DestinationRule,
  type Listener,
  type LoadedResource,
  MeshKind,
  type TrafficPolicy,
} from '@minimesh/model';
import { SDS_KUBERNETES_GATEWAY_PREFIX, SDS_KUBERNETES_PREFIX, sdsSecretName } from '../naming.js';
import type { MeshProxy } from '../proxy.js';
import type { PushContext } from '../push-context.js';
import { gatewayServers } from '../route/gateway-servers.js';

/** istiod's KubernetesSecretTypeURI and kubernetesGatewaySecretTypeURI: the SDS names istiod itself serves. */
export const KUBERNETES_SECRET_PREFIX = SDS_KUBERNETES_PREFIX;
export const KUBERNETES_GATEWAY_SECRET_PREFIX = SDS_KUBERNETES_GATEWAY_PREFIX;
/** istiod's SdsCaSuffix: the CA-only companion of a credential (`kubernetes://cert-cacert`). */
export const SDS_CA_SUFFIX = '-cacert';

/** A config field that names a credential: where messages about it go. */
export interface CredentialOrigin {
  readonly resource: LoadedResource;
  readonly path: (string | number)[];
  /** The credentialName as written. */
  readonly credentialName: string;
}

type Named = { name?: unknown } | null | undefined;
interface CommonTlsContext {
  tls_certificate_sds_secret_configs?: readonly Named[];
  validation_context_sds_secret_config?: Named;
  combined_validation_context?: { validation_context_sds_secret_config?: Named } | null;
}

/**
 * Adds the SDS names of a transport socket's TLS context: the certificate and validation-context secret configs
 * of its CommonTlsContext (where istiod puts them; a targeted read, since a sidecar has thousands of clusters).
 */
function collectSdsNames(socket: { typed_config?: unknown } | null | undefined, out: Set<string>): void {
  const config = socket?.typed_config as { common_tls_context?: CommonTlsContext | null } | undefined;
  const common = config?.common_tls_context;
  if (common == null) return;
  const add = (c: Named) => {
    if (
      typeof c?.name === 'string' &&
      (c.name.startsWith(KUBERNETES_SECRET_PREFIX) || c.name.startsWith(KUBERNETES_GATEWAY_SECRET_PREFIX))
    )
      out.add(c.name);
  };
  for (const c of common.tls_certificate_sds_secret_configs ?? []) add(c);
  add(common.validation_context_sds_secret_config);
  add(common.combined_validation_context?.validation_context_sds_secret_config);
}

/** The `kubernetes://` and `kubernetes-gateway://` SDS names the listeners' and clusters' transport sockets reference, sorted. */
export function referencedSecretNames(
  listeners: readonly Listener[],
  clusters: readonly Cluster[],
): string[] {
  const names = new Set<string>();
  for (const l of listeners) {
    for (const chain of l.filter_chains ?? []) collectSdsNames(chain.transport_socket, names);
    collectSdsNames(l.default_filter_chain?.transport_socket, names);
  }
  for (const c of clusters) for (const name of clusterSdsNames(c)) names.add(name);
  return [...names].sort();
}

/**
 * The SDS names one cluster references, memoized per cluster object: clusters are shared between the proxies of a
 * scope and across pushes (src/cache), so a sidecar's thousands of clusters are read once, not per translation.
 * Clusters are never mutated after they are built (EnvoyFilter patches make new objects).
 */
const clusterNames = new WeakMap<Cluster, readonly string[]>();
function clusterSdsNames(c: Cluster): readonly string[] {
  let names = clusterNames.get(c);
  if (names === undefined) {
    const found = new Set<string>();
    collectSdsNames(c.transport_socket, found);
    for (const m of c.transport_socket_matches ?? []) collectSdsNames(m.transport_socket, found);
    names = found.size === 0 ? NO_NAMES : [...found];
    clusterNames.set(c, names);
  }
  return names;
}
const NO_NAMES: readonly string[] = Object.freeze([]);

/** The TLS settings of a DestinationRule with their paths: top level, port level, subsets and their ports. */
function ruleTlsPaths(dr: LoadedResource<DestinationRule>): { name: string; path: (string | number)[] }[] {
  const out: { name: string; path: (string | number)[] }[] = [];
  const visit = (p: TrafficPolicy | undefined, at: (string | number)[]) => {
    if (p === undefined) return;
    if (p.tls?.credentialName)
      out.push({ name: p.tls.credentialName, path: [...at, 'tls', 'credentialName'] });
    (p.portLevelSettings ?? []).forEach((pl, i) => {
      if (pl.tls?.credentialName)
        out.push({
          name: pl.tls.credentialName,
          path: [...at, 'portLevelSettings', i, 'tls', 'credentialName'],
        });
    });
  };
  visit(dr.object.spec.trafficPolicy, ['spec', 'trafficPolicy']);
  (dr.object.spec.subsets ?? []).forEach((s, i) => {
    visit(s.trafficPolicy, ['spec', 'subsets', i, 'trafficPolicy']);
  });
  return out;
}

/** Every credentialName the proxy's configuration may use, by the SDS names it yields (itself and `-cacert`). */
export function credentialOrigins(proxy: MeshProxy, push: PushContext): Map<string, CredentialOrigin> {
  const byName = new Map<string, CredentialOrigin>();
  const add = (origin: CredentialOrigin) => {
    for (const name of [
      sdsSecretName(origin.credentialName),
      sdsSecretName(`${origin.credentialName}${SDS_CA_SUFFIX}`),
    ])
      if (!byName.has(name)) byName.set(name, origin);
  };
  if (proxy.type === 'router')
    for (const s of gatewayServers(push.registry, proxy)) {
      const name = s.server.tls?.credentialName;
      if (name)
        add({
          resource: s.gateway,
          path: ['spec', 'servers', s.index, 'tls', 'credentialName'],
          credentialName: name,
        });
    }
  const rank = (dr: LoadedResource): number =>
    dr.namespace === proxy.namespace ? 0 : dr.namespace === push.mesh.rootNamespace ? 1 : 2;
  const rules = [...push.registry.configs(MeshKind.DestinationRule)].sort((a, b) => rank(a) - rank(b));
  for (const dr of rules)
    for (const { name, path } of ruleTlsPaths(dr)) add({ resource: dr, path, credentialName: name });
  return byName;
}
