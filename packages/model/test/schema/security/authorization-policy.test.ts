import { describe, expect, it } from 'vitest';
import {
  authorizationPolicyKind,
  authorizationPolicySchema,
} from '../../../src/schema/istio/authorization-policy.js';
import { doc, issue, issuesOf } from './helpers.js';

const ap = (spec: unknown, annotations?: Record<string, string>) =>
  doc('AuthorizationPolicy', spec, annotations);
const check = (spec: unknown, annotations?: Record<string, string>) =>
  issuesOf(authorizationPolicySchema, ap(spec, annotations));
/** A policy with one rule. */
const rule = (r: unknown, extra: Record<string, unknown> = {}) => check({ rules: [r], ...extra });
const R = ['spec', 'rules', 0];

describe('AuthorizationPolicy (security.istio.io)', () => {
  it('accepts every field of sources, operations and conditions', () => {
    const spec = {
      selector: { matchLabels: { app: 'httpbin' } },
      action: 'ALLOW',
      rules: [
        {
          from: [
            {
              source: {
                principals: ['cluster.local/ns/default/sa/sleep'],
                notPrincipals: ['*/ns/legacy/*'],
                requestPrincipals: ['issuer.example.com/*'],
                notRequestPrincipals: ['issuer.example.com/banned'],
                namespaces: ['default'],
                notNamespaces: ['untrusted'],
                ipBlocks: ['203.0.113.4', '10.0.0.0/8', '2001:db8::/32', 'fe80::1%eth0'],
                notIpBlocks: ['10.1.0.0/16'],
                remoteIpBlocks: ['198.51.100.0/24'],
                notRemoteIpBlocks: ['::ffff:198.51.100.7'],
                trustDomains: ['cluster.local', '*.corp'],
                notTrustDomains: ['legacy*'],
              },
            },
            { source: { serviceAccounts: ['default/sleep', 'curl'], notServiceAccounts: ['other/admin'] } },
          ],
          to: [
            {
              operation: {
                hosts: ['httpbin.example.com', '*.example.com'],
                notHosts: ['admin.example.com'],
                ports: ['8000', '0'],
                notPorts: ['9090'],
                methods: ['GET', 'HEAD'],
                notMethods: ['DELETE'],
                paths: ['/info*', '/api/{*}/items/{**}'],
                notPaths: ['/admin*', '*/secret'],
              },
            },
          ],
          when: [
            { key: 'request.headers[X-Env]', values: ['prod'] },
            { key: 'request.auth.claims[groups]', notValues: ['guest'] },
            { key: 'source.ip', values: ['10.0.0.0/8'] },
            { key: 'remote.ip', values: ['203.0.113.4'] },
            { key: 'source.namespace', values: ['default'] },
            { key: 'source.serviceAccount', values: ['default/sleep'] },
            { key: 'source.principal', values: ['cluster.local/ns/default/sa/sleep'] },
            { key: 'source.trustDomain', values: ['*.local'] },
            { key: 'request.auth.principal', values: ['issuer/subject'] },
            { key: 'request.auth.audiences', values: ['api'] },
            { key: 'request.auth.presenter', values: ['client'] },
            { key: 'destination.ip', values: ['10.0.0.1'] },
            { key: 'destination.port', values: ['8000'] },
            { key: 'connection.sni', values: ['*.example.com'] },
            { key: 'experimental.envoy.filters.network.mysql_proxy[db.table]', values: ['[update]'] },
          ],
        },
        {},
      ],
    };
    expect(check(spec)).toEqual([]);
    expect(authorizationPolicyKind.versions).toEqual(['v1', 'v1beta1']);
  });

  it('accepts targetRef, targetRefs, CUSTOM with a provider, AUDIT, and dry-run', () => {
    expect(
      check({ targetRef: { kind: 'Service', group: '', name: 'httpbin' }, action: 'AUDIT', rules: [{}] }),
    ).toEqual([]);
    expect(
      check({
        targetRefs: [
          { kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'waypoint' },
          { kind: 'ServiceEntry', group: 'networking.istio.io', name: 'ext' },
          { kind: 'GatewayClass', group: 'gateway.networking.k8s.io', name: 'istio-waypoint' },
        ],
        action: 'DENY',
        rules: [{ to: [{ operation: { methods: ['POST'], ports: ['8080'] } }] }],
      }),
    ).toEqual([]);
    expect(
      check({
        action: 'CUSTOM',
        provider: { name: 'ext-authz' },
        rules: [
          { from: [{ source: { ipBlocks: ['10.0.0.0/8'] } }], to: [{ operation: { paths: ['/admin'] } }] },
        ],
      }),
    ).toEqual([]);
    expect(check({ action: 'DENY', rules: [{}] }, { 'istio.io/dry-run': 'true' })).toEqual([]);
    // No spec at all: an ALLOW policy without rules, which allows nothing.
    expect(issuesOf(authorizationPolicySchema, ap(undefined))).toEqual([]);
  });

  it('requires a provider for CUSTOM and CUSTOM for a provider', () => {
    expect(check({ action: 'CUSTOM', rules: [{}] })).toEqual([
      issue('MM_INVALID_VALUE', ['spec', 'provider'], 'expected a provider for action CUSTOM'),
    ]);
    expect(check({ action: 'CUSTOM', provider: {}, rules: [{}] })).toEqual([
      issue('MM_INVALID_VALUE', ['spec', 'provider', 'name'], 'expected a provider name for action CUSTOM'),
    ]);
    expect(check({ action: 'DENY', provider: { name: 'ext-authz' }, rules: [{}] })).toEqual([
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'provider'],
        'expected no provider unless action is CUSTOM, got action DENY',
      ),
    ]);
    expect(check({ provider: { name: 'ext-authz' } })).toEqual([
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'provider'],
        'expected no provider unless action is CUSTOM, got action ALLOW',
      ),
    ]);
  });

  it('requires rules for DENY and CUSTOM', () => {
    const message = (a: string) =>
      `expected rules for action ${a}: without rules the policy never applies (use [{}] to match every request)`;
    expect(check({ action: 'DENY' })).toEqual([
      issue('MM_INVALID_VALUE', ['spec', 'rules'], message('DENY')),
    ]);
    expect(check({ action: 'CUSTOM', provider: { name: 'x' }, rules: [] })).toEqual([
      issue('MM_INVALID_VALUE', ['spec', 'rules'], message('CUSTOM')),
    ]);
  });

  it('rejects identity matches under CUSTOM', () => {
    const issues = rule(
      {
        from: [{ source: { principals: ['a'], ipBlocks: ['10.0.0.1'] } }],
        when: [
          { key: 'request.auth.claims[iss]', values: ['x'] },
          { key: 'request.headers[x-a]', values: ['1'] },
        ],
      },
      { action: 'CUSTOM', provider: { name: 'opa' } },
    );
    expect(issues).toEqual([
      issue(
        'MM_INVALID_VALUE',
        [...R, 'from', 0, 'source', 'principals'],
        'expected no principals with action CUSTOM (not supported)',
      ),
      issue(
        'MM_INVALID_VALUE',
        [...R, 'when', 0, 'key'],
        'expected no condition on request.auth.claims[iss] with action CUSTOM (not supported)',
      ),
    ]);
  });

  it('rejects a bad action, unknown fields and wrong types', () => {
    // Issues come in the order of the schema's fields (rules before action); a misspelt field leaves the
    // operation empty.
    expect(check({ rules: [{ to: [{ operation: { path: ['/x'] } }] }], action: 'REJECT' })).toEqual([
      issue(
        'MM_UNKNOWN_FIELD',
        [...R, 'to', 0, 'operation', 'path'],
        'unknown field "path"; did you mean "paths"?',
      ),
      issue(
        'MM_INVALID_VALUE',
        [...R, 'to', 0, 'operation'],
        'expected at least one non-empty field in operation',
      ),
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'action'],
        'expected one of "ALLOW", "DENY", "AUDIT", "CUSTOM", got "REJECT"',
      ),
    ]);
    expect(rule({ to: [{ operation: { ports: [8080] } }] })).toEqual([
      issue('MM_INVALID_TYPE', [...R, 'to', 0, 'operation', 'ports', 0], 'expected a string, got 8080'),
    ]);
  });

  it('allows at most one of selector, targetRef and targetRefs, and checks targets', () => {
    const selector = { matchLabels: { app: 'a' } };
    expect(
      check({
        selector,
        targetRef: { kind: 'Service', name: 'a' },
        targetRefs: [{ kind: 'Service', name: 'b' }],
      }),
    ).toEqual([
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'targetRef'],
        'expected at most one of selector, targetRef, targetRefs, got selector and targetRef and targetRefs',
      ),
    ]);
    expect(
      check({
        targetRefs: [
          { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'r', namespace: 'other' },
        ],
      }),
    ).toEqual([
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'targetRefs', 0, 'namespace'],
        'expected no namespace: a policy can only target objects in its own namespace',
      ),
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'targetRefs', 0, 'kind'],
        'expected a target of kind Service (group ""), ServiceEntry (networking.istio.io), or Gateway or GatewayClass (gateway.networking.k8s.io), got gateway.networking.k8s.io/HTTPRoute',
      ),
    ]);
    expect(check({ targetRef: { kind: 'Service/v1', name: 'a' } })).toEqual([
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'targetRef', 'kind'],
        'expected a kind such as "Service" (letters, digits and "-"), got "Service/v1"',
      ),
    ]);
    expect(check({ targetRef: { kind: 'Service' } })).toEqual([
      issue(
        'MM_MISSING_FIELD',
        ['spec', 'targetRef', 'name'],
        'required field is missing: expected a string',
      ),
    ]);
  });

  it('checks the dry-run annotation', () => {
    const at = ['metadata', 'annotations', 'istio.io/dry-run'];
    expect(check({ action: 'DENY', rules: [{}] }, { 'istio.io/dry-run': 'yes' })).toEqual([
      issue(
        'MM_INVALID_VALUE',
        at,
        'expected "true" or "false" for the istio.io/dry-run annotation, got "yes"',
      ),
    ]);
    expect(check({ action: 'AUDIT', rules: [{}] }, { 'istio.io/dry-run': 'true' })).toEqual([
      issue(
        'MM_INVALID_VALUE',
        at,
        'expected action ALLOW or DENY with the istio.io/dry-run annotation, got AUDIT',
      ),
    ]);
  });
});
