// The service registry: services, workload instances, endpoints and the scoping of Istio configs, built from
// loaded resources. Re-exports the public API only; helpers used between these files stay internal.
export { serviceFromKubernetes, servicesFromServiceEntry } from './build-services.js';
export { allocatedClusterIP, SERVICE_CIDR } from './cluster-ip.js';
export type { MeshDestinationRuleMatch } from './destination-rules.js';
export type { ServiceEndpoint } from './endpoints.js';
export { RegistryError, RegistryErrorCode } from './errors.js';
export {
  compareHostSpecificity,
  DEFAULT_DOMAIN_SUFFIX,
  hostMatches,
  hostsIntersect,
  isWildcardHost,
  MESH_GATEWAY_NAME,
  mostSpecificHostMatch,
  resolveGatewayName,
  resolveShortName,
  serviceFqdn,
} from './hostname.js';
export {
  instanceFromInput,
  instanceFromPod,
  instanceFromWorkloadEntry,
  instancesFromServiceEntry,
  localityFromLabels,
  parseLocality,
  type WorkloadInput,
  type WorkloadInstance,
  type WorkloadSource,
} from './instances.js';
export { labelsMatch, type MeshLabels, MeshWellKnown } from './labels.js';
export { MeshKind, type MeshKindObject, type MeshKindObjects } from './mesh-kinds.js';
export {
  afterTlsTermination,
  detectProtocol,
  isGrpc,
  isHttp,
  isHttp2,
  isHttpOrSniffed,
  isHttps,
  isTcp,
  isTls,
  isUdp,
  isUnsupported,
  MeshProtocol,
  type ProtocolSource,
  parseProtocol,
  SERVER_FIRST_PORTS,
} from './protocol.js';
export { buildRegistry, Registry, type RegistryApplyResult, type RegistryOptions } from './registry.js';
export type { RegistryChange, RegistryChangeOp, RegistryUpdate } from './registry-update.js';
export { policyAttaches, virtualServiceGateways, virtualServiceHosts } from './scope.js';
export {
  findServicePort,
  type MeshLocation,
  type MeshResolution,
  type MeshService,
  type MeshServicePort,
  type MeshServiceSource,
  meshServiceKey,
} from './service.js';
export {
  DEFAULT_EXPORT_TO,
  exportToFromAnnotation,
  isExportedTo,
  MeshVisibility,
  normalizeExportTo,
} from './visibility.js';
