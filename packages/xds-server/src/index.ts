// @minimesh/xds-server: an xDS management server over a snapshot cache. This file only re-exports.
export {
  type AccessLogServiceDefinition,
  type AccessLogSink,
  type AccessLogStream,
  accessLogService,
} from './access-log-service.js';
export type { StreamInfo, XdsCallbacks } from './callbacks.js';
export { checkConsistency, edsNameOf, rdsNamesOf } from './consistency.js';
export { DEFAULT_DEBOUNCE_MS, DEFAULT_MAX_DEBOUNCE_MS, type DebounceOptions } from './debounce.js';
export {
  InconsistentSnapshotError,
  InvalidOptionError,
  InvalidResourceError,
  XdsError,
  XdsErrorCode,
} from './errors.js';
export { XdsMetrics, type XdsMetricsOptions } from './metrics.js';
export { type NodeHash, nodeIdHash } from './node-hash.js';
export { PUSH_ORDER, ResourceTypeUrl, WILDCARD } from './resource-types.js';
export {
  DEFAULT_ENDPOINT_WAIT_MS,
  DEFAULT_GRPC_OPTIONS,
  XdsServer,
  type XdsServerOptions,
  type XdsTlsOptions,
} from './server.js';
export {
  type AggregatedDiscoveryServiceDefinition,
  aggregatedDiscoveryService,
  type ClientStatusDiscoveryServiceDefinition,
  clientStatusDiscoveryService,
  type TypedDiscoveryService,
  typedDiscoveryServices,
} from './service-definitions.js';
export {
  type PreparedResource,
  type ResourceMap,
  Snapshot,
  type SnapshotResources,
  versionOf,
} from './snapshot.js';
export { type CacheWatcher, SnapshotCache, type SnapshotCacheOptions } from './snapshot-cache.js';
export type { ProxyStatus, SyncStatus, TypeStatus } from './status.js';
