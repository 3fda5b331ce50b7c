// gRPC service definitions of ADS, the per-type discovery services and CSDS, built by hand from the method paths
// with the model's codec as (de)serializer: one codec and one copy of the descriptor for the whole mesh.
// Requests are decoded leniently about unknown field numbers (newer clients may send fields this descriptor
// does not have), the common ones (ACKs: strings only) by a fast reader; responses are encoded strictly, or
// are the bytes a stream assembled from pre-encoded resources (wire-response.ts).

import type { MethodDefinition, ServiceDefinition } from '@grpc/grpc-js';
import type {
  ClientStatusRequest,
  ClientStatusResponse,
  DeltaDiscoveryRequest,
  DeltaDiscoveryResponse,
  DiscoveryRequest,
  DiscoveryResponse,
} from '@minimesh/model';
import { decode, encode } from '@minimesh/model';
import { ResourceTypeUrl } from './resource-types.js';
import { decodeDeltaDiscoveryRequestFast, decodeDiscoveryRequestFast } from './wire-request.js';
import { prebuiltBytes } from './wire-response.js';

const DISCOVERY_REQUEST = 'envoy.service.discovery.v3.DiscoveryRequest';
const DISCOVERY_RESPONSE = 'envoy.service.discovery.v3.DiscoveryResponse';
const DELTA_REQUEST = 'envoy.service.discovery.v3.DeltaDiscoveryRequest';
const DELTA_RESPONSE = 'envoy.service.discovery.v3.DeltaDiscoveryResponse';
const CSDS_REQUEST = 'envoy.service.status.v3.ClientStatusRequest';
const CSDS_RESPONSE = 'envoy.service.status.v3.ClientStatusResponse';

function serializer<T extends object>(typeName: string): (value: T) => Buffer {
  return (value) => {
    const prebuilt = prebuiltBytes(value);
    if (prebuilt !== undefined) return prebuilt;
    const bytes = encode(typeName, value);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  };
}

/** Readers of the requests that do not need the full codec (undefined: use it). */
const FAST_DECODERS: ReadonlyMap<string, (bytes: Uint8Array) => Record<string, unknown> | undefined> =
  new Map([
    ['envoy.service.discovery.v3.DiscoveryRequest', decodeDiscoveryRequestFast],
    ['envoy.service.discovery.v3.DeltaDiscoveryRequest', decodeDeltaDiscoveryRequestFast],
  ]);

function deserializer<T>(typeName: string): (bytes: Buffer) => T {
  const fast = FAST_DECODERS.get(typeName);
  return (bytes) => (fast?.(bytes) ?? decode(typeName, bytes, { ignoreUnknownFields: true })) as T;
}

function method<Req extends object, Res extends object>(
  path: string,
  requestType: string,
  responseType: string,
  streaming: boolean,
): MethodDefinition<Req, Res> {
  return {
    path,
    requestStream: streaming,
    responseStream: streaming,
    requestSerialize: serializer<Req>(requestType),
    requestDeserialize: deserializer<Req>(requestType),
    responseSerialize: serializer<Res>(responseType),
    responseDeserialize: deserializer<Res>(responseType),
  };
}

function sotw(path: string): MethodDefinition<DiscoveryRequest, DiscoveryResponse> {
  return method(path, DISCOVERY_REQUEST, DISCOVERY_RESPONSE, true);
}

function delta(path: string): MethodDefinition<DeltaDiscoveryRequest, DeltaDiscoveryResponse> {
  return method(path, DELTA_REQUEST, DELTA_RESPONSE, true);
}

const ADS = '/envoy.service.discovery.v3.AggregatedDiscoveryService';

/** The methods of envoy.service.discovery.v3.AggregatedDiscoveryService. */
export interface AggregatedDiscoveryServiceDefinition extends ServiceDefinition {
  StreamAggregatedResources: MethodDefinition<DiscoveryRequest, DiscoveryResponse>;
  DeltaAggregatedResources: MethodDefinition<DeltaDiscoveryRequest, DeltaDiscoveryResponse>;
}

/** envoy.service.discovery.v3.AggregatedDiscoveryService. */
export const aggregatedDiscoveryService: AggregatedDiscoveryServiceDefinition = {
  StreamAggregatedResources: sotw(`${ADS}/StreamAggregatedResources`),
  DeltaAggregatedResources: delta(`${ADS}/DeltaAggregatedResources`),
};

/** A per-type discovery service (LDS, RDS, CDS, EDS, SDS): its name, methods and the one type it serves. */
export interface TypedDiscoveryService {
  readonly typeUrl: string;
  /** Method names, e.g. StreamClusters, DeltaClusters. */
  readonly streamMethod: string;
  readonly deltaMethod: string;
  readonly definition: ServiceDefinition;
}

function typed(service: string, noun: string, typeUrl: string): TypedDiscoveryService {
  const streamMethod = `Stream${noun}`;
  const deltaMethod = `Delta${noun}`;
  return {
    typeUrl,
    streamMethod,
    deltaMethod,
    definition: {
      [streamMethod]: sotw(`/${service}/${streamMethod}`),
      [deltaMethod]: delta(`/${service}/${deltaMethod}`),
    },
  };
}

/** The per-type services, each over the same cache as ADS. */
export const typedDiscoveryServices: readonly TypedDiscoveryService[] = [
  typed('envoy.service.cluster.v3.ClusterDiscoveryService', 'Clusters', ResourceTypeUrl.cluster),
  typed('envoy.service.endpoint.v3.EndpointDiscoveryService', 'Endpoints', ResourceTypeUrl.endpoint),
  typed('envoy.service.listener.v3.ListenerDiscoveryService', 'Listeners', ResourceTypeUrl.listener),
  typed('envoy.service.route.v3.RouteDiscoveryService', 'Routes', ResourceTypeUrl.route),
  typed('envoy.service.secret.v3.SecretDiscoveryService', 'Secrets', ResourceTypeUrl.secret),
];

const CSDS = '/envoy.service.status.v3.ClientStatusDiscoveryService';

/** The methods of envoy.service.status.v3.ClientStatusDiscoveryService. */
export interface ClientStatusDiscoveryServiceDefinition extends ServiceDefinition {
  StreamClientStatus: MethodDefinition<ClientStatusRequest, ClientStatusResponse>;
  FetchClientStatus: MethodDefinition<ClientStatusRequest, ClientStatusResponse>;
}

/** envoy.service.status.v3.ClientStatusDiscoveryService. */
export const clientStatusDiscoveryService: ClientStatusDiscoveryServiceDefinition = {
  StreamClientStatus: method<ClientStatusRequest, ClientStatusResponse>(
    `${CSDS}/StreamClientStatus`,
    CSDS_REQUEST,
    CSDS_RESPONSE,
    true,
  ),
  FetchClientStatus: method<ClientStatusRequest, ClientStatusResponse>(
    `${CSDS}/FetchClientStatus`,
    CSDS_REQUEST,
    CSDS_RESPONSE,
    false,
  ),
};
