// Where a proxy's access logs go: MeshConfig.enableEnvoyAccessLogService with
// defaultConfig.envoyAccessLogService.address (HOST:PORT, `[v6]:PORT` for IPv6). Both are needed: istiod writes the
// loggers whenever the switch is on, but without an address the bootstrap has no cluster for them and Envoy
// rejects the listeners; here the loggers and the cluster are written together or not at all.
import { isIP } from 'node:net';
import type { MeshConfig } from '../mesh-config.js';

/** The access log service a mesh config names: a host (IP literal or DNS name) and a TCP port (1-65535). */
export interface AccessLogServiceTarget {
  readonly host: string;
  readonly port: number;
  /** True when `host` is an IP literal (a STATIC cluster), false for a DNS name (STRICT_DNS, as Istio writes). */
  readonly isIp: boolean;
}

/** `HOST:PORT` or `[IPV6]:PORT` split and checked; undefined when it is not one. */
export function parseServiceAddress(address: string): AccessLogServiceTarget | undefined {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]\s]+)):(\d{1,5})$/.exec(address);
  if (m === null) return undefined;
  const host = m[1] ?? m[2] ?? '';
  const port = Number(m[3]);
  if (host === '' || port < 1 || port > 65_535) return undefined;
  if (m[1] !== undefined && isIP(host) !== 6) return undefined;
  return { host, port, isIp: isIP(host) !== 0 };
}

/** Memo by mesh config object: every HCM of every proxy of a push asks. */
const targets = new WeakMap<MeshConfig, AccessLogServiceTarget | null>();

/** The access log service of `mesh`, or undefined when it is off or its address is missing or malformed. */
export function accessLogService(mesh: MeshConfig): AccessLogServiceTarget | undefined {
  let t = targets.get(mesh);
  if (t === undefined) {
    const address = mesh.envoyAccessLogService?.address;
    t = (mesh.enableEnvoyAccessLogService && address !== undefined && parseServiceAddress(address)) || null;
    targets.set(mesh, t);
  }
  return t ?? undefined;
}
