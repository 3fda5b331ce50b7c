// Reading the fields of a decoded envoy.data.accesslog.v3.HTTPAccessLogEntry in the model codec's object form:
// int64 seconds as decimal strings, proto3 defaults left out (an absent field is its zero), enums as names,
// wrappers as `{ value }`. Each reader allocates only the value it returns.
import type { HTTPAccessLogEntry } from '@minimesh/model';

export type AccessLogEntry = HTTPAccessLogEntry;
export type AccessLogCommonFields = NonNullable<HTTPAccessLogEntry['common_properties']>;
type SecondsNanos = { seconds?: unknown; nanos?: unknown } | null | undefined;
type AddressLike = NonNullable<AccessLogCommonFields['upstream_remote_address']> | null | undefined;

/** ms since the epoch of a google.protobuf.Timestamp (0 when absent). */
export function timestampMs(ts: SecondsNanos): number {
  if (ts === null || ts === undefined) return 0;
  return Number(ts.seconds ?? 0) * 1000 + Math.floor(Number(ts.nanos ?? 0) / 1e6);
}

/** ms (fractional) of a google.protobuf.Duration (0 when absent). */
export function durationMs(d: SecondsNanos): number {
  if (d === null || d === undefined) return 0;
  return Number(d.seconds ?? 0) * 1000 + Number(d.nanos ?? 0) / 1e6;
}

/** `ip:port` of an Address's socket address, undefined for none (a pipe or an internal address). */
export function addressText(a: AddressLike): string | undefined {
  const s = a?.socket_address;
  if (s === null || s === undefined || !s.address) return undefined;
  return `${s.address}:${s.port_value ?? 0}`;
}

/** Envoy's %PROTOCOL% for HTTPAccessLogEntry.HTTPVersion (`HTTP/1.1`); `-` when unspecified. */
export function protocolText(v: unknown): string {
  switch (v) {
    case 'HTTP10':
    case 1:
      return 'HTTP/1.0';
    case 'HTTP11':
    case 2:
      return 'HTTP/1.1';
    case 'HTTP2':
    case 3:
      return 'HTTP/2';
    case 'HTTP3':
    case 4:
      return 'HTTP/3';
    default:
      return '-';
  }
}

/** The request method's name (`GET`); empty when unspecified. */
export function methodText(m: unknown): string {
  return typeof m === 'string' && m !== 'METHOD_UNSPECIFIED' ? m : '';
}

/** The host of an authority (`reviews:9080` -> `reviews`, `[::1]:80` -> `::1`). */
export function authorityHost(authority: string): string {
  if (authority.startsWith('[')) {
    const end = authority.indexOf(']');
    return end > 0 ? authority.slice(1, end) : authority;
  }
  const colon = authority.lastIndexOf(':');
  return colon > 0 ? authority.slice(0, colon) : authority;
}

/** The host part of `ip:port`. */
export function addressHost(address: string): string {
  return authorityHost(address);
}
