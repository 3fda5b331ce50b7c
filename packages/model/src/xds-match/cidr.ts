// IPv4 / IPv6 addresses and CIDR ranges (envoy.config.core.v3.CidrRange) for filter chain matching. Addresses are
// bytes in network order; a range keeps its address masked to the prefix, as Envoy's CidrRange does, so
// "10.1.2.3/8" and "10.0.0.0/8" are the same range. IPv4 and IPv6 never match each other (no v4-mapped folding).
import type { CidrRange } from '../generated/types/envoy/config/core/v3/CidrRange.js';
import { quote } from './ascii.js';
import { XdsMatchError } from './match-result.js';
import { uint32Value } from './proto.js';

export interface IpAddress {
  readonly family: 4 | 6;
  /** 4 or 16 bytes, network order. */
  readonly bytes: Uint8Array;
}

export interface Cidr {
  readonly family: 4 | 6;
  /** The address with the bits past prefixLen cleared. */
  readonly bytes: Uint8Array;
  /** Prefix length in bits: 0-32 for IPv4, 0-128 for IPv6. */
  readonly prefixLen: number;
  /** Canonical text, e.g. `10.0.0.0/8`, `fd00::/8`. */
  readonly text: string;
}

const V4_OCTET = /^(0|[1-9][0-9]{0,2})$/;
const V6_GROUP = /^[0-9a-fA-F]{1,4}$/;

function parseIpv4Into(text: string, out: Uint8Array, offset: number): boolean {
  const parts = text.split('.');
  if (parts.length !== 4) return false;
  for (let i = 0; i < 4; i++) {
    const p = parts[i] ?? '';
    if (!V4_OCTET.test(p)) return false;
    const n = Number(p);
    if (n > 255) return false;
    out[offset + i] = n;
  }
  return true;
}

/** 16-bit groups of one side of "::"; the last part may be a dotted IPv4 address (two groups). */
function groupsOf(parts: readonly string[], v4Last: boolean): number[] | undefined {
  const groups: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] ?? '';
    if (v4Last && i === parts.length - 1 && p.includes('.')) {
      const four = new Uint8Array(4);
      if (!parseIpv4Into(p, four, 0)) return undefined;
      groups.push(((four[0] ?? 0) << 8) | (four[1] ?? 0), ((four[2] ?? 0) << 8) | (four[3] ?? 0));
    } else if (V6_GROUP.test(p)) {
      groups.push(Number.parseInt(p, 16));
    } else {
      return undefined;
    }
  }
  return groups;
}

function parseIpv6(text: string): IpAddress | undefined {
  const gap = text.indexOf('::');
  let groups: number[] | undefined;
  if (gap < 0) {
    groups = groupsOf(text.split(':'), true);
    if (groups === undefined || groups.length !== 8) return undefined;
  } else {
    if (text.indexOf('::', gap + 1) >= 0) return undefined;
    const left = text.slice(0, gap);
    const right = text.slice(gap + 2);
    const head = left === '' ? [] : groupsOf(left.split(':'), false);
    const tail = right === '' ? [] : groupsOf(right.split(':'), true);
    if (head === undefined || tail === undefined || head.length + tail.length > 7) return undefined;
    groups = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  }
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[2 * i] = g >> 8;
    bytes[2 * i + 1] = g & 0xff;
  });
  return { family: 6, bytes };
}

/** Parses a textual IPv4 or IPv6 address (no brackets, no zone, no port); undefined when it is not one. */
export function parseIp(text: string): IpAddress | undefined {
  if (text.includes(':')) return parseIpv6(text);
  const bytes = new Uint8Array(4);
  return parseIpv4Into(text, bytes, 0) ? { family: 4, bytes } : undefined;
}

/** Text of an address: dotted quad, or RFC 5952 IPv6 (lower case, longest run of 2+ zero groups as "::"). */
export function formatIp(ip: IpAddress): string {
  if (ip.family === 4) return Array.from(ip.bytes).join('.');
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((ip.bytes[i] ?? 0) << 8) | (ip.bytes[i + 1] ?? 0));
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) [bestStart, bestLen] = [i, j - i];
    i = j;
  }
  const hex = (gs: number[]): string => gs.map((g) => g.toString(16)).join(':');
  if (bestStart < 0) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLen))}`;
}

/** The range `address/prefixLen`, or undefined when the address does not parse or the length is out of range. */
export function parseCidr(address: string, prefixLen: number): Cidr | undefined {
  const ip = parseIp(address);
  if (ip === undefined) return undefined;
  const max = ip.family === 4 ? 32 : 128;
  if (!Number.isInteger(prefixLen) || prefixLen < 0 || prefixLen > max) return undefined;
  const bytes = new Uint8Array(ip.bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const bits = Math.min(8, Math.max(0, prefixLen - 8 * i));
    bytes[i] = (ip.bytes[i] ?? 0) & ((0xff << (8 - bits)) & 0xff);
  }
  return {
    family: ip.family,
    bytes,
    prefixLen,
    text: `${formatIp({ family: ip.family, bytes })}/${prefixLen}`,
  };
}

/** Compiles a CidrRange (prefix_len absent reads as 0). Throws XdsMatchError when it is not a valid range. */
export function compileCidrRange(range: CidrRange, path: string): Cidr {
  const address = range.address_prefix ?? '';
  const len = uint32Value(range.prefix_len, 0);
  const cidr = parseCidr(address, len);
  if (cidr === undefined) {
    throw new XdsMatchError(path, `${quote(`${address}/${len}`)} is not a valid CIDR range`);
  }
  return cidr;
}

/** True when `ip` is inside `cidr` (same family, first prefixLen bits equal). */
export function cidrContains(cidr: Cidr, ip: IpAddress): boolean {
  if (cidr.family !== ip.family) return false;
  for (let i = 0; i < cidr.bytes.length; i++) {
    const bits = Math.min(8, Math.max(0, cidr.prefixLen - 8 * i));
    if (bits === 0) return true;
    const mask = (0xff << (8 - bits)) & 0xff;
    if (((ip.bytes[i] ?? 0) & mask) !== cidr.bytes[i]) return false;
  }
  return true;
}

/** 127.0.0.0/8 or ::1 (Envoy's loopback test). */
export function isLoopback(ip: IpAddress): boolean {
  if (ip.family === 4) return ip.bytes[0] === 127;
  for (let i = 0; i < 15; i++) if (ip.bytes[i] !== 0) return false;
  return ip.bytes[15] === 1;
}

export function sameIp(a: IpAddress, b: IpAddress): boolean {
  if (a.family !== b.family) return false;
  for (let i = 0; i < a.bytes.length; i++) if (a.bytes[i] !== b.bytes[i]) return false;
  return true;
}
