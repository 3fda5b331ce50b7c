// The order of a generated VirtualService's HTTP routes (istiod 1.30 conversion.go sortHTTPRoutes), which the
// Gateway API spec prescribes: routes without a match last; then by path match type Exact > PathPrefix > regex,
// longer paths first, a method match first, more header matches first, more query matches first. Stable: equal
// routes keep their order (rule order, and route order by namespace/name when merged).
import type { IstioHTTPRoute } from '@minimesh/model';

type Match = NonNullable<IstioHTTPRoute['match']>[number];

function uriRank(m: Match): number {
  const u = m.uri;
  if (u === undefined) return -1;
  if (u.exact !== undefined) return 3;
  if (u.prefix !== undefined) return 2;
  if (u.regex !== undefined) return 1;
  return -1;
}

function uriLength(m: Match): number {
  const u = m.uri;
  return (u?.exact ?? u?.prefix ?? u?.regex ?? '').length;
}

/** Negative when `a` goes before `b`. Only match[0] is read: conversion writes one match per route. */
export function compareGatewayRoutes(a: IstioHTTPRoute, b: IstioHTTPRoute): number {
  const ma = a.match?.[0];
  const mb = b.match?.[0];
  if (ma === undefined) return mb === undefined ? 0 : 1;
  if (mb === undefined) return -1;
  const ra = uriRank(ma);
  const rb = uriRank(mb);
  if (ra !== rb) return rb - ra;
  const la = uriLength(ma);
  const lb = uriLength(mb);
  if (la !== lb) return lb - la;
  const meth = (ma.method === undefined ? 1 : 0) - (mb.method === undefined ? 1 : 0);
  if (meth !== 0) return meth;
  const ha = Object.keys(ma.headers ?? {}).length;
  const hb = Object.keys(mb.headers ?? {}).length;
  if (ha !== hb) return hb - ha;
  return Object.keys(mb.queryParams ?? {}).length - Object.keys(ma.queryParams ?? {}).length;
}

/** The routes in Gateway API precedence (Array.prototype.sort is stable). Returns a new array. */
export function sortGatewayRoutes<T extends { readonly route: IstioHTTPRoute }>(routes: readonly T[]): T[] {
  return [...routes].sort((a, b) => compareGatewayRoutes(a.route, b.route));
}
