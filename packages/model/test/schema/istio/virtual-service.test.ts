import { describe, expect, it } from 'vitest';
import { virtualServiceKind, virtualServiceSchema } from '../../../src/schema/istio/index.js';
import { validateWith } from '../../../src/schema/validate.js';
import { fullVirtualService } from './fixtures-routing.js';
import {
  expectIssues,
  expectValid,
  invalidType,
  invalidValue,
  issuesOf,
  missingField,
  resource,
  unknownField,
} from './helpers.js';

const vs = (spec: unknown, metadata?: Record<string, unknown>) => resource('VirtualService', spec, metadata);
/** A mesh VirtualService for `reviews` with one HTTP route changed by `route`. */
const withRoute = (route: Record<string, unknown>) =>
  vs({ hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews' } }], ...route }] });
const R = ['spec', 'http', 0];

describe('VirtualService', () => {
  it('accepts every field of the API', () => {
    const r = validateWith(virtualServiceSchema, vs(fullVirtualService));
    expect(r.valid).toBe(true);
    if (r.valid) expect(r.value.spec.http?.[0]?.route?.[1]?.weight).toBe(25);
  });

  it('is served as v1, v1beta1 and v1alpha3 of networking.istio.io', () => {
    expect(virtualServiceKind).toMatchObject({
      group: 'networking.istio.io',
      kind: 'VirtualService',
      versions: ['v1', 'v1beta1', 'v1alpha3'],
      namespaced: true,
    });
  });

  it('accepts a delegate root and the delegate it points to', () => {
    expectValid(
      virtualServiceSchema,
      vs({
        hosts: ['bookinfo.com'],
        http: [{ match: [{ uri: { prefix: '/r' } }], delegate: { name: 'reviews', namespace: 'ns' } }],
      }),
    );
    expectValid(virtualServiceSchema, vs({ http: [{ route: [{ destination: { host: 'reviews' } }] }] }));
  });

  it('reports unknown fields at any depth, one issue per key', () => {
    expectIssues(
      virtualServiceSchema,
      vs({ hosts: ['a'], htttp: [], http: [{ route: [{ destination: { host: 'a', subnet: 'v1' } }] }] }),
      [
        unknownField(['spec', 'htttp'], 'http'),
        unknownField([...R, 'route', 0, 'destination', 'subnet'], 'subset'),
      ],
    );
    expectIssues(virtualServiceSchema, withRoute({ match: [{ uri: { exact: '/a', glob: '*' } }] }), [
      unknownField([...R, 'match', 0, 'uri', 'glob']),
    ]);
    // snake_case proto names are not the CRD's field names (only mirror_percent is kept by the CRD)
    expectIssues(virtualServiceSchema, withRoute({ cors_policy: {} }), [
      unknownField([...R, 'cors_policy'], 'corsPolicy'),
    ]);
  });

  it('reports wrong types and missing fields', () => {
    expectIssues(
      virtualServiceSchema,
      vs({ hosts: ['r'], http: [{ route: [{ destination: { host: 'r' }, weight: 'ten' }] }] }),
      [invalidType([...R, 'route', 0, 'weight'], 'expected a number, got "ten"')],
    );
    expectIssues(virtualServiceSchema, vs({ hosts: 'reviews', http: [] }), [
      invalidType(['spec', 'hosts'], 'expected a list, got "reviews"'),
    ]);
    expectIssues(virtualServiceSchema, vs({ hosts: ['r'], http: [{ route: [{ destination: {} }] }] }), [
      missingField([...R, 'route', 0, 'destination', 'host'], 'required field is missing: expected a string'),
    ]);
    expectIssues(virtualServiceSchema, vs({ hosts: ['r'], tcp: [{ match: [{ port: 31400 }] }] }), [
      missingField(['spec', 'tcp', 0, 'route'], 'required field is missing: expected a list'),
    ]);
  });

  it('reports bad enum values', () => {
    expectIssues(virtualServiceSchema, withRoute({ corsPolicy: { unmatchedPreflights: 'DROP' } }), [
      invalidValue(
        [...R, 'corsPolicy', 'unmatchedPreflights'],
        'expected one of "UNSPECIFIED", "FORWARD", "IGNORE", got "DROP"',
      ),
    ]);
  });

  it('checks hosts against the gateways they are bound to', () => {
    const route = [{ route: [{ destination: { host: 'r' } }] }];
    expectValid(virtualServiceSchema, vs({ hosts: ['*'], gateways: ['bookinfo-gateway'], http: route }));
    expectIssues(virtualServiceSchema, vs({ hosts: ['*'], http: route }), [
      invalidValue(
        ['spec', 'hosts', 0],
        'expected a hostname other than "*": the wildcard host is only allowed on gateways, not the mesh',
      ),
    ]);
    expectIssues(virtualServiceSchema, vs({ hosts: ['*'], gateways: ['gw', 'mesh'], http: route }), [
      invalidValue(
        ['spec', 'hosts', 0],
        'expected a hostname other than "*": the wildcard host is only allowed on gateways, not the mesh',
      ),
    ]);
    expectIssues(virtualServiceSchema, vs({ hosts: ['*.example.com', 'api.example.com'], http: route }), [
      invalidValue(
        ['spec', 'hosts', 1],
        'expected hosts that do not overlap, "api.example.com" overlaps "*.example.com"',
      ),
    ]);
    expectValid(virtualServiceSchema, vs({ hosts: ['10.0.0.1'], http: route }));
    expectIssues(virtualServiceSchema, vs({ hosts: ['r'] }), [
      invalidValue(['spec'], 'expected at least one http, tls or tcp route'),
    ]);
  });

  it('checks delegate VirtualServices and gateway names', () => {
    expectIssues(
      virtualServiceSchema,
      vs({
        gateways: ['gw'],
        http: [{ delegate: { name: 'x' } }],
        tcp: [{ route: [{ destination: { host: 'a' } }] }],
      }),
      [
        invalidValue(
          ['spec', 'gateways'],
          'expected no gateways on a delegate VirtualService (one without hosts)',
        ),
        invalidValue(
          ['spec', 'tcp'],
          'expected no tcp routes on a delegate VirtualService (one without hosts)',
        ),
        invalidValue(['spec', 'http', 0, 'delegate'], 'expected no delegate in a delegate VirtualService'),
      ],
    );
    expectIssues(
      virtualServiceSchema,
      vs({
        hosts: ['a.com'],
        gateways: ['istio_system/gw'],
        http: [{ route: [{ destination: { host: 'a' } }] }],
      }),
      [
        invalidValue(
          ['spec', 'gateways', 0],
          'expected a gateway reference "mesh", "<name>" or "<namespace>/<name>": the namespace "istio_system" is not a DNS-1123 label, got "istio_system/gw"',
        ),
      ],
    );
  });

  it('checks TLS routes: SNI hosts within the VirtualService hosts, subnets', () => {
    const tls = (match: unknown) =>
      vs({ hosts: ['*.example.com'], tls: [{ match: [match], route: [{ destination: { host: 'a' } }] }] });
    expectValid(virtualServiceSchema, tls({ sniHosts: ['api.example.com'] }));
    expectIssues(
      virtualServiceSchema,
      tls({ sniHosts: ['api.other.com'], destinationSubnets: ['10.0.0.0/33'] }),
      [
        invalidValue(
          ['spec', 'tls', 0, 'match', 0, 'sniHosts', 0],
          'expected an SNI host within the VirtualService hosts [*.example.com], got "api.other.com"',
        ),
        invalidValue(
          ['spec', 'tls', 0, 'match', 0, 'destinationSubnets', 0],
          'expected an IP address or CIDR block such as "10.0.0.0/8", got "10.0.0.0/33"',
        ),
      ],
    );
    expectIssues(virtualServiceSchema, tls({ sniHosts: [] }), [
      invalidValue(['spec', 'tls', 0, 'match', 0, 'sniHosts'], 'expected at least one SNI host'),
    ]);
  });

  it('checks exportTo with the namespace of the object', () => {
    const route = [{ route: [{ destination: { host: 'r' } }] }];
    expectIssues(
      virtualServiceSchema,
      vs({ hosts: ['r'], http: route, exportTo: ['.', 'default', '~', 'Bad_NS'] }),
      [
        invalidValue(['spec', 'exportTo', 1], 'expected unique exportTo entries, "default" is repeated'),
        invalidValue(
          ['spec', 'exportTo', 2],
          'expected ".", "*" or a namespace: exportTo "~" (none) is only allowed on a ServiceEntry',
        ),
        invalidValue(
          ['spec', 'exportTo', 3],
          'expected ".", "*" or a namespace name (a DNS-1123 label) in exportTo, got "Bad_NS"',
        ),
      ],
    );
    expectIssues(virtualServiceSchema, vs({ hosts: ['r'], http: route, exportTo: ['*', 'prod'] }), [
      invalidValue(['spec', 'exportTo'], 'expected exportTo "*" (public) alone, got it with other entries'),
    ]);
  });

  it('collects every problem of an object, not just the first', () => {
    const issues = issuesOf(
      virtualServiceSchema,
      vs({
        hosts: ['*'],
        http: [
          { route: [{ destination: { host: 'r', subset: 'V_1' }, weight: -5 }], timeout: 'soon', bogus: 1 },
        ],
      }),
    );
    expect(issues.map((i) => i.path.join('.'))).toEqual(
      expect.arrayContaining([
        'spec.http.0.bogus',
        'spec.http.0.route.0.weight',
        'spec.http.0.timeout',
        'spec.http.0.route.0.destination.subset',
      ]),
    );
  });
});
