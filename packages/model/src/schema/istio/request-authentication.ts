// RequestAuthentication (security.istio.io): which JWTs a workload (or Gateway/Service target) accepts, where the
// proxy finds them, and what it forwards after verifying them. A request without a token is not rejected here;
// an AuthorizationPolicy does that.
import { z } from 'zod';
import { resourceEnvelope } from '../common.js';
import { parseDurationNs } from '../duration.js';
import { defineKind } from '../kind-definition.js';
import { describe } from '../validate.js';
import {
  addIssue,
  checkDryRun,
  checkTargeting,
  nonEmptyStrings,
  policySelector,
  policyTargetReference,
  policyTargetReferences,
} from './security-common.js';

/** Where to read a token from: a header, with an optional prefix to strip ("Bearer "). */
export const jwtHeader = z.strictObject({
  name: z.string().min(1, { message: 'expected a non-empty header name' }),
  prefix: z.string().optional(),
});
export type JwtHeader = z.infer<typeof jwtHeader>;

/** Copies a verified claim into a request header (header name of letters, digits, "-" and "_"). */
export const claimToHeader = z.strictObject({
  header: z.string().superRefine((h, ctx) => {
    if (!/^[-_A-Za-z0-9]+$/.test(h))
      addIssue(ctx, [], `expected a header name of letters, digits, "-" and "_", got ${describe(h)}`);
  }),
  claim: z.string().min(1, { message: 'expected a non-empty claim name' }),
});
export type ClaimToHeader = z.infer<typeof claimToHeader>;

/** JWKS fetch timeout: a duration of at least 1ms, in whole milliseconds. */
export const jwksTimeout = z.string().superRefine((text, ctx) => {
  const ns = parseDurationNs(text);
  if (ns === undefined)
    addIssue(ctx, [], `expected a duration such as "5s" or "500ms", got ${describe(text)}`);
  else if (ns < 1e6) addIssue(ctx, [], `expected a duration of at least 1ms, got ${describe(text)}`);
  else if (ns % 1e6 !== 0)
    addIssue(ctx, [], `expected a duration in whole milliseconds, got ${describe(text)}`);
});

const jwksUri = z.string().superRefine((uri, ctx) => {
  let scheme: string | undefined;
  try {
    scheme = new URL(uri).protocol;
  } catch {
    scheme = undefined;
  }
  if (uri.length > 2048) addIssue(ctx, [], `expected a URL of at most 2048 characters, got ${uri.length}`);
  else if (scheme !== 'http:' && scheme !== 'https:')
    addIssue(ctx, [], `expected an http:// or https:// URL, got ${describe(uri)}`);
});

/** Undefined when `text` is a JSON Web Key or Key Set (JSON with "kty", or "keys" of such), else why not. */
function jwksError(text: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return `expected a JSON Web Key Set in JSON: ${err instanceof Error ? err.message : String(err)}`;
  }
  const isKey = (k: unknown) =>
    typeof k === 'object' && k !== null && typeof (k as { kty?: unknown }).kty === 'string';
  if (typeof parsed === 'object' && parsed !== null && 'keys' in parsed) {
    const keys = (parsed as { keys: unknown }).keys;
    if (Array.isArray(keys) && keys.every(isKey)) return undefined;
    return 'expected a JSON Web Key Set whose "keys" is a list of keys, each with "kty"';
  }
  return isKey(parsed)
    ? undefined
    : 'expected a JSON Web Key Set ({"keys": [...]}) or a single key with "kty"';
}

/**
 * JWTRule: the issuer and audiences to accept, the keys (jwksUri, its alias jwks_uri, or inline jwks: at most
 * one; none means OpenID discovery from the issuer), token locations (default: Authorization header with prefix
 * "Bearer ", then the access_token query parameter), and outputs.
 */
export const jwtRule = z
  .strictObject({
    issuer: z.string().min(1, { message: 'expected a non-empty issuer' }).optional(),
    audiences: nonEmptyStrings.optional(),
    jwksUri: jwksUri.optional(),
    jwks_uri: jwksUri.optional(),
    jwks: z.string().optional(),
    fromHeaders: z.array(jwtHeader).optional(),
    fromParams: nonEmptyStrings.optional(),
    fromCookies: nonEmptyStrings.optional(),
    outputPayloadToHeader: z.string().optional(),
    forwardOriginalToken: z.boolean().optional(),
    outputClaimToHeaders: z.array(claimToHeader).optional(),
    timeout: jwksTimeout.optional(),
    spaceDelimitedClaims: nonEmptyStrings.max(64).optional(),
    presence: z.enum(['OPTIONAL', 'REQUIRED']).optional(),
  })
  .superRefine((rule, ctx) => {
    const keySources = (['jwksUri', 'jwks_uri', 'jwks'] as const).filter((k) => rule[k] !== undefined);
    const second = keySources[1];
    if (second !== undefined)
      addIssue(
        ctx,
        [second],
        `expected at most one of jwksUri, jwks_uri, jwks, got ${keySources.join(' and ')}`,
      );
    if (rule.issuer === undefined && rule.jwksUri === undefined && rule.jwks_uri === undefined)
      addIssue(ctx, ['issuer'], 'expected an issuer or a jwksUri');
    if (rule.jwks !== undefined) {
      const err = jwksError(rule.jwks);
      if (err !== undefined) addIssue(ctx, ['jwks'], err);
    }
  });
export type JwtRule = z.infer<typeof jwtRule>;

export const requestAuthenticationSpec = z
  .strictObject({
    selector: policySelector.optional(),
    targetRef: policyTargetReference.optional(),
    targetRefs: policyTargetReferences.optional(),
    jwtRules: z.array(jwtRule).max(4096).optional(),
  })
  .superRefine((spec, ctx) => checkTargeting(ctx, spec));
export type RequestAuthenticationSpec = z.infer<typeof requestAuthenticationSpec>;

export const requestAuthenticationSchema = resourceEnvelope(requestAuthenticationSpec.optional()).superRefine(
  (ra, ctx) => checkDryRun(ctx, ra.metadata.annotations, null),
);
export type RequestAuthentication = z.infer<typeof requestAuthenticationSchema>;

export const requestAuthenticationKind = defineKind({
  group: 'security.istio.io',
  kind: 'RequestAuthentication',
  versions: ['v1', 'v1beta1'],
  namespaced: true,
  schema: requestAuthenticationSchema,
});
