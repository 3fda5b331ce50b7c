// A valid HTTPRoute that uses every field of the schema.
import { doc } from './helpers.js';

/** An HTTPRoute using every field. */
export const fullRoute = doc('HTTPRoute', {
  parentRefs: [
    {
      group: 'gateway.networking.k8s.io',
      kind: 'Gateway',
      namespace: 'edge',
      name: 'gw',
      sectionName: 'https',
      port: 443,
    },
    {
      group: 'gateway.networking.k8s.io',
      kind: 'Gateway',
      namespace: 'edge',
      name: 'gw',
      sectionName: 'http',
      port: 80,
    },
    { group: '', kind: 'Service', name: 'reviews', port: 9080 },
  ],
  hostnames: ['bookinfo.example.com', '*.bookinfo.example.com'],
  useDefaultGateways: 'None',
  rules: [
    {
      name: 'api',
      matches: [
        {
          path: { type: 'PathPrefix', value: '/api/v1' },
          headers: [
            { type: 'Exact', name: 'x-env', value: 'canary' },
            { type: 'RegularExpression', name: 'user-agent', value: '.*Mobile(/[0-9.]+)?.*' },
          ],
          queryParams: [
            { type: 'Exact', name: 'debug', value: '1' },
            { type: 'RegularExpression', name: 'id', value: '[0-9]{1,6}' },
          ],
          method: 'GET',
        },
        { path: { type: 'Exact', value: '/login' } },
        { path: { type: 'RegularExpression', value: '/static/[a-z]+\\.(css|js)' } },
      ],
      filters: [
        {
          type: 'RequestHeaderModifier',
          requestHeaderModifier: {
            set: [{ name: 'x-route', value: 'api' }],
            add: [{ name: 'x-trace', value: 'on please' }],
            remove: ['x-internal'],
          },
        },
        { type: 'ResponseHeaderModifier', responseHeaderModifier: { remove: ['server'] } },
        {
          type: 'RequestMirror',
          requestMirror: {
            backendRef: { name: 'shadow', port: 8080 },
            fraction: { numerator: 1, denominator: 1000 },
          },
        },
        {
          type: 'RequestMirror',
          requestMirror: { backendRef: { name: 'audit', namespace: 'ops', port: 80 }, percent: 5 },
        },
        {
          type: 'URLRewrite',
          urlRewrite: { hostname: 'api.internal', path: { type: 'ReplaceFullPath', replaceFullPath: '/v1' } },
        },
        {
          type: 'ExtensionRef',
          extensionRef: { group: 'networking.example.com', kind: 'RateLimit', name: 'rl' },
        },
        {
          type: 'CORS',
          cors: {
            allowOrigins: ['https://app.example.com', 'https://*.example.com:8443'],
            allowCredentials: true,
            allowMethods: ['GET', 'POST'],
            allowHeaders: ['x-token', 'content-type'],
            exposeHeaders: ['x-request-id'],
            maxAge: 600,
          },
        },
        {
          type: 'ExternalAuth',
          externalAuth: {
            protocol: 'HTTP',
            backendRef: { name: 'authz', port: 9000 },
            http: { path: '/check', allowedHeaders: ['authorization'], allowedResponseHeaders: ['x-user'] },
            forwardBody: { maxSize: 4096 },
          },
        },
      ],
      backendRefs: [
        {
          group: '',
          kind: 'Service',
          name: 'api-v1',
          namespace: 'default',
          port: 8080,
          weight: 90,
          filters: [
            {
              type: 'ResponseHeaderModifier',
              responseHeaderModifier: { set: [{ name: 'x-version', value: 'v1' }] },
            },
          ],
        },
        { name: 'api-v2', port: 8080, weight: 10 },
        { group: 'networking.istio.io', kind: 'Hostname', name: 'api.example.com', port: 443, weight: 0 },
      ],
      timeouts: { request: '10s', backendRequest: '2s500ms' },
      retry: { codes: [500, 502, 503], attempts: 3, backoff: '100ms' },
      sessionPersistence: {
        sessionName: 'route-session',
        type: 'Cookie',
        absoluteTimeout: '1h',
        idleTimeout: '30m',
        cookieConfig: { lifetimeType: 'Permanent' },
      },
    },
    {
      name: 'old-docs',
      matches: [{ path: { type: 'PathPrefix', value: '/docs' } }],
      filters: [
        {
          type: 'RequestRedirect',
          requestRedirect: {
            scheme: 'https',
            hostname: 'docs.example.com',
            path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' },
            port: 443,
            statusCode: 301,
          },
        },
      ],
    },
    {
      backendRefs: [{ name: 'grpc-web', port: 9000 }],
      sessionPersistence: { type: 'Header', sessionName: 'x-session' },
    },
  ],
});
