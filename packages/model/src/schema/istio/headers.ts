// HTTP header rules of Istio's validation: header names in matches and CORS lists, the names a route may set
// or remove, and header values with Envoy's `%VARIABLE%` syntax. `headers` is VirtualService's Headers message.
import { z } from 'zod';
import { stringMap } from '../common.js';
import { whenParsed } from './networking-common.js';

/** RFC 7230 token characters: what a header name may hold. */
const TOKEN = /^[!#$%&'*+\-.^_`|~A-Za-z0-9]+$/;
const PSEUDO_HEADERS = new Set([':method', ':scheme', ':authority', ':path', ':status']);
const JWT_CLAIM_PREFIX = '@request.auth.claims';

export function isHeaderToken(name: string): boolean {
  return TOKEN.test(name);
}

/** `@request.auth.claims.sub` or `@request.auth.claims[nested][key]` (Istio's JWT claim routing). */
export function isJwtClaimHeader(name: string): boolean {
  if (!name.toLowerCase().startsWith(JWT_CLAIM_PREFIX)) return false;
  const rest = name.slice(JWT_CLAIM_PREFIX.length);
  return (
    (rest.startsWith('.') && rest.length > 1) ||
    (rest.startsWith('[') && rest.endsWith(']') && rest.length > 2)
  );
}

/** A header name in a match: a token, a pseudo header (`:authority`), or a JWT claim (gateways only). */
export function matchHeaderNameProblem(name: string): string | undefined {
  if (name === '') return 'expected a header name, got an empty one';
  if (isJwtClaimHeader(name) || PSEUDO_HEADERS.has(name) || TOKEN.test(name)) return undefined;
  return `expected a header name (letters, digits and !#$%&'*+-.^_\`|~), got ${JSON.stringify(name)}`;
}

function isAuthority(name: string): boolean {
  const lower = name.toLowerCase();
  return lower === ':authority' || lower === 'host';
}

/**
 * A header a route may set or add on requests: any name but other pseudo headers (`:path` ...); `:authority`
 * and `host` rewrite the authority. Removing request headers and any response operation may not touch `host`
 * or pseudo headers at all.
 */
function operationNameProblem(name: string, mayRewriteAuthority: boolean): string | undefined {
  if (name === '') return 'expected a header name, got an empty one';
  if (mayRewriteAuthority && isAuthority(name)) return undefined;
  if (name.toLowerCase() === 'host')
    return `expected a header other than Host here, got ${JSON.stringify(name)}`;
  if (name.startsWith(':'))
    return `expected a header name without the ":" prefix, got ${JSON.stringify(name)}`;
  return undefined;
}

/**
 * Envoy's header value formatter as Istio checks it: `%VAR%`, `%VAR(arg)%`, `%VAR(["a", "b"])%`, `%%` for a
 * literal percent sign, and no control characters but tab. Returns why the value is invalid, or undefined.
 */
export function headerValueProblem(value: string): string | undefined {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code <= 0x08 || (code >= 0x0a && code <= 0x1f) || code === 0x7f)
      return 'it holds a control character';
  }
  // States: literal text, variable name, then inside `(...)`: before the array, before a string, in a string,
  // after a string (expect ',' or ']'), after ']' (expect ')'), after ')' (expect the closing '%').
  type State = 'literal' | 'name' | 'array' | 'string?' | 'string' | 'delim' | 'args-end' | 'var-end';
  let state: State = 'literal';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    const space = ch === ' ';
    switch (state) {
      case 'literal':
        if (ch !== '%') break;
        if (i + 1 >= value.length) return 'a single "%" ends it (write "%%" for a percent sign)';
        if (value[i + 1] === '%') i++;
        else state = 'name';
        break;
      case 'name':
        if (ch === '%') state = 'literal';
        else if (ch === '(') state = 'array';
        break;
      case 'array':
        if (ch === '[') state = 'string?';
        else if (!space) state = 'string';
        break;
      case 'string?':
        if (ch === '"') state = 'string';
        else if (!space) return "expected '\"' to start an argument";
        break;
      case 'string':
        if (ch === '\\') {
          if (i + 1 >= value.length) return 'a backslash ends an argument string';
          i++;
        } else if (ch === ')') state = 'var-end';
        else if (ch === '"') state = 'delim';
        break;
      case 'delim':
        if (ch === ',') state = 'string?';
        else if (ch === ']') state = 'args-end';
        else if (!space) return "expected ',' or ']' after an argument";
        break;
      case 'args-end':
        if (ch === ')') state = 'var-end';
        else if (!space) return "expected ')' after the arguments";
        break;
      case 'var-end':
        if (ch === '%') state = 'literal';
        else if (!space) return "expected '%' to close the variable";
        break;
    }
  }
  return state === 'literal' ? undefined : 'a "%VARIABLE%" is not closed';
}

function headerOperations(mayRewriteAuthority: boolean) {
  return z
    .strictObject({
      set: stringMap.optional(),
      add: stringMap.optional(),
      remove: z.array(z.string()).optional(),
    })
    .superRefine(
      (ops, ctx) => {
        for (const field of ['set', 'add'] as const) {
          for (const [name, value] of Object.entries(ops[field] ?? {})) {
            const nameProblem = operationNameProblem(name, mayRewriteAuthority);
            if (nameProblem !== undefined)
              ctx.addIssue({ code: 'custom', path: [field, name], message: nameProblem });
            const valueProblem = headerValueProblem(value);
            if (valueProblem !== undefined)
              ctx.addIssue({
                code: 'custom',
                path: [field, name],
                message: `expected a header value Envoy accepts: ${valueProblem}`,
              });
          }
        }
        (ops.remove ?? []).forEach((name, i) => {
          const problem = operationNameProblem(name, false);
          if (problem !== undefined) ctx.addIssue({ code: 'custom', path: ['remove', i], message: problem });
        });
      },
      whenParsed('set', 'add', 'remove'),
    );
}

/** Header operations on requests: set, add (values may use Envoy variables) and remove. */
export const requestHeaderOperations = headerOperations(true);
/** Header operations on responses. */
export const responseHeaderOperations = headerOperations(false);
export type HeaderOperations = z.infer<typeof requestHeaderOperations>;

/** Istio's Headers message: operations on the request and on the response. */
export const headers = z.strictObject({
  request: requestHeaderOperations.optional(),
  response: responseHeaderOperations.optional(),
});
export type Headers = z.infer<typeof headers>;

/** The authority a route sets through `headers.request` (`:authority` or `host`), if any. */
export function authorityHeaderValues(h: Headers | undefined): string[] {
  const out: string[] = [];
  for (const ops of [h?.request?.set, h?.request?.add]) {
    for (const [name, value] of Object.entries(ops ?? {})) if (isAuthority(name)) out.push(value);
  }
  return out;
}
