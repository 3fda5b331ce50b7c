// The resource types the server serves, their type URLs and the order pushes follow.
import { TypeUrl } from '@minimesh/model';

/** The type URLs a snapshot holds, one per xDS resource type. */
export const ResourceTypeUrl = {
  cluster: TypeUrl.CLUSTER,
  endpoint: TypeUrl.CLUSTER_LOAD_ASSIGNMENT,
  listener: TypeUrl.LISTENER,
  route: TypeUrl.ROUTE_CONFIGURATION,
  secret: TypeUrl.SECRET,
} as const;
export type ResourceTypeUrl = (typeof ResourceTypeUrl)[keyof typeof ResourceTypeUrl];

/**
 * Push order (make before break, as the xDS protocol doc and go-control-plane's ADS order it): clusters first,
 * then the endpoints of those clusters, then listeners, then the routes those listeners use; secrets last.
 */
export const PUSH_ORDER: readonly ResourceTypeUrl[] = [
  ResourceTypeUrl.cluster,
  ResourceTypeUrl.endpoint,
  ResourceTypeUrl.listener,
  ResourceTypeUrl.route,
  ResourceTypeUrl.secret,
];

/** Types for which an empty name list in state of the world means "everything" (legacy wildcard). */
export const WILDCARD_TYPES: ReadonlySet<string> = new Set([
  ResourceTypeUrl.cluster,
  ResourceTypeUrl.listener,
]);

/** The explicit wildcard name of xDS (protocol doc, "How the client specifies what resources to return"). */
export const WILDCARD = '*';

/** Full proto name of a type URL (the text after the last '/'). */
export function messageNameOf(typeUrl: string): string {
  return typeUrl.slice(typeUrl.lastIndexOf('/') + 1);
}

/** Position of a type URL in PUSH_ORDER; unknown types sort last. */
export function pushRank(typeUrl: string): number {
  const i = PUSH_ORDER.indexOf(typeUrl as ResourceTypeUrl);
  return i < 0 ? PUSH_ORDER.length : i;
}
