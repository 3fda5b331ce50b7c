// AuthorizationPolicy rules: sources (IP blocks, service accounts), operations (ports, path templates) and
// conditions (supported keys and their values).
import { describe, expect, it } from 'vitest';
import { authorizationPolicySchema } from '../../../src/schema/istio/authorization-policy.js';
import { doc, issue, issuesOf } from './helpers.js';

/** The issues of a policy with one rule. */
const rule = (r: unknown) => issuesOf(authorizationPolicySchema, doc('AuthorizationPolicy', { rules: [r] }));
const R = ['spec', 'rules', 0];

describe('AuthorizationPolicy rules', () => {
  it('checks IP blocks and ports', () => {
    const bad = [
      '10.0.0.0/33',
      '10.0.0.256',
      '010.0.0.1',
      '::1/129',
      '10.0.0.0/08',
      'fe80::1%',
      'fe80::/64%eth0',
      '',
    ];
    const issues = rule({ from: [{ source: { ipBlocks: bad } }] });
    const at = (i: number) => [...R, 'from', 0, 'source', 'ipBlocks', i];
    const cidr = (v: string) => `expected a CIDR range such as "10.0.0.0/16" or "2001:db8::/32", got "${v}"`;
    const ip = (v: string) => `expected an IP address or CIDR range such as "10.0.0.0/16", got "${v}"`;
    expect(issues).toEqual([
      issue('MM_INVALID_VALUE', at(0), cidr('10.0.0.0/33')),
      issue('MM_INVALID_VALUE', at(1), ip('10.0.0.256')),
      issue('MM_INVALID_VALUE', at(2), ip('010.0.0.1')),
      issue('MM_INVALID_VALUE', at(3), cidr('::1/129')),
      issue('MM_INVALID_VALUE', at(4), cidr('10.0.0.0/08')),
      issue('MM_INVALID_VALUE', at(5), ip('fe80::1%')),
      issue('MM_INVALID_VALUE', at(6), cidr('fe80::/64%eth0')),
      issue('MM_INVALID_VALUE', at(7), ip('')),
    ]);
    const ports = rule({ to: [{ operation: { ports: ['http', '65536'], notPorts: ['-1'] } }] });
    const op = [...R, 'to', 0, 'operation'];
    expect(ports).toEqual([
      issue(
        'MM_INVALID_VALUE',
        [...op, 'ports', 0],
        'expected a port number from 0 to 65535 written as a string, got "http"',
      ),
      issue(
        'MM_INVALID_VALUE',
        [...op, 'ports', 1],
        'expected a port number from 0 to 65535 written as a string, got "65536"',
      ),
      issue(
        'MM_INVALID_VALUE',
        [...op, 'notPorts', 0],
        'expected a port number from 0 to 65535 written as a string, got "-1"',
      ),
    ]);
  });

  it('checks condition keys and their values', () => {
    const issues = rule({
      when: [
        { key: 'source.user', values: ['x'] },
        { key: 'request.headers', values: ['x'] },
        { key: 'request.auth.claims[]', values: ['x'] },
        { key: 'destination.labels[app]', values: ['x'] },
        { key: 'destination.namespace', values: ['x'] },
        { key: 'request.headers[x-a]' },
        { key: 'source.ip', values: ['10.0.0.0/40'], notValues: ['1.2.3.4'] },
        { key: 'destination.port', notValues: ['8o'] },
        { key: 'source.serviceAccount', values: ['a/b/c'] },
        { key: 'source.trustDomain', values: ['a*b'] },
        { key: 'connection.sni', values: [''] },
      ],
    });
    const w = (i: number) => [...R, 'when', i];
    expect(issues).toEqual([
      issue(
        'MM_INVALID_VALUE',
        [...w(0), 'key'],
        'expected a supported key (source.ip, remote.ip, source.namespace, source.serviceAccount, source.principal, source.trustDomain, request.auth.principal, request.auth.audiences, request.auth.presenter, destination.ip, destination.port, connection.sni, request.headers[<name>], request.auth.claims[<name>] or experimental.envoy.filters.*[<name>]), got "source.user"',
      ),
      issue(
        'MM_INVALID_VALUE',
        [...w(1), 'key'],
        'expected a key of the form request.headers[<name>], got "request.headers"',
      ),
      issue(
        'MM_INVALID_VALUE',
        [...w(2), 'key'],
        'expected a key of the form request.auth.claims[<name>], got "request.auth.claims[]"',
      ),
      issue(
        'MM_INVALID_VALUE',
        [...w(3), 'key'],
        'expected a supported key: destination.labels is replaced by the selector',
      ),
      issue(
        'MM_INVALID_VALUE',
        [...w(4), 'key'],
        'expected a supported key: destination.namespace is replaced by the policy namespace',
      ),
      issue('MM_INVALID_VALUE', w(5), 'expected values or notValues for key request.headers[x-a]'),
      issue(
        'MM_INVALID_VALUE',
        [...w(6), 'values', 0],
        'expected a CIDR range such as "10.0.0.0/16" or "2001:db8::/32", got "10.0.0.0/40"',
      ),
      issue(
        'MM_INVALID_VALUE',
        [...w(7), 'notValues', 0],
        'expected a port number from 0 to 65535 written as a string, got "8o"',
      ),
      issue(
        'MM_INVALID_VALUE',
        [...w(8), 'values', 0],
        'expected a service account "name" or "namespace/name", got "a/b/c"',
      ),
      issue(
        'MM_INVALID_VALUE',
        [...w(9), 'values', 0],
        'expected a trust domain with at most one "*", at its start or end, got "a*b"',
      ),
      issue('MM_INVALID_VALUE', [...w(10), 'values', 0], 'expected a non-empty string'),
    ]);
  });

  it('checks sources and operations: not empty, service accounts alone, path templates', () => {
    const issues = rule({
      from: [
        { source: {} },
        { source: { serviceAccounts: ['default/*'], namespaces: ['default'] } },
        { source: { notServiceAccounts: ['/sa'], principals: [''] } },
        {},
      ],
      to: [
        { operation: { methods: [] } },
        { operation: { paths: ['/foo/{**}/bar/{*}', '/*/baz/{*}', '/a/{x}', '/foo/{*}.txt'] } },
      ],
    });
    const src = (i: number) => [...R, 'from', i, 'source'];
    const op = [...R, 'to', 1, 'operation', 'paths'];
    expect(issues).toEqual([
      issue('MM_INVALID_VALUE', src(0), 'expected at least one non-empty field in source'),
      issue(
        'MM_INVALID_VALUE',
        [...src(1), 'serviceAccounts', 0],
        'expected a service account without "*", got "default/*"',
      ),
      issue(
        'MM_INVALID_VALUE',
        [...src(1), 'namespaces'],
        'expected no namespaces together with serviceAccounts',
      ),
      issue('MM_INVALID_VALUE', [...src(2), 'principals', 0], 'expected a non-empty string'),
      issue(
        'MM_INVALID_VALUE',
        [...src(2), 'notServiceAccounts', 0],
        'expected a service account "name" or "namespace/name", got "/sa"',
      ),
      issue(
        'MM_INVALID_VALUE',
        [...src(2), 'principals'],
        'expected no principals together with notServiceAccounts',
      ),
      issue('MM_MISSING_FIELD', src(3), 'required field is missing: expected an object (a map of fields)'),
      issue(
        'MM_INVALID_VALUE',
        [...R, 'to', 0, 'operation'],
        'expected at least one non-empty field in operation',
      ),
      issue(
        'MM_INVALID_VALUE',
        [...op, 0],
        'expected {**} to be the last operator of the path template, got "/foo/{**}/bar/{*}"',
      ),
      issue(
        'MM_INVALID_VALUE',
        [...op, 1],
        'expected path template segments of URL path characters (no "*" outside operators), got "/*/baz/{*}"',
      ),
      issue(
        'MM_INVALID_VALUE',
        [...op, 2],
        'expected "{" and "}" only in whole-segment {*} or {**} operators, got "/a/{x}"',
      ),
      issue(
        'MM_INVALID_VALUE',
        [...op, 3],
        'expected "{" and "}" only in whole-segment {*} or {**} operators, got "/foo/{*}.txt"',
      ),
    ]);
  });
});
