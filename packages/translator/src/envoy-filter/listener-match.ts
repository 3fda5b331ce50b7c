// Which listeners, filter chains and filters a patch's listener match selects (istiod 1.30 listener_patch.go
// listenerMatch, filterChainMatch, networkFilterMatch, httpFilterMatch, listenerFilterMatch). Object form in.
import { VIRTUAL_INBOUND_LISTENER, VIRTUAL_OUTBOUND_LISTENER } from '../naming.js';
import type { CompiledPatch } from './compile-patches.js';
import type { ObjectForm } from './proto-merge.js';

function obj(v: unknown): ObjectForm | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as ObjectForm) : undefined;
}

function isVirtual(listener: ObjectForm): boolean {
  return listener.name === VIRTUAL_INBOUND_LISTENER || listener.name === VIRTUAL_OUTBOUND_LISTENER;
}

/** The port a listener binds (0 when it has no socket address). */
export function listenerPort(listener: ObjectForm): number {
  const port = obj(obj(listener.address)?.socket_address)?.port_value;
  return typeof port === 'number' ? port : 0;
}

/**
 * Listener name and port. For patches below the listener (filter chains, filters) on virtualInbound and
 * virtualOutbound the port is not checked here: it selects the filter chain by destination port instead.
 */
export function listenerMatches(listener: ObjectForm, patch: CompiledPatch): boolean {
  const m = patch.match.listener;
  if (m === undefined) return true;
  if (m.name && m.name !== listener.name) return false;
  if (patch.applyTo !== 'LISTENER' && isVirtual(listener)) return true;
  // Port 0 means "any": the API cannot tell an unset port from 0.
  return !m.portNumber || listenerPort(listener) === m.portNumber;
}

/** Filter chain name, SNI, transport protocol, ALPN (all of the comma-separated list) and destination port. */
export function filterChainMatches(listener: ObjectForm, chain: ObjectForm, patch: CompiledPatch): boolean {
  const m = patch.match.listener;
  if (m === undefined) return true;
  const fcm = obj(chain.filter_chain_match);
  const destinationPort = obj(fcm?.destination_port)?.value;
  if (isVirtual(listener) && m.portNumber && destinationPort !== m.portNumber) return false;
  const c = m.filterChain;
  if (c === undefined) return true;
  if (c.name && c.name !== chain.name) return false;
  if (c.sni) {
    const names = (fcm?.server_names as string[] | undefined) ?? [];
    if (!names.includes(c.sni)) return false;
  }
  if (c.transportProtocol && (fcm === undefined || fcm.transport_protocol !== c.transportProtocol))
    return false;
  if (c.applicationProtocols) {
    if (fcm === undefined) return false;
    const alpn = (fcm.application_protocols as string[] | undefined) ?? [];
    if (!c.applicationProtocols.split(',').every((p) => alpn.includes(p))) return false;
  }
  if (c.destinationPort && destinationPort !== c.destinationPort) return false;
  return true;
}

/** True when the patch names a network filter (match.listener.filterChain.filter). */
export function hasNetworkFilterMatch(patch: CompiledPatch): boolean {
  return patch.match.listener?.filterChain?.filter !== undefined;
}

export function networkFilterMatches(filter: ObjectForm, patch: CompiledPatch): boolean {
  if (!hasNetworkFilterMatch(patch)) return true;
  return patch.match.listener?.filterChain?.filter?.name === filter.name;
}

/** True when the patch names an HTTP filter (a subFilter of the named network filter). */
export function hasHttpFilterMatch(patch: CompiledPatch): boolean {
  return hasNetworkFilterMatch(patch) && patch.match.listener?.filterChain?.filter?.subFilter !== undefined;
}

export function httpFilterMatches(filter: ObjectForm, patch: CompiledPatch): boolean {
  if (!hasHttpFilterMatch(patch)) return true;
  return patch.match.listener?.filterChain?.filter?.subFilter?.name === filter.name;
}

/** True when the patch names a listener filter (match.listener.listenerFilter). */
export function hasListenerFilterMatch(patch: CompiledPatch): boolean {
  return !!patch.match.listener?.listenerFilter;
}

export function listenerFilterMatches(filter: ObjectForm, patch: CompiledPatch): boolean {
  if (!hasListenerFilterMatch(patch)) return true;
  return patch.match.listener?.listenerFilter === filter.name;
}
