// The one gRPC method the proxy calls: envoy.service.discovery.v3.AggregatedDiscoveryService/
// StreamAggregatedResources (state of the world). Requests are encoded strictly with the model's codec; responses
// are read as an envelope with packed resources (discovery-wire.ts) so that bad resources are NACKed one by one.
import type { DiscoveryRequest } from '@minimesh/model/xds';
import { encode } from '@minimesh/model/xds';
import { type DiscoveryEnvelope, readDiscoveryResponse } from './discovery-wire.js';

export const ADS_STREAM_PATH =
  '/envoy.service.discovery.v3.AggregatedDiscoveryService/StreamAggregatedResources';

export function serializeDiscoveryRequest(request: DiscoveryRequest): Buffer {
  const bytes = encode('envoy.service.discovery.v3.DiscoveryRequest', request);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function deserializeDiscoveryResponse(bytes: Buffer): DiscoveryEnvelope {
  return readDiscoveryResponse(bytes);
}

/** Resource type URLs of the four types the proxy subscribes to, in Envoy's initial order (CDS, EDS, LDS, RDS). */
export const XdsType = {
  cluster: 'type.googleapis.com/envoy.config.cluster.v3.Cluster',
  endpoint: 'type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment',
  listener: 'type.googleapis.com/envoy.config.listener.v3.Listener',
  route: 'type.googleapis.com/envoy.config.route.v3.RouteConfiguration',
} as const;
export type XdsType = (typeof XdsType)[keyof typeof XdsType];

export const XDS_TYPES: readonly XdsType[] = [
  XdsType.cluster,
  XdsType.endpoint,
  XdsType.listener,
  XdsType.route,
];

/** Short names used in stats and logs (Envoy's cds / eds / lds / rds). */
export const XDS_SHORT: Readonly<Record<XdsType, 'cds' | 'eds' | 'lds' | 'rds'>> = {
  [XdsType.cluster]: 'cds',
  [XdsType.endpoint]: 'eds',
  [XdsType.listener]: 'lds',
  [XdsType.route]: 'rds',
};

/** CDS and LDS are wildcard subscriptions; EDS and RDS name what clusters and listeners need. */
export function isWildcardType(type: XdsType): boolean {
  return type === XdsType.cluster || type === XdsType.listener;
}
