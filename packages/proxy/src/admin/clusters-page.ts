// GET /clusters: Envoy's text form (one "cluster::host::stat::value" line per host stat, after the cluster-level
// lines) and ?format=json (envoy.admin.v3.Clusters in proto3 JSON). Hosts print in the cluster's order; clusters
// sorted by name. rq_error counts tries that failed (5xx or no response); health_flags are Envoy's
// (/failed_active_hc, /failed_outlier_check, /failed_eds_health ...); success_rate and local_origin_success_rate
// are the last outlier detection sweep's (-1 when not computed), with the cluster's outlier:: lines when it has
// outlier detection.
import type { AdminClusters } from '@minimesh/model/xds';
import { toProto3Json } from '@minimesh/model/xds';
import { thresholdsMessage } from '../cluster/circuit-breakers.js';
import type { ClusterManager } from '../cluster/cluster-manager.js';
import type { Host } from '../cluster/host.js';
import type { HostMonitor } from '../cluster/outlier/host-monitor.js';
import type { OutlierDetector } from '../cluster/outlier/outlier-detector.js';

type AdminClusterStatus = NonNullable<AdminClusters['cluster_statuses']>[number];

function hostStats(h: Host): [string, 'COUNTER' | 'GAUGE', number][] {
  return [
    ['cx_active', 'GAUGE', h.cxActive],
    ['cx_connect_fail', 'COUNTER', h.stats.cxConnectFail],
    // HTTP/1.1 connections opened; an HTTP/2 host (one session, not counted by the pools) shows at least one.
    [
      'cx_total',
      'COUNTER',
      h.stats.cxTotal > 0 || h.stats.rqTotal === 0 ? h.stats.cxTotal : Math.max(h.cxActive, 1),
    ],
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
    for (const [label, b] of [
      ['default_priority', c.limits.default.breakers],
      ['high_priority', c.limits.high.breakers],
    ] as const) {
      out += `${n}::${label}::max_connections::${b.maxConnections}\n`;
      out += `${n}::${label}::max_pending_requests::${b.maxPendingRequests}\n`;
      out += `${n}::${label}::max_requests::${b.maxRequests}\n`;
      out += `${n}::${label}::max_retries::${b.maxRetries}\n`;
    }
    out += `${n}::added_via_api::true\n`;
    if (c.edsName !== undefined) out += `${n}::eds_service_name::${c.edsName}\n`;
    const od = c.health.outlier;
    if (od !== undefined) {
      out += `${n}::outlier::success_rate_average::${od.successRateAverage}\n`;
      out += `${n}::outlier::success_rate_ejection_threshold::${od.successRateEjectionThreshold}\n`;
      out += `${n}::outlier::local_origin_success_rate_average::${od.localOriginSuccessRateAverage}\n`;
      out += `${n}::outlier::local_origin_success_rate_ejection_threshold::${od.localOriginSuccessRateEjectionThreshold}\n`;
    }
    for (const h of c.hosts) {
      const p = `${n}::${h.key}`;
      for (const [stat, , value] of hostStats(h)) out += `${p}::${stat}::${value}\n`;
      out += `${p}::hostname::${h.spec.hostname}\n`;
      out += `${p}::health_flags::${h.healthFlagsText}\n`;
      out += `${p}::weight::${h.spec.weight}\n`;
      out += `${p}::region::${h.spec.locality.region}\n`;
      out += `${p}::zone::${h.spec.locality.zone}\n`;
      out += `${p}::sub_zone::${h.spec.locality.subZone}\n`;
      out += `${p}::canary::false\n`;
      out += `${p}::priority::${h.spec.priority}\n`;
      const m = od?.monitor(h);
      out += `${p}::success_rate::${m?.successRate ?? -1}\n`;
      out += `${p}::local_origin_success_rate::${m?.localOriginSuccessRate ?? -1}\n`;
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

/** The cluster's ejection thresholds, present when the last sweep computed them (as Envoy's JSON). */
function outlierThresholds(od: OutlierDetector | undefined): Partial<AdminClusterStatus> {
  if (od === undefined) return {};
  return {
    ...(od.successRateEjectionThreshold < 0
      ? {}
      : { success_rate_ejection_threshold: { value: od.successRateEjectionThreshold } }),
    ...(od.localOriginSuccessRateEjectionThreshold < 0
      ? {}
      : {
          local_origin_success_rate_ejection_threshold: { value: od.localOriginSuccessRateEjectionThreshold },
        }),
  };
}

function hostSuccessRates(m: HostMonitor | undefined): {
  success_rate?: { value: number };
  local_origin_success_rate?: { value: number };
} {
  if (m === undefined) return {};
  return {
    ...(m.successRate < 0 ? {} : { success_rate: { value: m.successRate } }),
    ...(m.localOriginSuccessRate < 0
      ? {}
      : { local_origin_success_rate: { value: m.localOriginSuccessRate } }),
  };
}

export function clustersJson(clusters: ClusterManager): string {
  const doc: AdminClusters = {
    cluster_statuses: clusters.all().map((c) => ({
      name: c.name,
      added_via_api: true,
      observability_name: c.config.alt_stat_name || c.name,
      ...(c.edsName === undefined ? {} : { eds_service_name: c.edsName }),
      circuit_breakers: thresholdsMessage(c.limits),
      ...outlierThresholds(c.health.outlier),
      host_statuses: c.hosts.map((h) => ({
        address: { socket_address: { address: h.spec.address, port_value: h.spec.port } },
        stats: hostStats(h).map(([name, type, value]) => ({ name, type, value: String(value) })),
        health_status: {
          eds_health_status: (EDS_STATUS[h.spec.healthFlags] ?? 'HEALTHY') as 'HEALTHY',
          ...(h.activeHcFailed ? { failed_active_health_check: true } : {}),
          ...(h.outlierEjected ? { failed_outlier_check: true } : {}),
          ...(h.activeHcPending ? { pending_active_hc: true } : {}),
        },
        ...hostSuccessRates(c.health.outlier?.monitor(h)),
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
