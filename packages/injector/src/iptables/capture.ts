// The traffic capture rules istio-iptables installs for a sidecar (tools/istio-iptables/pkg/capture/run.go,
// istiod 1.30), generated from the same settings the injected init container passes as arguments: REDIRECT or
// TPROXY inbound capture, outbound capture with UID/GID exclusion, include/exclude ranges, ports, virtual and
// excluded interfaces, owner groups. DNS capture (REDIRECT_DNS with DNS servers) is not generated.
import { RuleBuilder, VERSIONED } from './rule-builder.js';

export interface CaptureConfig {
  proxyPort: string;
  inboundCapturePort: string;
  inboundTunnelPort: string;
  /** Comma lists: rules are made per UID and per GID. */
  proxyUID: string;
  proxyGID: string;
  inboundInterceptionMode: 'REDIRECT' | 'TPROXY';
  inboundTProxyMark: string;
  inboundPortsInclude: string;
  inboundPortsExclude: string;
  outboundPortsInclude: string;
  outboundPortsExclude: string;
  outboundIPRangesInclude: string;
  outboundIPRangesExclude: string;
  rerouteVirtualInterfaces: string;
  excludeInterfaces: string;
  ownerGroupsInclude: string;
  ownerGroupsExclude: string;
  hostIPv4LoopbackCidr: string;
  enableIPv6: boolean;
  dropInvalid: boolean;
}

export const DEFAULT_CAPTURE: CaptureConfig = {
  proxyPort: '15001',
  inboundCapturePort: '15006',
  inboundTunnelPort: '15008',
  proxyUID: '1337',
  proxyGID: '1337',
  inboundInterceptionMode: 'REDIRECT',
  inboundTProxyMark: '1337',
  inboundPortsInclude: '',
  inboundPortsExclude: '',
  outboundPortsInclude: '',
  outboundPortsExclude: '',
  outboundIPRangesInclude: '',
  outboundIPRangesExclude: '',
  rerouteVirtualInterfaces: '',
  excludeInterfaces: '',
  ownerGroupsInclude: '*',
  ownerGroupsExclude: '',
  hostIPv4LoopbackCidr: '127.0.0.1/32',
  enableIPv6: false,
  dropInvalid: false,
};

/** Go's config.Split: comma list without empty items. */
export function split(s: string): string[] {
  return s === '' ? [] : s.split(',').filter((x) => x !== '');
}

interface Ranges {
  wildcard: boolean;
  cidrs: string[];
  loopback: boolean;
}

function separate(list: string): { v4: Ranges; v6: Ranges } {
  if (list === '*')
    return {
      v4: { wildcard: true, cidrs: [], loopback: false },
      v6: { wildcard: true, cidrs: [], loopback: false },
    };
  const v4: Ranges = { wildcard: false, cidrs: [], loopback: false };
  const v6: Ranges = { wildcard: false, cidrs: [], loopback: false };
  for (const cidr of split(list)) {
    const addr = cidr.split('/')[0] ?? '';
    if (addr.includes(':')) {
      v6.cidrs.push(cidr);
      if (addr === '::1') v6.loopback = true;
    } else {
      v4.cidrs.push(cidr);
      if (addr.startsWith('127.')) v4.loopback = true;
    }
  }
  return { v4, v6 };
}

const C = {
  INBOUND: 'ISTIO_INBOUND',
  REDIRECT: 'ISTIO_REDIRECT',
  IN_REDIRECT: 'ISTIO_IN_REDIRECT',
  OUTPUT: 'ISTIO_OUTPUT',
  DIVERT: 'ISTIO_DIVERT',
  TPROXY: 'ISTIO_TPROXY',
  DROP: 'ISTIO_DROP',
} as const;
const OUTBOUND_MARK = '1338';

