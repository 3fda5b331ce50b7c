// GRPCRoute, TCPRoute and ReferenceGrant.
import { describe, expect, it } from 'vitest';
import { grpcRouteSchema } from '../../../src/schema/gateway-api/grpc-route.js';
import { GATEWAY_API_KINDS } from '../../../src/schema/gateway-api/index.js';
import { referenceGrantSchema } from '../../../src/schema/gateway-api/reference-grant.js';
import { tcpRouteKind, tcpRouteSchema } from '../../../src/schema/gateway-api/tcp-route.js';
import { doc, issue, issuesOf } from './helpers.js';

const svc = { name: 'greeter', port: 50051 };
const R = ['spec', 'rules', 0];

describe('GRPCRoute', () => {
  const route = (spec: unknown) => doc('GRPCRoute', spec);
  const withRule = (rule: unknown) => route({ parentRefs: [{ name: 'gw' }], rules: [rule] });

  it('accepts a GRPCRoute using every field', () => {
    const r = route({
      parentRefs: [
        {
          group: 'gateway.networking.k8s.io',
          kind: 'Gateway',
          namespace: 'edge',
          name: 'gw',
          sectionName: 'grpc',
          port: 443,
        },
      ],
      hostnames: ['grpc.example.com'],
      useDefaultGateways: 'All',
      rules: [
        {
          name: 'greeter',
          matches: [
            {
              method: { type: 'Exact', service: 'helloworld.Greeter', method: 'SayHello' },
              headers: [
                { type: 'Exact', name: 'x-tenant', value: 'a b' },
                { type: 'RegularExpression', name: 'x-user', value: 'user-[0-9]+' },
              ],
            },
            { method: { type: 'RegularExpression', service: 'helloworld\\..*', method: 'Say.*' } },
            { method: { service: '.pkg.Svc' } },
          ],
          filters: [
            {
              type: 'RequestHeaderModifier',
              requestHeaderModifier: { add: [{ name: 'x-via', value: 'gw' }] },
            },
            { type: 'ResponseHeaderModifier', responseHeaderModifier: { remove: ['x-debug'] } },
            {
              type: 'RequestMirror',
              requestMirror: { backendRef: { name: 'shadow', port: 50051 }, percent: 10 },
            },
            { type: 'ExtensionRef', extensionRef: { group: 'example.com', kind: 'Policy', name: 'p' } },
          ],
          backendRefs: [
            {
              ...svc,
              namespace: 'default',
              group: '',
              kind: 'Service',
              weight: 3,
              filters: [
                {
                  type: 'RequestHeaderModifier',
                  requestHeaderModifier: { set: [{ name: 'x-b', value: '1' }] },
                },
              ],
            },
          ],
          sessionPersistence: { type: 'Header', sessionName: 'x-session', absoluteTimeout: '10m' },
        },
      ],
    });
    expect(issuesOf(grpcRouteSchema, r)).toEqual([]);
  });

  it('checks method matches: service or method required, names, RE2', () => {
    const r = withRule({
      matches: [
        { method: { type: 'Exact' } },
        { method: { service: 'hello world', method: 'Say-Hello' } },
        { method: { type: 'RegularExpression', service: '(?i)ok', method: '[a-' } },
      ],
      backendRefs: [svc],
    });
    const at = (i: number) => [...R, 'matches', i, 'method'];
    expect(issuesOf(grpcRouteSchema, r)).toEqual([
      issue('MM_INVALID_VALUE', at(0), 'expected service, method or both'),
      issue(
        'MM_INVALID_VALUE',
        [...at(1), 'service'],
        'expected a gRPC service name such as "helloworld.Greeter", got "hello world"',
      ),
      issue(
        'MM_INVALID_VALUE',
        [...at(1), 'method'],
        'expected a gRPC method name such as "SayHello", got "Say-Hello"',
      ),
      issue(
        'MM_INVALID_VALUE',
        [...at(2), 'method'],
        'expected a regular expression in RE2 syntax: error parsing regexp: missing closing ]: `[a-`',
      ),
    ]);
  });

  it('knows only the gRPC filter types, each header modifier once', () => {
    const redirect = withRule({
      filters: [{ type: 'RequestRedirect', requestRedirect: {} }],
      backendRefs: [svc],
    });
    expect(issuesOf(grpcRouteSchema, redirect)).toEqual([
      issue(
        'MM_INVALID_VALUE',
        [...R, 'filters', 0, 'type'],
        'expected one of "RequestHeaderModifier", "ResponseHeaderModifier", "RequestMirror", "ExtensionRef", got "RequestRedirect"',
      ),
      issue('MM_UNKNOWN_FIELD', [...R, 'filters', 0, 'requestRedirect'], 'unknown field "requestRedirect"'),
    ]);
    const mod = { type: 'ResponseHeaderModifier', responseHeaderModifier: {} };
    const twice = withRule({ backendRefs: [{ ...svc, filters: [mod, mod] }] });
    expect(issuesOf(grpcRouteSchema, twice)).toEqual([
      issue(
        'MM_INVALID_VALUE',
        [...R, 'backendRefs', 0, 'filters', 1, 'type'],
        'expected a unique filter type (it may appear once), ResponseHeaderModifier is also at index 0',
      ),
    ]);
    const missing = withRule({ filters: [{ type: 'ExtensionRef' }], backendRefs: [svc] });
    expect(issuesOf(grpcRouteSchema, missing)).toEqual([
      issue(
        'MM_INVALID_VALUE',
        [...R, 'filters', 0, 'extensionRef'],
        'expected extensionRef to be set for a filter of type ExtensionRef',
      ),
    ]);
  });

  it('counts at most 128 matches across rules, a rule without matches counting none', () => {
    const matches = Array.from({ length: 43 }, () => ({ method: { service: 'a.B' } }));
    expect(issuesOf(grpcRouteSchema, route({ rules: [{ matches }, { matches }, { matches }] }))).toEqual([
      issue('MM_INVALID_VALUE', ['spec', 'rules'], 'expected at most 128 matches across all rules, got 129'),
    ]);
    const rules = Array.from({ length: 16 }, () => ({ backendRefs: [svc] }));
    expect(issuesOf(grpcRouteSchema, route({ rules }))).toEqual([]);
  });
});

