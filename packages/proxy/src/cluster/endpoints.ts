// Host specs of a ClusterLoadAssignment (EDS) or of a cluster's inline load_assignment (STATIC, STRICT_DNS,
// LOGICAL_DNS). Endpoints with health_status UNHEALTHY, DRAINING or TIMEOUT are kept (they show in /clusters) but
// not chosen; UNKNOWN and HEALTHY are healthy, as in Envoy. Weights default to 1; a locality's priority to 0.
import type { ClusterLoadAssignment } from '@minimesh/model/xds';
import { ConfigRejectedError } from '../errors.js';
import { uint32Value } from '../util/proto-values.js';
import type { HostSpec } from './host.js';

const UNHEALTHY_FLAGS: Readonly<Record<string, string>> = {
  UNHEALTHY: '/failed_eds_health',
  DRAINING: '/eds_status_draining',
  TIMEOUT: '/failed_eds_health',
  DEGRADED: '/degraded_eds_health',
};

/** Host specs of `cla`, in the order given; throws ConfigRejectedError for an endpoint without an address. */
export function hostSpecs(cla: ClusterLoadAssignment, owner: string, allowHostnames: boolean): HostSpec[] {
  const out: HostSpec[] = [];
  (cla.endpoints ?? []).forEach((loc, li) => {
    const locality = {
      region: loc.locality?.region ?? '',
      zone: loc.locality?.zone ?? '',
      subZone: loc.locality?.sub_zone ?? '',
    };
    const priority = loc.priority ?? 0;
    const localityWeight = uint32Value(loc.load_balancing_weight, 0);
    (loc.lb_endpoints ?? []).forEach((lbe, ei) => {
      const sa = lbe.endpoint?.address?.socket_address;
      const at = `endpoints[${li}].lb_endpoints[${ei}]`;
      if (sa === undefined || sa === null || (sa.address ?? '') === '') {
        throw new ConfigRejectedError(
          'ClusterLoadAssignment',
          owner,
          `${at}: only socket addresses are supported`,
        );
      }
      const port = sa.port_value ?? 0;
      if (port <= 0 || port > 65535) {
        throw new ConfigRejectedError('ClusterLoadAssignment', owner, `${at}: invalid port ${port}`);
      }
      const address = sa.address ?? '';
      if (!allowHostnames && !/^[0-9.]+$|:/.test(address)) {
        throw new ConfigRejectedError(
          'ClusterLoadAssignment',
          owner,
          `${at}: ${JSON.stringify(address)} is not an IP address (host names need STRICT_DNS or LOGICAL_DNS)`,
        );
      }
      const weight = uint32Value(lbe.load_balancing_weight, 1);
      if (weight < 1) {
        throw new ConfigRejectedError(
          'ClusterLoadAssignment',
          owner,
          `${at}: load_balancing_weight must be >= 1`,
        );
      }
      const status = String(lbe.health_status ?? 'UNKNOWN');
      const flag = UNHEALTHY_FLAGS[status];
      out.push({
        address,
        port,
        weight,
        priority,
        locality,
        localityWeight,
        healthFlags: flag ?? 'healthy',
        healthy: flag === undefined,
        hostname: lbe.endpoint?.hostname ?? '',
      });
    });
  });
  return out;
}
