// GET /clusters: Envoy's text form (one "cluster::host::stat::value" line per host stat, after the cluster-level
// lines) and ?format=json (envoy.admin.v3.Clusters in proto3 JSON). Hosts print in the cluster's order; clusters
// sorted by name. rq_error counts tries that failed (5xx or no response); success_rate is -1 (no outlier
// detection).
import type { AdminClusters } from '@minimesh/model/xds';
import { toProto3Json } from '@minimesh/model/xds';
import type { ClusterManager } from '../cluster/cluster-manager.js';
import type { Host } from '../cluster/host.js';

function hostStats(h: Host): [string, 'COUNTER' | 'GAUGE', number][] {
  return [
    ['cx_active', 'GAUGE', h.cxActive],
    ['cx_connect_fail', 'COUNTER', h.stats.cxConnectFail],
    ['cx_total', 'COUNTER', h.stats.rqTotal === 0 ? 0 : Math.max(h.cxActive, 1)],
    ['rq_active', 'GAUGE', h.stats.rqActive],
    ['rq_error', 'COUNTER', h.stats.rqError],
    ['rq_success', 'COUNTER', h.stats.rqSuccess],
    ['rq_timeout', 'COUNTER', h.stats.rqTimeout],
    ['rq_total', 'COUNTER', h.stats.rqTotal],
  ];
}

export function clustersText(clusters: ClusterManager): string {
  let out = '';
  for (const c of clusters.all()) {
    const n = c.name;
    out += `${n}::observability_name::${c.config.alt_stat_name || n}\n`;
    const b = c.breakers;
    out += `${n}::default_priority::max_connections::${b.maxConnections}\n`;
    out += `${n}::default_priority::max_pending_requests::${b.maxPendingRequests}\n`;
    out += `${n}::default_priority::max_requests::${b.maxRequests}\n`;
    out += `${n}::default_priority::max_retries::${b.maxRetries}\n`;
    out += `${n}::added_via_api::true\n`;
    if (c.edsName !== undefined) out += `${n}::eds_service_name::${c.edsName}\n`;
    for (const h of c.hosts) {
      const p = `${n}::${h.key}`;
      for (const [stat, , value] of hostStats(h)) out += `${p}::${stat}::${value}\n`;
      out += `${p}::hostname::${h.spec.hostname}\n`;
      out += `${p}::health_flags::${h.spec.healthFlags}\n`;
      out += `${p}::weight::${h.spec.weight}\n`;
      out += `${p}::region::${h.spec.locality.region}\n`;
      out += `${p}::zone::${h.spec.locality.zone}\n`;
      out += `${p}::sub_zone::${h.spec.locality.subZone}\n`;
      out += `${p}::canary::false\n`;
      out += `${p}::priority::${h.spec.priority}\n`;
      out += `${p}::success_rate::-1\n`;
      out += `${p}::local_origin_success_rate::-1\n`;
    }
  }
  return out;
}

const EDS_STATUS: Readonly<Record<string, string>> = {
  healthy: 'HEALTHY',
  '/failed_eds_health': 'UNHEALTHY',
  '/eds_status_draining': 'DRAINING',
  '/degraded_eds_health': 'DEGRADED',
};

export function clustersJson(clusters: ClusterManager): string {
  const doc: AdminClusters = {
    cluster_statuses: clusters.all().map((c) => ({
      name: c.name,
      added_via_api: true,
      observability_name: c.config.alt_stat_name || c.name,
      ...(c.edsName === undefined ? {} : { eds_service_name: c.edsName }),
      host_statuses: c.hosts.map((h) => ({
        address: { socket_address: { address: h.spec.address, port_value: h.spec.port } },
        stats: hostStats(h).map(([name, type, value]) => ({ name, type, value: String(value) })),
        health_status: { eds_health_status: (EDS_STATUS[h.spec.healthFlags] ?? 'HEALTHY') as 'HEALTHY' },
        weight: h.spec.weight,
        ...(h.spec.hostname === '' ? {} : { hostname: h.spec.hostname }),
        ...(h.spec.priority === 0 ? {} : { priority: h.spec.priority }),
        locality: {
          region: h.spec.locality.region,
          zone: h.spec.locality.zone,
          sub_zone: h.spec.locality.subZone,
        },
      })),
    })),
  };
  return `${JSON.stringify(toProto3Json('envoy.admin.v3.Clusters', doc), null, 1)}\n`;
}