describe('TCPRoute', () => {
  const route = (spec: unknown) => ({
    ...doc('TCPRoute', spec),
    apiVersion: 'gateway.networking.k8s.io/v1alpha2',
  });

  it('accepts a TCPRoute using every field, in v1alpha2 and v1', () => {
    const r = route({
      parentRefs: [{ name: 'tcp-gw', sectionName: 'tcp-31400', port: 31400 }],
      useDefaultGateways: 'None',
      rules: [
        { name: 'echo', backendRefs: [{ name: 'tcp-echo-v1', port: 9000, weight: 80, namespace: 'echo' }] },
      ],
    });
    expect(issuesOf(tcpRouteSchema, r)).toEqual([]);
    expect(tcpRouteKind.versions).toEqual(['v1', 'v1alpha2']);
  });

  it('requires rules with backends, HTTP features are unknown fields', () => {
    expect(issuesOf(tcpRouteSchema, route({ parentRefs: [{ name: 'gw' }] }))).toEqual([
      issue('MM_MISSING_FIELD', ['spec', 'rules'], 'required field is missing: expected a list'),
    ]);
    const r = route({
      rules: [{ backendRefs: [] }, { matches: [], backendRefs: [{ name: 'a', port: 1, weight: 2000000 }] }],
    });
    expect(issuesOf(tcpRouteSchema, r)).toEqual([
      issue('MM_INVALID_VALUE', ['spec', 'rules', 0, 'backendRefs'], 'expected at least one backendRef'),
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'rules', 1, 'backendRefs', 0, 'weight'],
        'expected a weight from 0 to 1000000, got 2000000',
      ),
      issue('MM_UNKNOWN_FIELD', ['spec', 'rules', 1, 'matches'], 'unknown field "matches"'),
    ]);
  });
});

describe('ReferenceGrant', () => {
  const grant = (spec: unknown) => ({
    ...doc('ReferenceGrant', spec),
    apiVersion: 'gateway.networking.k8s.io/v1beta1',
  });

  it('accepts a ReferenceGrant using every field', () => {
    const g = grant({
      from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'apps' }],
      to: [
        { group: '', kind: 'Service', name: 'backend' },
        { group: '', kind: 'Secret' },
      ],
    });
    expect(issuesOf(referenceGrantSchema, g)).toEqual([]);
  });

  it('requires namespace in from and at least one to', () => {
    const g = grant({ from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' }], to: [] });
    expect(issuesOf(referenceGrantSchema, g)).toEqual([
      issue(
        'MM_MISSING_FIELD',
        ['spec', 'from', 0, 'namespace'],
        'required field is missing: expected a string',
      ),
      issue('MM_INVALID_VALUE', ['spec', 'to'], 'expected at least one to entry'),
    ]);
    const bad = grant({
      from: [{ group: 'Gateway.Networking', kind: '1Route', namespace: 'apps' }],
      to: [{ group: '', kind: 'Service' }],
    });
    expect(issuesOf(referenceGrantSchema, bad)).toEqual([
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'from', 0, 'group'],
        'expected an API group (empty for the core group, else a DNS subdomain such as "apps"), got "Gateway.Networking"',
      ),
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'from', 0, 'kind'],
        'expected a kind such as "Service" (letters, digits and "-", starting with a letter), got "1Route"',
      ),
    ]);
  });
});

describe('GATEWAY_API_KINDS', () => {
  it('lists the six kinds of gateway.networking.k8s.io once each', () => {
    expect(GATEWAY_API_KINDS.map((k) => k.kind)).toEqual([
      'GatewayClass',
      'Gateway',
      'HTTPRoute',
      'GRPCRoute',
      'TCPRoute',
      'ReferenceGrant',
    ]);
    expect(GATEWAY_API_KINDS.every((k) => k.group === 'gateway.networking.k8s.io')).toBe(true);
    expect(GATEWAY_API_KINDS.filter((k) => !k.namespaced).map((k) => k.kind)).toEqual(['GatewayClass']);
  });
});
