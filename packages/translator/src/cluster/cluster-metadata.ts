// `metadata.filter_metadata.istio` of a cluster, as istiod writes it (addTelemetryMetadata,
// AddConfigInfoMetadata, AddSubsetToMetadata, AddALPNOverrideToMetadata):
//   services: [{ host, name, namespace }]   the service(s) behind the cluster, for telemetry
//   config: /apis/networking.istio.io/v1/namespaces/<ns>/destination-rule/<name>   the rule applied
//   subset: <name>                          subset clusters
//   alpn_override: "false"                  user TLS (SIMPLE, MUTUAL): keep the user's ALPN
//   external: true                          services outside the mesh (default cluster only)
// Keys are written in sorted order (Go's protobuf JSON sorts map keys), so output is deterministic.
import type { ClientTLSSettings, LoadedResource, MeshService, Metadata, ProtoValue } from '@minimesh/model';
import { destinationRuleConfigPath, ISTIO_METADATA_KEY } from './cluster-names.js';
import { boolValue, listValue, stringValue, structValue } from './xds-values.js';

/**
 * The API version istiod writes in config paths: its internal version of networking.istio.io kinds, v1 since
 * Istio 1.22 (v1alpha3 before), whatever version the rule was written in.
 */
const NETWORKING_API_VERSION = 'networking.istio.io/v1';

export interface IstioMetadata {
  /** The service of an outbound cluster. */
  readonly service?: MeshService;
  /** The services of an inbound cluster. */
  readonly services?: readonly MeshService[];
  /** The (first merged) DestinationRule applied, if any. */
  readonly rule?: LoadedResource | undefined;
  readonly subset?: string;
  /** The TLS mode of the effective traffic policy. */
  readonly tlsMode?: ClientTLSSettings['mode'];
  /** Mark the cluster as leading outside the mesh (default outbound clusters of MeshExternal services). */
  readonly external?: boolean;
}

function serviceValue(s: MeshService): ProtoValue {
  return structValue({ host: s.hostname, name: s.name, namespace: s.namespace });
}

export function buildIstioMetadata(m: IstioMetadata): Metadata {
  const fields: Record<string, ProtoValue> = {};
  if (m.rule !== undefined && (m.tlsMode === 'SIMPLE' || m.tlsMode === 'MUTUAL'))
    fields.alpn_override = stringValue('false');
  if (m.rule !== undefined)
    fields.config = stringValue(
      destinationRuleConfigPath(NETWORKING_API_VERSION, m.rule.namespace ?? '', m.rule.name),
    );
  if (m.external) fields.external = boolValue(true);
  const services = m.services ?? (m.service === undefined ? [] : [m.service]);
  fields.services = listValue(services.map(serviceValue));
  if (m.subset !== undefined && m.rule !== undefined) fields.subset = stringValue(m.subset);
  return { filter_metadata: { [ISTIO_METADATA_KEY]: { fields } } };
}
