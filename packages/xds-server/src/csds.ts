// Client Status Discovery Service (envoy.service.status.v3): per connected node, what the server sent it and
// whether it was ACKed, in the form `istioctl proxy-status` and `istioctl x proxy-config` read. One
// GenericXdsConfig per resource the node subscribes to and has; config_status is the type's sync status.

import type {
  ServerDuplexStream,
  ServerUnaryCall,
  sendUnaryData,
  UntypedServiceImplementation,
} from '@grpc/grpc-js';
import type { ClientConfig, ClientStatusRequest, ClientStatusResponse } from '@minimesh/model';
import { WILDCARD } from './resource-types.js';
import type { ProxyStatus, SyncStatus } from './status.js';
import type { StreamContext } from './stream-context.js';

type GenericXdsConfig = NonNullable<ClientConfig['generic_xds_configs']>[number];

const CONFIG_STATUS: Record<SyncStatus, 'SYNCED' | 'NOT_SENT' | 'STALE' | 'ERROR'> = {
  SYNCED: 'SYNCED',
  NOT_SENT: 'NOT_SENT',
  STALE: 'STALE',
  NACK: 'ERROR',
};
const CLIENT_STATUS: Record<SyncStatus, 'ACKED' | 'REQUESTED' | 'NACKED'> = {
  SYNCED: 'ACKED',
  NOT_SENT: 'REQUESTED',
  STALE: 'REQUESTED',
  NACK: 'NACKED',
};

/** The node ids a request selects: node.id, exact node_id matchers; undefined selects every node. */
function selectedIds(request: ClientStatusRequest): Set<string> | undefined {
  const ids = new Set<string>();
  if (request.node?.id) ids.add(request.node.id);
  for (const m of request.node_matchers ?? []) {
    const exact = m.node_id?.exact;
    if (typeof exact === 'string') ids.add(exact);
  }
  return ids.size > 0 ? ids : undefined;
}

/** The CSDS answer for a request, from the status of open streams and the cache. */
export function clientStatus(ctx: StreamContext, request: ClientStatusRequest): ClientStatusResponse {
  const ids = selectedIds(request);
  const proxies = ctx.status.list().filter((p) => p.nodeKey !== '' || p.nodeId !== '');
  const selected = ids === undefined ? proxies : proxies.filter((p) => ids.has(p.nodeId));
  return {
    config: selected.map((p) => clientConfig(ctx, p, request.exclude_resource_contents === true)),
  };
}

function clientConfig(ctx: StreamContext, proxy: ProxyStatus, excludeContents: boolean): ClientConfig {
  const generic: GenericXdsConfig[] = [];
  for (const t of proxy.types) {
    const all = ctx.cache.resources(proxy.nodeKey, t.typeUrl);
    if (all === undefined) continue;
    const wildcard = t.subscribed.includes(WILDCARD);
    for (const [name, r] of all) {
      if (!wildcard && !t.subscribed.includes(name)) continue;
      const entry: GenericXdsConfig = {
        type_url: t.typeUrl,
        name,
        version_info: r.version,
        config_status: CONFIG_STATUS[t.status],
        client_status: CLIENT_STATUS[t.status],
      };
      if (!excludeContents) entry.xds_config = r.any;
      if (t.status === 'NACK') {
        entry.error_state = { details: t.nackMessage ?? '', version_info: t.nackedVersion ?? '' };
      }
      generic.push(entry);
    }
  }
  return { node: proxy.node ?? { id: proxy.nodeId }, generic_xds_configs: generic };
}

/** The CSDS service implementation over a stream context. */
export function csdsImplementation(ctx: StreamContext): UntypedServiceImplementation {
  return {
    StreamClientStatus: (call: ServerDuplexStream<ClientStatusRequest, ClientStatusResponse>) => {
      call.on('data', (request: ClientStatusRequest) => call.write(clientStatus(ctx, request)));
      call.on('end', () => call.end());
    },
    FetchClientStatus: (
      call: ServerUnaryCall<ClientStatusRequest, ClientStatusResponse>,
      callback: sendUnaryData<ClientStatusResponse>,
    ) => {
      callback(null, clientStatus(ctx, call.request));
    },
  };
}
