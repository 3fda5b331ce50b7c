// Decoding the resources of one discovery response with the model's strict codec. A resource of another type
// than the response's, or bytes the codec refuses, is an error naming the resource's position (its name is not
// known before it is decoded); the whole response is then NACKed, as Envoy does.
import type { Cluster, ClusterLoadAssignment, Listener, RouteConfiguration } from '@minimesh/model/xds';
import { decode, typeNameOf } from '@minimesh/model/xds';
import { ConfigRejectedError, errorText } from '../errors.js';
import { XdsType } from './ads-method.js';
import type { PackedResource } from './discovery-wire.js';

const RESOURCE_WRAPPER = 'type.googleapis.com/envoy.service.discovery.v3.Resource';

/** The decoded resources of one response, by type. */
export type DecodedResources =
  | { readonly type: typeof XdsType.cluster; readonly resources: readonly Cluster[] }
  | { readonly type: typeof XdsType.endpoint; readonly resources: readonly ClusterLoadAssignment[] }
  | { readonly type: typeof XdsType.listener; readonly resources: readonly Listener[] }
  | { readonly type: typeof XdsType.route; readonly resources: readonly RouteConfiguration[] };

const KIND: Readonly<Record<XdsType, string>> = {
  [XdsType.cluster]: 'Cluster',
  [XdsType.endpoint]: 'ClusterLoadAssignment',
  [XdsType.listener]: 'Listener',
  [XdsType.route]: 'RouteConfiguration',
};

export function kindOf(type: XdsType): string {
  return KIND[type];
}

/** The name of a decoded resource (ClusterLoadAssignment: cluster_name). */
export function resourceName(type: XdsType, resource: object): string {
  const r = resource as { name?: string; cluster_name?: string };
  return (type === XdsType.endpoint ? r.cluster_name : r.name) ?? '';
}

function decodeOne(type: XdsType, packed: PackedResource, index: number): object {
  const { typeUrl, value } = packed;
  if (typeUrl === RESOURCE_WRAPPER) {
    // envoy.service.discovery.v3.Resource: the resource is its `resource` Any.
    const wrapper = decode('envoy.service.discovery.v3.Resource', value) as {
      resource?: { '@type'?: string };
    };
    const inner = wrapper.resource;
    if (inner === undefined || inner['@type'] !== type) {
      throw new ConfigRejectedError(KIND[type], `resources[${index}]`, 'Resource wrapper without a resource');
    }
    const { '@type': _t, ...fields } = inner;
    return fields;
  }
  if (typeUrl !== type) {
    throw new ConfigRejectedError(
      KIND[type],
      `resources[${index}]`,
      `type URL ${JSON.stringify(typeUrl)} in a response of type ${type}`,
    );
  }
  try {
    return decode(typeNameOf(typeUrl), value) as object;
  } catch (err) {
    throw new ConfigRejectedError(KIND[type], `resources[${index}]`, errorText(err), { cause: err });
  }
}

/** Decodes every resource of a response of `type`; throws ConfigRejectedError for the first bad one. */
export function decodeResources(type: XdsType, packed: readonly PackedResource[]): DecodedResources {
  const resources = packed.map((p, i) => decodeOne(type, p, i));
  const seen = new Set<string>();
  for (const r of resources) {
    const name = resourceName(type, r);
    if (name === '') throw new ConfigRejectedError(KIND[type], '', 'resource without a name');
    if (seen.has(name))
      throw new ConfigRejectedError(KIND[type], name, 'duplicate resource name in one response');
    seen.add(name);
  }
  return { type, resources } as DecodedResources;
}