function inbound(b: RuleBuilder, c: CaptureConfig): void {
  if (c.inboundPortsInclude === '') return;
  const tproxy = c.inboundInterceptionMode === 'TPROXY';
  const table = tproxy ? 'mangle' : 'nat';
  if (tproxy) {
    b.append(C.DIVERT, 'mangle', '-j', 'MARK', '--set-mark', c.inboundTProxyMark);
    b.append(C.DIVERT, 'mangle', '-j', 'ACCEPT');
    b.appendVersioned(
      c.hostIPv4LoopbackCidr,
      '::1/128',
      C.TPROXY,
      'mangle',
      '!',
      '-d',
      VERSIONED,
      '-p',
      'tcp',
      '-j',
      'TPROXY',
      '--tproxy-mark',
      `${c.inboundTProxyMark}/0xffffffff`,
      '--on-port',
      c.inboundCapturePort,
    );
  }
  b.append('PREROUTING', table, '-p', 'tcp', '-j', C.INBOUND);
  if (c.inboundPortsInclude === '*') {
    for (const port of split(c.inboundPortsExclude))
      b.append(C.INBOUND, table, '-p', 'tcp', '--dport', port, '-j', 'RETURN');
    if (tproxy) {
      b.append(
        C.INBOUND,
        'mangle',
        '-p',
        'tcp',
        '-m',
        'conntrack',
        '--ctstate',
        'RELATED,ESTABLISHED',
        '-j',
        C.DIVERT,
      );
      b.append(C.INBOUND, 'mangle', '-p', 'tcp', '-j', C.TPROXY);
    } else {
      b.append(C.INBOUND, 'nat', '-p', 'tcp', '-j', C.IN_REDIRECT);
    }
    return;
  }
  for (const port of split(c.inboundPortsInclude)) {
    if (tproxy) {
      b.append(
        C.INBOUND,
        'mangle',
        '-p',
        'tcp',
        '--dport',
        port,
        '-m',
        'conntrack',
        '--ctstate',
        'RELATED,ESTABLISHED',
        '-j',
        C.DIVERT,
      );
      b.append(C.INBOUND, 'mangle', '-p', 'tcp', '--dport', port, '-j', C.TPROXY);
    } else {
      b.append(C.INBOUND, 'nat', '-p', 'tcp', '--dport', port, '-j', C.IN_REDIRECT);
    }
  }
}

function outboundIncludes(b: RuleBuilder, c: CaptureConfig, r: Ranges, v6: boolean): void {
  const append = (...p: string[]) =>
    v6 ? b.appendV6(C.OUTPUT, 'nat', ...p) : b.appendV4(C.OUTPUT, 'nat', ...p);
  const insert = (...p: string[]) =>
    v6 ? b.insertV6('PREROUTING', 'nat', 1, ...p) : b.insertV4('PREROUTING', 'nat', 1, ...p);
  if (r.wildcard) {
    append('-j', C.REDIRECT);
    for (const nic of split(c.rerouteVirtualInterfaces)) insert('-i', nic, '-j', C.REDIRECT);
  } else {
    for (const cidr of r.cidrs) {
      for (const nic of split(c.rerouteVirtualInterfaces)) insert('-i', nic, '-d', cidr, '-j', C.REDIRECT);
      append('-d', cidr, '-j', C.REDIRECT);
    }
  }
}

function ownerRules(
  b: RuleBuilder,
  c: CaptureConfig,
  flag: '--uid-owner' | '--gid-owner',
  id: string,
  keepLoopback: boolean,
): void {
  b.appendVersioned(
    c.hostIPv4LoopbackCidr,
    '::1/128',
    C.OUTPUT,
    'nat',
    '-o',
    'lo',
    '!',
    '-d',
    VERSIONED,
    '-p',
    'tcp',
    '!',
    '--dport',
    c.inboundTunnelPort,
    '-m',
    'owner',
    flag,
    id,
    '-j',
    C.IN_REDIRECT,
  );
  if (keepLoopback) b.append(C.OUTPUT, 'nat', '-o', 'lo', '-m', 'owner', '!', flag, id, '-j', 'RETURN');
  b.append(C.OUTPUT, 'nat', '-m', 'owner', flag, id, '-j', 'RETURN');
}

function tproxyMarks(b: RuleBuilder, c: CaptureConfig): void {
  const mark = c.inboundTProxyMark;
  b.append(
    'PREROUTING',
    'mangle',
    '-p',
    'tcp',
    '-m',
    'mark',
    '--mark',
    mark,
    '-j',
    'CONNMARK',
    '--save-mark',
  );
  b.append('OUTPUT', 'mangle', '-p', 'tcp', '-o', 'lo', '-m', 'mark', '--mark', mark, '-j', 'RETURN');
  for (const [flag, ids] of [
    ['--uid-owner', c.proxyUID],
    ['--gid-owner', c.proxyGID],
  ] as const) {
    for (const id of split(ids)) {
      b.appendVersioned(
        c.hostIPv4LoopbackCidr,
        '::1/128',
        'OUTPUT',
        'mangle',
        '!',
        '-d',
        VERSIONED,
        '-p',
        'tcp',
        '-o',
        'lo',
        '-m',
        'owner',
        flag,
        id,
        '-j',
        'MARK',
        '--set-mark',
        OUTBOUND_MARK,
      );
    }
  }
  b.append(
    'OUTPUT',
    'mangle',
    '-p',
    'tcp',
    '-m',
    'connmark',
    '--mark',
    mark,
    '-j',
    'CONNMARK',
    '--restore-mark',
  );
  b.insert(C.INBOUND, 'mangle', 1, '-p', 'tcp', '-m', 'mark', '--mark', mark, '-j', 'RETURN');
  b.insertV4(C.INBOUND, 'mangle', 2, '-p', 'tcp', '-s', '127.0.0.6/32', '-i', 'lo', '-j', 'RETURN');
  b.insertV6(C.INBOUND, 'mangle', 2, '-p', 'tcp', '-s', '::6/128', '-i', 'lo', '-j', 'RETURN');
  b.insert(
    C.INBOUND,
    'mangle',
    3,
    '-p',
    'tcp',
    '-i',
    'lo',
    '-m',
    'mark',
    '!',
    '--mark',
    OUTBOUND_MARK,
    '-j',
    'RETURN',
  );
}

