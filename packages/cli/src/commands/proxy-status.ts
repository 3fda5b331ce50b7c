// `mesh proxy-status [PROXY] [--control-plane HOST:PORT] [-o json|yaml]`: istioctl proxy-status for the dev mesh.
// Without PROXY: one line per proxy connected to the control plane (GET /status) with its sync state per xDS type
// (output/istioctl-status.ts); VERSION is the proxy's ISTIO_VERSION from its admin /server_info. With PROXY: the
// control plane's config for that proxy against the proxy's /config_dump (output/istioctl-compare.ts); exit
// status 1 when they differ. No dev mesh, an unknown PROXY or an unreachable admin API: one clear line on stderr,
// exit status 1.
import {
  AdminRequestError,
  adminAddressOf,
  adminGet,
  fetchStatus,
  ProxySelectError,
  resolveProxy,
} from '../dev/admin-client.js';
import { ConfigDump, obj, str } from '../dev/config-dump-sections.js';
import type { ControlPlaneStatus, ProxyEntry } from '../dev/control-plane-status.js';
import { expectedConfigDump } from '../dev/expected-config.js';
import { colorEnabled, OutputFormatError, parseOutputFormat, serialize } from '../output/format.js';
import { compareDumps } from '../output/istioctl-compare.js';
import { statusRows, statusTable } from '../output/istioctl-status.js';
import { DEFAULT_CONTROL_PLANE } from './apply.js';
import type { CommandOutcome } from './inject.js';

/** The ISTIOD column: the dev control plane's name. */
export const ISTIOD_ID = 'mesh-dev';

export interface ProxyStatusOptions {
  /** Pod name (or unique prefix), `pod.namespace`, gateway name or node id; absent: every proxy. */
  readonly proxy?: string;
  /** HOST:PORT of the control API (default 127.0.0.1:15014). */
  readonly controlPlane?: string;
  /** `table` (default), `json` or `yaml`. */
  readonly output?: string;
  /** Colour the table (default: colorEnabled() for stdout). */
  readonly color?: boolean;
}

/** Errors the command turns into one stderr line and exit status 1 (anything else is a bug and propagates). */
export function isUserError(err: unknown): err is Error {
  const code = (err as { code?: unknown }).code;
  return (
    err instanceof ProxySelectError ||
    err instanceof AdminRequestError ||
    err instanceof OutputFormatError ||
    (typeof code === 'string' && code.startsWith('MESH_'))
  );
}

async function versionsOf(proxies: readonly ProxyEntry[]): Promise<Map<string, string>> {
  const versions = new Map<string, string>();
  await Promise.all(
    proxies.map(async (p) => {
      if (p.adminAddress === undefined) return;
      try {
        const info = JSON.parse(await adminGet(p.adminAddress, '/server_info', 2_000)) as unknown;
        const v = str(obj(obj(obj(info).node).metadata).ISTIO_VERSION);
        if (v !== '') versions.set(p.nodeId, v);
      } catch {
        // A proxy that does not answer keeps `-` in the VERSION column.
      }
    }),
  );
  return versions;
}

export async function proxyStatusCommand(options: ProxyStatusOptions = {}): Promise<CommandOutcome> {
  const address = options.controlPlane ?? DEFAULT_CONTROL_PLANE;
  try {
    const format = parseOutputFormat(options.output ?? 'table', ['table', 'json', 'yaml'] as const);
    const status: ControlPlaneStatus = await fetchStatus(address);
    if (options.proxy !== undefined) {
      const proxy = resolveProxy(status, options.proxy);
      const envoy = ConfigDump.parse(
        await adminGet(adminAddressOf(proxy), '/config_dump'),
        `the admin API of ${proxy.pod}.${proxy.namespace}`,
      );
      const istiod = await expectedConfigDump(address, proxy);
      const result = compareDumps(istiod, envoy);
      if (format !== 'table')
        return {
          exitCode: result.match ? 0 : 1,
          stdout: serialize(
            { proxy: `${proxy.pod}.${proxy.namespace}`, match: result.match, diff: result.text },
            format,
          ),
          stderr: [],
        };
      return { exitCode: result.match ? 0 : 1, stdout: result.text, stderr: [] };
    }
    if (format !== 'table') return { exitCode: 0, stdout: serialize(status, format), stderr: [] };
    const rows = statusRows(status.proxies, ISTIOD_ID, await versionsOf(status.proxies));
    return { exitCode: 0, stdout: statusTable(rows, options.color ?? colorEnabled()), stderr: [] };
  } catch (err) {
    if (!isUserError(err)) throw err;
    return { exitCode: 1, stdout: '', stderr: [`mesh proxy-status: ${err.message}`] };
  }
}
