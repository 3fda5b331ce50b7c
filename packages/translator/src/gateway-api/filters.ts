// Gateway API filters -> VirtualService HTTP route fields (istiod 1.30 conversion.go createHeadersFilter,
// createRedirectFilter, createRewriteFilter, createMirrorFilter), and Gateway API durations as Istio durations.
import type {
  Destination,
  HTTPHeaderFilter,
  HTTPRedirect,
  HTTPRequestMirrorFilter,
  HTTPRequestRedirectFilter,
  HTTPRewrite,
  HTTPURLRewriteFilter,
} from '@minimesh/model';
import { parseDurationNs } from '@minimesh/model';

/** Istio header operations of a header modifier: names lower-cased, the first of equal names kept. */
export function headerOperations(f: HTTPHeaderFilter): {
  set?: Record<string, string>;
  add?: Record<string, string>;
  remove?: string[];
} {
  const toMap = (list: readonly { name: string; value: string }[] | undefined) => {
    if (list === undefined || list.length === 0) return undefined;
    const out: Record<string, string> = {};
    for (const h of list) {
      const k = h.name.toLowerCase();
      if (!Object.hasOwn(out, k)) out[k] = h.value; // "Subsequent entries with an equivalent name MUST be ignored"
    }
    return out;
  };
  const set = toMap(f.set);
  const add = toMap(f.add);
  return {
    ...(add ? { add } : {}),
    ...(f.remove !== undefined && f.remove.length > 0 ? { remove: [...f.remove] } : {}),
    ...(set ? { set } : {}),
  };
}

/**
 * RequestRedirect -> redirect. The CRD defaults statusCode to 302 (Istio's own default is 301). Without a port the
 * request's port is kept, or the scheme's default port when the scheme changes (derivePort), as the spec says.
 */
export function redirectOf(f: HTTPRequestRedirectFilter): HTTPRedirect {
  const path = f.path;
  return {
    ...(path?.type === 'ReplaceFullPath' && path.replaceFullPath !== undefined
      ? { uri: path.replaceFullPath }
      : {}),
    ...(f.hostname !== undefined ? { authority: f.hostname } : {}),
    ...(f.port !== undefined
      ? { port: f.port }
      : { derivePort: f.scheme !== undefined ? 'FROM_PROTOCOL_DEFAULT' : 'FROM_REQUEST_PORT' }),
    ...(f.scheme !== undefined ? { scheme: f.scheme } : {}),
    redirectCode: f.statusCode ?? 302,
    ...(path?.type === 'ReplacePrefixMatch' && path.replacePrefixMatch !== undefined
      ? { prefixRewrite: path.replacePrefixMatch }
      : {}),
  };
}

/**
 * URLRewrite -> rewrite: ReplacePrefixMatch becomes `uri` (trailing `/` trimmed, `/` alone kept), ReplaceFullPath a
 * regex rewrite of the whole path, hostname the authority. Undefined when nothing is rewritten.
 */
export function rewriteOf(f: HTTPURLRewriteFilter): HTTPRewrite | undefined {
  const out: { uri?: string; authority?: string; uriRegexRewrite?: { match: string; rewrite: string } } = {};
  const path = f.path;
  if (path?.type === 'ReplacePrefixMatch' && path.replacePrefixMatch !== undefined) {
    const trimmed = path.replacePrefixMatch.replace(/\/$/, '');
    out.uri = trimmed === '' ? '/' : trimmed;
  } else if (path?.type === 'ReplaceFullPath' && path.replaceFullPath !== undefined) {
    out.uriRegexRewrite = { match: '/.*', rewrite: path.replaceFullPath };
  }
  if (f.hostname !== undefined) out.authority = f.hostname;
  return Object.keys(out).length === 0 ? undefined : out;
}

/** A mirror's percentage: fraction numerator/denominator (default 100) or percent; undefined means 100%. */
export function mirrorPercent(f: HTTPRequestMirrorFilter): number | undefined {
  if (f.fraction !== undefined) return (100 * f.fraction.numerator) / (f.fraction.denominator ?? 100);
  return f.percent;
}

export function mirrorPolicy(
  dest: Destination,
  f: HTTPRequestMirrorFilter,
): { destination: Destination; percentage?: { value: number } } {
  const p = mirrorPercent(f);
  return { destination: dest, ...(p === undefined ? {} : { percentage: { value: p } }) };
}

/** A Gateway API duration ("1h30m", "500ms") as an Istio duration in whole seconds or milliseconds; 0 -> undefined. */
export function istioDuration(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const ns = parseDurationNs(text);
  if (ns === undefined || ns === 0) return undefined;
  const ms = Math.round(ns / 1e6);
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