/** The rules for `c`, in Istio's order. Throws on an invalid exclude range ("*"). */
export function buildCapture(c: CaptureConfig): RuleBuilder {
  const b = new RuleBuilder(c.enableIPv6);
  const exclude = separate(c.outboundIPRangesExclude);
  if (exclude.v4.wildcard) throw new Error('invalid value for OUTBOUND_IP_RANGES_EXCLUDE');
  const include = separate(c.outboundIPRangesInclude);
  for (const nic of split(c.excludeInterfaces)) {
    b.append('PREROUTING', 'nat', '-i', nic, '-j', 'RETURN');
    b.append('OUTPUT', 'nat', '-o', nic, '-j', 'RETURN');
  }
  if (c.inboundInterceptionMode === 'TPROXY') {
    for (const nic of split(c.excludeInterfaces)) {
      b.append('PREROUTING', 'mangle', '-i', nic, '-j', 'RETURN');
      b.append('OUTPUT', 'mangle', '-o', nic, '-j', 'RETURN');
    }
  }
  for (const nic of split(c.rerouteVirtualInterfaces))
    b.insert('PREROUTING', 'nat', 1, '-i', nic, '-j', 'RETURN');
  if (c.dropInvalid) {
    b.append('PREROUTING', 'mangle', '-m', 'conntrack', '--ctstate', 'INVALID', '-j', C.DROP);
    b.append(C.DROP, 'mangle', '-j', 'DROP');
  }
  b.append(C.INBOUND, 'nat', '-p', 'tcp', '--dport', c.inboundTunnelPort, '-j', 'RETURN');
  b.append(C.REDIRECT, 'nat', '-p', 'tcp', '-j', 'REDIRECT', '--to-ports', c.proxyPort);
  b.append(C.IN_REDIRECT, 'nat', '-p', 'tcp', '-j', 'REDIRECT', '--to-ports', c.inboundCapturePort);
  inbound(b, c);
  b.append('OUTPUT', 'nat', '-j', C.OUTPUT);
  for (const port of split(c.outboundPortsExclude)) {
    b.append(C.OUTPUT, 'nat', '-p', 'tcp', '--dport', port, '-j', 'RETURN');
    b.append(C.OUTPUT, 'nat', '-p', 'udp', '--dport', port, '-j', 'RETURN');
  }
  // 127.0.0.6 / ::6 is the source of the inbound passthrough cluster.
  b.appendVersioned('127.0.0.6/32', '::6/128', C.OUTPUT, 'nat', '-o', 'lo', '-s', VERSIONED, '-j', 'RETURN');
  const keepLoopback = !include.v4.loopback && !include.v6.loopback;
  for (const uid of split(c.proxyUID)) ownerRules(b, c, '--uid-owner', uid, keepLoopback);
  for (const gid of split(c.proxyGID)) ownerRules(b, c, '--gid-owner', gid, keepLoopback);
  if (c.ownerGroupsInclude === '*') {
    for (const g of split(c.ownerGroupsExclude))
      b.append(C.OUTPUT, 'nat', '-m', 'owner', '--gid-owner', g, '-j', 'RETURN');
  } else {
    const none = split(c.ownerGroupsInclude).flatMap((g) => ['-m', 'owner', '!', '--gid-owner', g]);
    b.append(C.OUTPUT, 'nat', ...none, '-j', 'RETURN');
  }
  b.appendVersioned(c.hostIPv4LoopbackCidr, '::1/128', C.OUTPUT, 'nat', '-d', VERSIONED, '-j', 'RETURN');
  for (const cidr of exclude.v4.cidrs) b.appendV4(C.OUTPUT, 'nat', '-d', cidr, '-j', 'RETURN');
  for (const cidr of exclude.v6.cidrs) b.appendV6(C.OUTPUT, 'nat', '-d', cidr, '-j', 'RETURN');
  for (const port of split(c.outboundPortsInclude))
    b.append(C.OUTPUT, 'nat', '-p', 'tcp', '--dport', port, '-j', C.REDIRECT);
  outboundIncludes(b, c, include.v4, false);
  outboundIncludes(b, c, include.v6, true);
  if (c.inboundInterceptionMode === 'TPROXY') tproxyMarks(b, c);
  return b;
}
