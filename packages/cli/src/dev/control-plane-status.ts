// `GET /status`: the control plane's version, its resources by kind, and per connected proxy its node id, pod,
// admin address (from the address plan) and xDS status per type (the xds-server's, as istioctl proxy-status sums it).
import type { LoadedResource } from '@minimesh/model';
import type { ProxyStatus } from '@minimesh/xds-server';
import type { AddressPlan } from './address-plan.js';
import { shortType } from './control-plane-events.js';

export interface ProxyTypeStatus {
  readonly status: string;
  readonly sentVersion?: string;
  readonly ackedVersion?: string;
  readonly nackMessage?: string;
}

export interface ProxyEntry {
  readonly nodeId: string;
  readonly type: string;
  readonly pod: string;
  readonly namespace: string;
  /** `127.0.0.1:PORT` of the proxy's admin API, when the address plan has the pod. */
  readonly adminAddress?: string;
  /** By short type name: CDS, LDS, EDS, RDS, SDS. */
  readonly xds: Readonly<Record<string, ProxyTypeStatus>>;
}

export interface ControlPlaneStatus {
  readonly version: number;
  /** Kind -> count. */
  readonly resources: Readonly<Record<string, number>>;
  readonly proxies: readonly ProxyEntry[];
}

export function statusOf(
  version: number,
  resources: readonly LoadedResource[],
  streams: readonly ProxyStatus[],
  plan: AddressPlan,
): ControlPlaneStatus {
  const kinds: Record<string, number> = {};
  for (const r of resources) kinds[r.kind] = (kinds[r.kind] ?? 0) + 1;
  const proxies = streams
    .filter((s) => s.nodeId !== '')
    .map((s): ProxyEntry => {
      const [type = '', , podDotNs = ''] = s.nodeId.split('~');
      const dot = podDotNs.lastIndexOf('.');
      const pod = dot < 0 ? podDotNs : podDotNs.slice(0, dot);
      const namespace = dot < 0 ? 'default' : podDotNs.slice(dot + 1);
      const planned = plan.pod(pod, namespace);
      const xds: Record<string, ProxyTypeStatus> = {};
      for (const t of s.types) {
        xds[shortType(t.typeUrl)] = {
          status: t.status,
          ...(t.sentVersion === undefined ? {} : { sentVersion: t.sentVersion }),
          ...(t.ackedVersion === undefined ? {} : { ackedVersion: t.ackedVersion }),
          ...(t.nackMessage === undefined ? {} : { nackMessage: t.nackMessage }),
        };
      }
      return {
        nodeId: s.nodeId,
        type,
        pod,
        namespace,
        ...(planned === undefined ? {} : { adminAddress: `127.0.0.1:${planned.adminPort}` }),
        xds,
      };
    })
    .sort((a, b) => (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0));
  return { version, resources: kinds, proxies };
}
