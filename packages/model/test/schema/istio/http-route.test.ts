import { describe, it } from 'vitest';
import { virtualServiceSchema } from '../../../src/schema/istio/index.js';
import { expectIssues, expectValid, invalidType, invalidValue, resource } from './helpers.js';

const vs = (spec: unknown, metadata?: Record<string, unknown>) => resource('VirtualService', spec, metadata);
/** A mesh VirtualService for `reviews` with one HTTP route changed by `route`. */
const withRoute = (route: Record<string, unknown>) =>
  vs({ hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews' } }], ...route }] });
const R = ['spec', 'http', 0];

describe('VirtualService HTTP routes', () => {
  describe('weights (relative: not negative; above 0 in total when there are several destinations)', () => {
    const weights = (...w: (number | undefined)[]) =>
      vs({
        hosts: ['r'],
        http: [{ route: w.map((weight, i) => ({ destination: { host: 'r', subset: `v${i}` }, weight })) }],
      });
    it('accepts weights that do not sum to 100, and a single destination without weight', () => {
      expectValid(virtualServiceSchema, weights(1, 3));
      expectValid(virtualServiceSchema, weights(90));
      expectValid(virtualServiceSchema, weights(0, 10));
    });
    it('rejects negative weights and an all-zero split', () => {
      expectIssues(virtualServiceSchema, weights(-1, 101), [
        invalidValue([...R, 'route', 0, 'weight'], 'expected a weight that is not negative, got -1'),
      ]);
      expectIssues(virtualServiceSchema, weights(0, undefined), [
        invalidValue(
          [...R, 'route'],
          'expected route weights to add up to more than 0 when there are several destinations, got 0',
        ),
      ]);
      expectIssues(virtualServiceSchema, weights(1.5), [
        invalidType([...R, 'route', 0, 'weight'], 'expected a whole number, got 1.5'),
      ]);
    });
  });

  it('checks destinations: subset names, ports, hosts', () => {
    const dest = (destination: unknown) => vs({ hosts: ['r'], http: [{ route: [{ destination }] }] });
    const at = [...R, 'route', 0, 'destination'];
    expectIssues(virtualServiceSchema, dest({ host: 'r', subset: 'v1_beta' }), [
      invalidValue([...at, 'subset'], 'expected a subset name that is a DNS-1123 label, got "v1_beta"'),
    ]);
    expectIssues(virtualServiceSchema, dest({ host: 'r', port: { number: 0 } }), [
      invalidValue([...at, 'port', 'number'], 'expected a port number from 1 to 65535, got 0'),
    ]);
    expectIssues(virtualServiceSchema, dest({ host: 'r', port: { number: 70000 } }), [
      invalidValue([...at, 'port', 'number'], 'expected a port number from 1 to 65535, got 70000'),
    ]);
    expectIssues(virtualServiceSchema, dest({ host: '*' }), [
      invalidValue(
        [...at, 'host'],
        'expected a service hostname ("reviews", "reviews.default.svc.cluster.local", "*.example.com"): the wildcard "*" alone is not a service, got "*"',
      ),
    ]);
    expectIssues(virtualServiceSchema, dest({ host: 'reviews_v1.default' }), [
      invalidValue(
        [...at, 'host'],
        'expected a service hostname ("reviews", "reviews.default.svc.cluster.local", "*.example.com"): label "reviews_v1" is not a DNS-1123 label or wildcard, got "reviews_v1.default"',
      ),
    ]);
  });

  it('checks string matches: one of exact/prefix/regex, RE2 regexes, non-empty prefixes', () => {
    const match = (m: unknown) => withRoute({ match: [m] });
    const at = [...R, 'match', 0];
    expectIssues(virtualServiceSchema, match({ uri: { exact: '/a', prefix: '/b' } }), [
      invalidValue([...at, 'uri'], 'expected exactly one of exact, prefix, regex, got exact and prefix'),
    ]);
    expectIssues(virtualServiceSchema, match({ method: {} }), [
      invalidValue([...at, 'method'], 'expected exactly one of exact, prefix, regex, got none'),
    ]);
    expectIssues(virtualServiceSchema, match({ uri: { regex: '(?=x)' } }), [
      invalidValue(
        [...at, 'uri', 'regex'],
        'expected a regular expression in RE2 syntax: error parsing regexp: invalid or unsupported Perl syntax: `(?=`',
      ),
    ]);
    expectIssues(virtualServiceSchema, match({ headers: { 'x-user': { regex: 'a(b' } } }), [
      invalidValue(
        [...at, 'headers', 'x-user', 'regex'],
        'expected a regular expression in RE2 syntax: error parsing regexp: missing closing ): `a(b`',
      ),
    ]);
    expectIssues(virtualServiceSchema, match({ queryParams: { q: { regex: 'a'.repeat(1025) } } }), [
      invalidValue(
        [...at, 'queryParams', 'q', 'regex'],
        'expected a regular expression of at most 1024 characters, got 1025',
      ),
    ]);
    expectIssues(virtualServiceSchema, match({ authority: { prefix: '' }, uri: { prefix: '' } }), [
      invalidValue([...at, 'authority', 'prefix'], 'expected a non-empty prefix'),
    ]);
    expectIssues(
      virtualServiceSchema,
      match({ headers: { 'bad header': { exact: 'x' } }, sourceNamespace: 'Not_A_Label' }),
      [
        invalidValue(
          [...at, 'headers', 'bad header'],
          'expected a header name (letters, digits and !#$%&\'*+-.^_`|~), got "bad header"',
        ),
        invalidValue(
          [...at, 'sourceNamespace'],
          'expected a namespace name (a DNS-1123 label), got "Not_A_Label"',
        ),
      ],
    );
    expectIssues(
      virtualServiceSchema,
      match({ port: 70000, sourceLabels: { 'app/': 'x' }, gateways: ['ns/'] }),
      [
        invalidValue([...at, 'port'], 'expected a port number from 1 to 65535, got 70000'),
        invalidValue(
          [...at, 'sourceLabels', 'app/'],
          'expected a label key: its name is not alphanumerics, "-", "_" and "." between alphanumerics, got "app/"',
        ),
        invalidValue(
          [...at, 'gateways', 0],
          'expected a gateway reference "mesh", "<name>" or "<namespace>/<name>": the gateway name "" is not a DNS-1123 label, got "ns/"',
        ),
      ],
    );
  });

  it('allows JWT claim matches only on gateways', () => {
    const claims = { headers: { '@request.auth.claims.groups': { exact: 'admin' } } };
    expectValid(
      virtualServiceSchema,
      vs({
        hosts: ['a.com'],
        gateways: ['gw'],
        http: [{ match: [claims], route: [{ destination: { host: 'a' } }] }],
      }),
    );
    expectIssues(virtualServiceSchema, withRoute({ match: [claims] }), [
      invalidValue(
        [...R, 'match', 0, 'headers', '@request.auth.claims.groups'],
        'expected a header name: JWT claim routing (@request.auth.claims) works only on gateways',
      ),
    ]);
  });

  it('requires exactly one action per HTTP route', () => {
    expectIssues(virtualServiceSchema, withRoute({ redirect: { uri: '/x' } }), [
      invalidValue(
        R,
        'expected exactly one of route, redirect, directResponse, delegate, got route and redirect',
      ),
    ]);
    expectIssues(virtualServiceSchema, vs({ hosts: ['r'], http: [{ name: 'nothing' }] }), [
      invalidValue(R, 'expected exactly one of route, redirect, directResponse, delegate, got none'),
    ]);
    expectIssues(
      virtualServiceSchema,
      vs({
        hosts: ['r'],
        http: [{ redirect: { uri: '/x' }, fault: { abort: { httpStatus: 500 } }, rewrite: { uri: '/y' } }],
      }),
      [
        invalidValue([...R, 'fault'], 'expected no fault on a route with redirect'),
        invalidValue([...R, 'rewrite'], 'expected no rewrite on a route with redirect'),
      ],
    );
  });

  it('checks redirects', () => {
    const redirect = (r: unknown) =>
      vs({ hosts: ['r'], http: [{ match: [{ uri: { exact: '/a' } }], redirect: r }] });
    const at = [...R, 'redirect'];
    expectIssues(virtualServiceSchema, redirect({ port: 8080, derivePort: 'FROM_REQUEST_PORT' }), [
      invalidValue(at, 'expected at most one of port, derivePort, got port and derivePort'),
    ]);
    expectIssues(virtualServiceSchema, redirect({ uri: '/b', redirectCode: 200, scheme: 'ftp' }), [
      invalidValue([...at, 'redirectCode'], 'expected a 3xx redirect code, got 200'),
      invalidValue([...at, 'scheme'], 'expected scheme "http" or "https", got "ftp"'),
    ]);
    expectIssues(virtualServiceSchema, redirect({ redirectCode: 301 }), [
      invalidValue(
        at,
        'expected a redirect to change at least one of uri, prefixRewrite, authority, scheme or port',
      ),
    ]);
    expectIssues(virtualServiceSchema, redirect({ prefixRewrite: '/v2' }), [
      invalidValue(
        [...R, 'match', 0, 'uri'],
        'expected a prefix URI match: redirect.prefixRewrite needs every URI match to be a prefix',
      ),
    ]);
  });

  it('checks direct responses, rewrites and the authority', () => {
    expectIssues(
      virtualServiceSchema,
      vs({ hosts: ['r'], http: [{ directResponse: { status: 700, body: { string: 'x', bytes: 'eA==' } } }] }),
      [
        invalidValue([...R, 'directResponse', 'status'], 'expected an HTTP status from 200 to 600, got 700'),
        invalidValue(
          [...R, 'directResponse', 'body'],
          'expected at most one of string, bytes, got string and bytes',
        ),
      ],
    );
    expectIssues(
      virtualServiceSchema,
      vs({ hosts: ['r'], http: [{ directResponse: { status: 200, body: { bytes: 'not base64!' } } }] }),
      [invalidValue([...R, 'directResponse', 'body', 'bytes'], 'expected base64-encoded bytes')],
    );
    expectIssues(
      virtualServiceSchema,
      withRoute({ rewrite: { uri: '/a', uriRegexRewrite: { match: 'a(', rewrite: '/' } } }),
      [
        invalidValue([...R, 'rewrite'], 'expected only one of uri and uriRegexRewrite, got both'),
        invalidValue(
          [...R, 'rewrite', 'uriRegexRewrite', 'match'],
          'expected a regular expression in RE2 syntax: error parsing regexp: missing closing ): `a(`',
        ),
      ],
    );
    expectIssues(
      virtualServiceSchema,
      withRoute({
        rewrite: { authority: 'a.com' },
        headers: { request: { set: { ':authority': 'b.com' } } },
      }),
      [
        invalidValue(
          [...R, 'headers', 'request'],
          'expected the authority to be rewritten once, got "a.com" and "b.com"',
        ),
      ],
    );
  });

  it('checks header operations: names and Envoy value syntax', () => {
    expectIssues(
      virtualServiceSchema,
      withRoute({
        headers: {
          request: { set: { ':path': '/x', host: 'ok.com' }, remove: ['Host'] },
          response: { add: { 'x-a': '%FOO' } },
        },
      }),
      [
        invalidValue(
          [...R, 'headers', 'request', 'set', ':path'],
          'expected a header name without the ":" prefix, got ":path"',
        ),
        invalidValue(
          [...R, 'headers', 'request', 'remove', 0],
          'expected a header other than Host here, got "Host"',
        ),
        invalidValue(
          [...R, 'headers', 'response', 'add', 'x-a'],
          'expected a header value Envoy accepts: a "%VARIABLE%" is not closed',
        ),
      ],
    );
  });

  it('checks timeouts and retries', () => {
    expectIssues(virtualServiceSchema, withRoute({ timeout: '10' }), [
      invalidValue([...R, 'timeout'], 'expected a duration such as "1.5s" or "10ms", got "10"'),
    ]);
    expectIssues(virtualServiceSchema, withRoute({ timeout: '500us' }), [
      invalidValue([...R, 'timeout'], 'expected a duration of at least 1ms, got "500us"'),
    ]);
    expectIssues(virtualServiceSchema, withRoute({ timeout: '0s' }), [
      invalidValue([...R, 'timeout'], 'expected a duration of at least 1ms, got "0s"'),
    ]);
    expectIssues(virtualServiceSchema, withRoute({ timeout: '1.5ms' }), [
      invalidValue([...R, 'timeout'], 'expected a duration in whole milliseconds, got "1.5ms"'),
    ]);
    expectIssues(
      virtualServiceSchema,
      withRoute({ retries: { attempts: -1, retryOn: '5xx,sometimes,599' } }),
      [
        invalidValue([...R, 'retries', 'attempts'], 'expected a whole number that is not negative, got -1'),
        invalidValue(
          [...R, 'retries', 'retryOn'],
          'expected Envoy retry conditions ("5xx", "connect-failure", "retriable-4xx" ...) or HTTP status codes, got "sometimes"',
        ),
        invalidValue(
          [...R, 'retries', 'retryOn'],
          'expected Envoy retry conditions ("5xx", "connect-failure", "retriable-4xx" ...) or HTTP status codes, got "599"',
        ),
      ],
    );
    expectIssues(virtualServiceSchema, withRoute({ retries: { attempts: 0, perTryTimeout: '2s' } }), [
      invalidValue(
        [...R, 'retries', 'attempts'],
        'expected attempts above 0 when perTryTimeout, retryOn or retryRemoteLocalities is set',
      ),
    ]);
  });

  it('checks faults: one delay type, one abort type, percentages, statuses', () => {
    const fault = (f: unknown) => withRoute({ fault: f });
    const at = [...R, 'fault'];
    expectIssues(virtualServiceSchema, fault({ abort: { httpStatus: 500, percentage: { value: 101 } } }), [
      invalidValue([...at, 'abort', 'percentage', 'value'], 'expected a percentage from 0 to 100, got 101'),
    ]);
    expectIssues(virtualServiceSchema, fault({ abort: { httpStatus: 500, grpcStatus: 'UNAVAILABLE' } }), [
      invalidValue(
        [...at, 'abort'],
        'expected exactly one of httpStatus, grpcStatus, http2Error, got httpStatus and grpcStatus',
      ),
    ]);
    expectIssues(virtualServiceSchema, fault({ delay: { percentage: { value: 0.00001 } } }), [
      invalidValue([...at, 'delay'], 'expected exactly one of fixedDelay, exponentialDelay, got none'),
      invalidValue(
        [...at, 'delay', 'percentage', 'value'],
        'expected a percentage of 0 or from 0.0001 to 100, got 0.00001',
      ),
    ]);
    expectIssues(
      virtualServiceSchema,
      fault({ abort: { httpStatus: 99 }, delay: { exponentialDelay: '1s' } }),
      [
        invalidValue([...at, 'abort', 'httpStatus'], 'expected an HTTP status from 200 to 600, got 99'),
        invalidValue(
          [...at, 'delay', 'exponentialDelay'],
          'expected fixedDelay: Istio does not support exponentialDelay yet',
        ),
      ],
    );
    expectIssues(virtualServiceSchema, fault({ abort: { grpcStatus: 'NOPE' } }), [
      invalidValue(
        [...at, 'abort', 'grpcStatus'],
        'expected a gRPC status name such as "NOT_FOUND" or "UNAVAILABLE", got "NOPE"',
      ),
    ]);
    expectIssues(virtualServiceSchema, fault({}), [
      invalidValue(at, 'expected a fault with a delay, an abort or both'),
    ]);
  });

  it('checks mirroring and CORS', () => {
    expectIssues(
      virtualServiceSchema,
      withRoute({ mirror: { host: 'a' }, mirrors: [{ destination: { host: 'b' } }] }),
      [invalidValue([...R, 'mirrors'], 'expected only one of mirror and mirrors, got both')],
    );
    expectIssues(virtualServiceSchema, withRoute({ mirrorPercent: 101, mirrorPercentage: { value: -1 } }), [
      invalidValue([...R, 'mirrorPercent'], 'expected a mirror percentage from 0 to 100, got 101'),
      invalidValue([...R, 'mirrorPercentage', 'value'], 'expected a percentage from 0 to 100, got -1'),
    ]);
    expectIssues(
      virtualServiceSchema,
      withRoute({
        corsPolicy: {
          allowOrigins: [{ exact: '' }],
          allowMethods: ['FETCH'],
          allowHeaders: ['a b'],
          maxAge: '1500ms',
        },
      }),
      [
        invalidValue([...R, 'corsPolicy', 'allowOrigins', 0, 'exact'], 'expected a non-empty exact value'),
        invalidValue(
          [...R, 'corsPolicy', 'allowMethods', 0],
          'expected an HTTP method (GET, HEAD, POST, PUT, PATCH, DELETE, CONNECT, OPTIONS, TRACE) or "*", got "FETCH"',
        ),
        invalidValue([...R, 'corsPolicy', 'allowHeaders', 0], 'expected a header name or "*", got "a b"'),
        invalidValue([...R, 'corsPolicy', 'maxAge'], 'expected maxAge in whole seconds, got "1500ms"'),
      ],
    );
  });
});
