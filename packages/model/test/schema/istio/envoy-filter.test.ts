import { describe, expect, it } from 'vitest';
import { envoyFilterKind, envoyFilterSchema } from '../../../src/schema/istio/index.js';
import { fullEnvoyFilter } from './fixtures.js';
import { expectIssues, expectValid, invalidType, invalidValue, resource, unknownField } from './helpers.js';

const ef = (spec: unknown) => resource('EnvoyFilter', spec);
const withPatch = (patch: unknown) => ef({ configPatches: [patch] });
const P = ['spec', 'configPatches', 0];

describe('EnvoyFilter', () => {
  it('accepts every field of the API', () => {
    expectValid(envoyFilterSchema, ef(fullEnvoyFilter));
    expectValid(
      envoyFilterSchema,
      ef({
        targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'gw' }],
        configPatches: [],
      }),
    );
  });

  it('is served only as v1alpha3', () => {
    expect(envoyFilterKind.versions).toEqual(['v1alpha3']);
  });

  it('requires a patch value unless the operation is REMOVE', () => {
    expectIssues(envoyFilterSchema, withPatch({ applyTo: 'CLUSTER', patch: { operation: 'MERGE' } }), [
      invalidValue(
        [...P, 'patch', 'value'],
        'expected a patch value for operation MERGE (only REMOVE has none)',
      ),
    ]);
    expectValid(envoyFilterSchema, withPatch({ applyTo: 'CLUSTER', patch: { operation: 'REMOVE' } }));
  });

  it('requires applyTo, a patch and its operation', () => {
    expectIssues(envoyFilterSchema, withPatch({ match: { context: 'ANY' } }), [
      invalidValue([...P, 'applyTo'], 'expected applyTo (the kind of object to patch)'),
      invalidValue([...P, 'patch'], 'expected a patch'),
    ]);
    expectIssues(envoyFilterSchema, withPatch({ applyTo: 'INVALID', patch: { operation: 'INVALID' } }), [
      invalidValue([...P, 'applyTo'], 'expected applyTo (the kind of object to patch)'),
      invalidValue([...P, 'patch', 'operation'], 'expected a patch operation'),
    ]);
    expectIssues(
      envoyFilterSchema,
      withPatch({ applyTo: 'SECRET', patch: { operation: 'MERGE', value: [] } }),
      [
        invalidValue(
          [...P, 'applyTo'],
          'expected one of "INVALID", "LISTENER", "FILTER_CHAIN", "NETWORK_FILTER", "HTTP_FILTER", "ROUTE_CONFIGURATION", "VIRTUAL_HOST", "HTTP_ROUTE", "CLUSTER", "EXTENSION_CONFIG", "BOOTSTRAP", "LISTENER_FILTER", got "SECRET"',
        ),
        invalidType([...P, 'patch', 'value'], 'expected a map of keys to values, got a list'),
      ],
    );
  });

  it('checks that the match fits the object class of applyTo', () => {
    const value = { name: 'x' };
    expectIssues(
      envoyFilterSchema,
      withPatch({
        applyTo: 'HTTP_FILTER',
        match: { cluster: { service: 'a' } },
        patch: { operation: 'ADD', value },
      }),
      [invalidValue([...P, 'match'], 'expected a listener match for applyTo HTTP_FILTER')],
    );
    expectIssues(
      envoyFilterSchema,
      withPatch({
        applyTo: 'VIRTUAL_HOST',
        match: { listener: { portNumber: 80 } },
        patch: { operation: 'ADD', value },
      }),
      [invalidValue([...P, 'match'], 'expected a routeConfiguration match for applyTo VIRTUAL_HOST')],
    );
    expectIssues(
      envoyFilterSchema,
      withPatch({
        applyTo: 'CLUSTER',
        match: { routeConfiguration: {} },
        patch: { operation: 'ADD', value },
      }),
      [invalidValue([...P, 'match'], 'expected a cluster match for applyTo CLUSTER')],
    );
    expectIssues(
      envoyFilterSchema,
      withPatch({
        applyTo: 'CLUSTER',
        match: { cluster: {}, listener: {} },
        patch: { operation: 'ADD', value },
      }),
      [
        invalidValue(
          [...P, 'match'],
          'expected at most one of listener, routeConfiguration, cluster, waypoint, got listener and cluster',
        ),
      ],
    );
  });

  it('checks filter and sub-filter matches', () => {
    const filter = (applyTo: string, f: unknown) =>
      withPatch({
        applyTo,
        match: { listener: { filterChain: { filter: f } } },
        patch: { operation: 'INSERT_FIRST', value: { name: 'x' } },
      });
    const at = [...P, 'match', 'listener', 'filterChain', 'filter'];
    expectIssues(envoyFilterSchema, filter('NETWORK_FILTER', { subFilter: { name: 'a' } }), [
      invalidValue([...at, 'name'], 'expected the name of the filter to match'),
    ]);
    expectIssues(
      envoyFilterSchema,
      filter('NETWORK_FILTER', {
        name: 'envoy.filters.network.http_connection_manager',
        subFilter: { name: 'a' },
      }),
      [invalidValue([...at, 'subFilter'], 'expected a subFilter match only with applyTo HTTP_FILTER')],
    );
    expectIssues(
      envoyFilterSchema,
      filter('HTTP_FILTER', { name: 'envoy.filters.network.tcp_proxy', subFilter: { name: 'a' } }),
      [
        invalidValue(
          [...at, 'name'],
          'expected filter name envoy.filters.network.http_connection_manager with a subFilter match',
        ),
      ],
    );
    expectIssues(
      envoyFilterSchema,
      filter('HTTP_FILTER', { name: 'envoy.http_connection_manager', subFilter: {} }),
      [invalidValue([...at, 'subFilter', 'name'], 'expected the name of the HTTP filter to match')],
    );
  });

  it('checks the proxy version regex (RE2) and the waypoint context', () => {
    expectIssues(
      envoyFilterSchema,
      withPatch({
        applyTo: 'CLUSTER',
        match: { proxy: { proxyVersion: '^1\\.(?!2)' } },
        patch: { operation: 'REMOVE' },
      }),
      [
        invalidValue(
          [...P, 'match', 'proxy', 'proxyVersion'],
          'expected a regular expression in RE2 syntax: error parsing regexp: invalid or unsupported Perl syntax: `(?!`',
        ),
      ],
    );
    expectIssues(
      envoyFilterSchema,
      withPatch({
        applyTo: 'CLUSTER',
        match: { context: 'GATEWAY', waypoint: { portNumber: 0 } },
        patch: { operation: 'REMOVE' },
      }),
      [
        invalidValue(
          [...P, 'match', 'waypoint', 'portNumber'],
          'expected a port number from 1 to 65535, got 0',
        ),
        invalidValue([...P, 'match', 'waypoint'], 'expected a waypoint match only with context WAYPOINT'),
        invalidValue([...P, 'match'], 'expected a cluster match for applyTo CLUSTER'),
      ],
    );
  });

  it('checks targetRefs and the selector', () => {
    expectIssues(
      envoyFilterSchema,
      ef({ workloadSelector: { labels: { app: 'a' } }, targetRefs: [{ kind: 'Service', name: 'a' }] }),
      [invalidValue(['spec'], 'expected only one of workloadSelector and targetRefs, got both')],
    );
    expectIssues(
      envoyFilterSchema,
      ef({ targetRefs: [{ kind: '1Gateway', name: '', namespace: 'other', group: 'Bad.Group' }] }),
      [
        invalidValue(['spec', 'targetRefs', 0, 'group'], 'expected an API group name'),
        invalidValue(['spec', 'targetRefs', 0, 'kind'], 'expected a kind name'),
        invalidValue(['spec', 'targetRefs', 0, 'name'], 'expected a name'),
        invalidValue(
          ['spec', 'targetRefs', 0, 'namespace'],
          'expected no namespace: cross-namespace references are not supported',
        ),
      ],
    );
    expectIssues(envoyFilterSchema, ef({ workloadSelector: { labels: { app: 'a' }, matchLabels: {} } }), [
      unknownField(['spec', 'workloadSelector', 'matchLabels']),
    ]);
  });
});
