// Match conditions of VirtualService routes: StringMatch (as each place uses it), HTTPMatchRequest,
// TLSMatchAttributes and L4MatchAttributes, with Istio's rules (validateHTTPRouteMatchRequest, validateTLSMatch,
// validateTCPMatch): header names, non-empty prefixes and regexes, RE2 regexes of at most 1024 characters,
// ports, label selectors, gateway names, subnets.
import { z } from 'zod';
import { exactlyOne } from '../common.js';
import { re2Error } from '../regex.js';
import { matchHeaderNameProblem } from './headers.js';
import { isDns1123Label, isIpOrCidr } from './names.js';
import { gatewayNames, labelMap, whenParsed } from './networking-common.js';

/** Envoy's re2.max_program_size is approximated by Istio as a length limit on regexes. */
const MAX_REGEX_LENGTH = 1024;

/** Why a user regex is unusable (too long, or not RE2), or undefined. */
export function regexProblem(pattern: string): string | undefined {
  if (pattern.length > MAX_REGEX_LENGTH)
    return `expected a regular expression of at most ${MAX_REGEX_LENGTH} characters, got ${pattern.length}`;
  const err = re2Error(pattern);
  return err === undefined ? undefined : `expected a regular expression in RE2 syntax: ${err}`;
}

interface StringMatchRules {
  /** `prefix: ""` is allowed (URIs: it matches every path). */
  emptyPrefix?: boolean;
  /** `regex: "*"` means "header present" (withoutHeaders), not a regex. */
  starRegex?: boolean;
  /** exact, prefix and regex must all be non-empty (CORS origins). */
  nonEmpty?: boolean;
}

/** Istio's StringMatch (exactly one of exact, prefix, regex) with the rules of the place it is used in. */
function stringMatchWith(rules: StringMatchRules) {
  return z
    .strictObject({
      exact: z.string().optional(),
      prefix: z.string().optional(),
      regex: z.string().optional(),
    })
    .superRefine(
      (m, ctx) => {
        exactlyOne(ctx, m, ['exact', 'prefix', 'regex']);
        if (m.prefix === '' && !rules.emptyPrefix)
          ctx.addIssue({ code: 'custom', path: ['prefix'], message: 'expected a non-empty prefix' });
        if (m.exact === '' && rules.nonEmpty)
          ctx.addIssue({ code: 'custom', path: ['exact'], message: 'expected a non-empty exact value' });
        if (m.regex === undefined || (rules.starRegex && m.regex === '*')) return;
        const problem = m.regex === '' ? 'expected a non-empty regular expression' : regexProblem(m.regex);
        if (problem !== undefined) ctx.addIssue({ code: 'custom', path: ['regex'], message: problem });
      },
      whenParsed('exact', 'prefix', 'regex'),
    );
}

/** StringMatch for scheme, method, authority, header and query parameter values. */
export const routeStringMatch = stringMatchWith({});
/** StringMatch for the URI: an empty prefix matches every path. */
export const uriMatch = stringMatchWith({ emptyPrefix: true });
/** StringMatch in withoutHeaders: `regex: "*"` means the header is present. */
export const withoutHeaderMatch = stringMatchWith({ starRegex: true });
/** StringMatch of a CORS allowed origin: never empty. */
export const originMatch = stringMatchWith({ nonEmpty: true });
export type RouteStringMatch = z.infer<typeof routeStringMatch>;

function headerMatchMap<S extends z.ZodType>(match: S) {
  return z.record(z.string(), match).superRefine((map, ctx) => {
    for (const name of Object.keys(map)) {
      const problem = matchHeaderNameProblem(name);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', path: [name], message: problem });
    }
  });
}

/** A port to match on: 1-65535; 0 is the same as unset. */
export const matchPort = z
  .number()
  .int({ message: 'expected a whole port number' })
  .min(0, { message: 'expected a port number from 1 to 65535' })
  .max(65535, { message: 'expected a port number from 1 to 65535' });

/** A namespace name to match the source on (a DNS-1123 label). */
export const sourceNamespace = z.string().superRefine((ns, ctx) => {
  if (ns !== '' && !isDns1123Label(ns))
    ctx.addIssue({ code: 'custom', message: `expected a namespace name (a DNS-1123 label), got "${ns}"` });
});

/** IP addresses or CIDR blocks (`10.0.0.1`, `10.0.0.0/8`, `2001:db8::/32`). */
export const subnets = z.array(z.string()).superRefine((list, ctx) => {
  list.forEach((s, i) => {
    if (!isIpOrCidr(s))
      ctx.addIssue({
        code: 'custom',
        path: [i],
        message: `expected an IP address or CIDR block such as "10.0.0.0/8", got ${JSON.stringify(s)}`,
      });
  });
});

/** HTTPMatchRequest: all conditions of one match must hold (AND); the matches of a route are ORed. */
export const httpMatchRequest = z.strictObject({
  name: z.string().optional(),
  uri: uriMatch.optional(),
  scheme: routeStringMatch.optional(),
  method: routeStringMatch.optional(),
  authority: routeStringMatch.optional(),
  /** Header name to match; names are tokens, pseudo headers, or `@request.auth.claims.*` (gateways only). */
  headers: headerMatchMap(routeStringMatch).optional(),
  port: matchPort.optional(),
  sourceLabels: labelMap.optional(),
  gateways: gatewayNames.optional(),
  queryParams: z.record(z.string(), routeStringMatch).optional(),
  ignoreUriCase: z.boolean().optional(),
  withoutHeaders: headerMatchMap(withoutHeaderMatch).optional(),
  sourceNamespace: sourceNamespace.optional(),
  statPrefix: z.string().optional(),
});
export type HTTPMatchRequest = z.infer<typeof httpMatchRequest>;

/** TLSMatchAttributes: match TLS connections by SNI (required), destination subnet, port, source. */
export const tlsMatchAttributes = z.strictObject({
  sniHosts: z.array(z.string()).min(1, { message: 'expected at least one SNI host' }),
  destinationSubnets: subnets.optional(),
  port: matchPort.optional(),
  sourceLabels: labelMap.optional(),
  gateways: gatewayNames.optional(),
  sourceNamespace: z.string().optional(),
});
export type TLSMatchAttributes = z.infer<typeof tlsMatchAttributes>;

/** L4MatchAttributes: match TCP connections by destination subnet, port and source. */
export const l4MatchAttributes = z.strictObject({
  destinationSubnets: subnets.optional(),
  port: matchPort.optional(),
  /** Deprecated upstream and not validated by Istio; kept so existing objects load. */
  sourceSubnet: z.string().optional(),
  sourceLabels: labelMap.optional(),
  gateways: gatewayNames.optional(),
  sourceNamespace: z.string().optional(),
});
export type L4MatchAttributes = z.infer<typeof l4MatchAttributes>;
