// From the injected init container's `istio-iptables` arguments to the capture settings, and to the
// iptables-restore input the init container would apply: what the sidecar's traffic capture is, readable
// without a cluster.
import type { ContainerLike } from '../types.js';
import { buildCapture, type CaptureConfig, DEFAULT_CAPTURE } from './capture.js';

const FLAGS: Readonly<Record<string, keyof CaptureConfig>> = {
  '-p': 'proxyPort',
  '-z': 'inboundCapturePort',
  '-u': 'proxyUID',
  '-g': 'proxyGID',
  '-m': 'inboundInterceptionMode',
  '-i': 'outboundIPRangesInclude',
  '-x': 'outboundIPRangesExclude',
  '-b': 'inboundPortsInclude',
  '-d': 'inboundPortsExclude',
  '-q': 'outboundPortsInclude',
  '-o': 'outboundPortsExclude',
  '-k': 'rerouteVirtualInterfaces',
  '-c': 'excludeInterfaces',
};

/** Parses `istio-iptables -p 15001 ...` arguments (the leading `istio-iptables` is optional). */
export function captureFromArgs(args: readonly string[]): CaptureConfig {
  const c: CaptureConfig = { ...DEFAULT_CAPTURE };
  let gidSet = false;
  for (let i = args[0] === 'istio-iptables' ? 1 : 0; i < args.length; i++) {
    const key = FLAGS[args[i] ?? ''];
    const value = args[i + 1];
    if (key === undefined || value === undefined) continue;
    i++;
    if (key === 'inboundInterceptionMode')
      c.inboundInterceptionMode = value === 'TPROXY' ? 'TPROXY' : 'REDIRECT';
    else (c as unknown as Record<string, string>)[key] = value;
    if (key === 'proxyGID') gidSet = true;
  }
  // istio-iptables uses the proxy UID as GID when no GID is given.
  if (!gidSet) c.proxyGID = c.proxyUID;
  return c;
}

export interface CaptureRules {
  config: CaptureConfig;
  /** iptables-restore input for IPv4 (and IPv6 when enabled). */
  ipv4: string;
  ipv6: string;
}

/** The capture rules of an injected istio-init container, or undefined when the pod has none. */
export function captureRules(
  init: ContainerLike | undefined,
  options: { ipv6?: boolean } = {},
): CaptureRules | undefined {
  if (init?.args === undefined || init.args[0] !== 'istio-iptables') return undefined;
  const config = { ...captureFromArgs(init.args), enableIPv6: options.ipv6 ?? false };
  const b = buildCapture(config);
  return { config, ipv4: b.restoreV4(), ipv6: config.enableIPv6 ? b.restoreV6() : '' };
}
