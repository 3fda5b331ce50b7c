// Valid VirtualService and DestinationRule specs that use every field of the API (wrap them with `resource`).

/** Every field of VirtualService, each HTTP action in its own route. */
export const fullVirtualService = {
  hosts: ['bookinfo.example.com', '*.reviews.example.com'],
  gateways: ['istio-system/bookinfo-gateway', 'mesh'],
  exportTo: ['.', 'prod'],
  http: [
    {
      name: 'reviews-v2',
      match: [
        {
          name: 'jason',
          uri: { prefix: '/reviews' },
          scheme: { exact: 'https' },
          method: { regex: 'GET|HEAD' },
          authority: { prefix: 'bookinfo' },
          headers: { 'end-user': { exact: 'jason' }, ':authority': { prefix: 'a' } },
          port: 9080,
          sourceLabels: { app: 'productpage', 'example.com/tier': 'front_end' },
          gateways: ['istio-system/bookinfo-gateway'],
          queryParams: { debug: { exact: 'true' } },
          ignoreUriCase: true,
          withoutHeaders: { 'x-canary': { regex: '*' } },
          sourceNamespace: 'default',
          statPrefix: 'reviews_jason',
        },
      ],
      route: [
        {
          destination: { host: 'reviews', subset: 'v2', port: { number: 9080 } },
          weight: 75,
          headers: {
            request: {
              set: { 'x-version': 'v2' },
              add: { 'x-trace': '%REQ(x-request-id)%' },
              remove: ['x-debug'],
            },
            response: {
              set: { 'cache-control': 'no-cache' },
              add: { 'x-served-by': '%HOSTNAME%' },
              remove: ['server'],
            },
          },
        },
        { destination: { host: 'reviews', subset: 'v3' }, weight: 25 },
      ],
      rewrite: { uri: '/v2/reviews', authority: 'reviews.internal' },
      timeout: '10s',
      retries: {
        attempts: 3,
        perTryTimeout: '2s',
        retryOn: 'gateway-error,connect-failure,503',
        retryRemoteLocalities: true,
        retryIgnorePreviousHosts: false,
        backoff: '25ms',
      },
      fault: {
        delay: { fixedDelay: '5s', percentage: { value: 0.1 }, percent: 10 },
        abort: { httpStatus: 503, percentage: { value: 1 } },
      },
      mirrors: [{ destination: { host: 'reviews', subset: 'v3' }, percentage: { value: 50 } }],
      mirrorPercentage: { value: 100 },
      corsPolicy: {
        allowOrigin: ['https://old.example.com'],
        allowOrigins: [{ exact: 'https://example.com' }, { regex: 'https://.*\\.example\\.com' }],
        allowMethods: ['GET', 'POST'],
        allowHeaders: ['x-custom', '*'],
        exposeHeaders: ['x-request-id'],
        maxAge: '24h',
        allowCredentials: false,
        unmatchedPreflights: 'IGNORE',
      },
      headers: {
        request: { set: { 'x-route': 'reviews' } },
        response: { remove: ['x-envoy-upstream-service-time'] },
      },
    },
    {
      match: [{ uri: { prefix: '/old' } }],
      redirect: {
        uri: '/new',
        authority: 'new.example.com',
        derivePort: 'FROM_REQUEST_PORT',
        scheme: 'https',
        redirectCode: 308,
      },
    },
    { match: [{ uri: { prefix: '/api/' } }], redirect: { prefixRewrite: '/v2/api/', port: 8443 } },
    { match: [{ uri: { exact: '/health' } }], directResponse: { status: 200, body: { string: 'ok' } } },
    { match: [{ uri: { exact: '/teapot' } }], directResponse: { status: 418, body: { bytes: 'dGVhcG90' } } },
    {
      match: [{ uri: { regex: '/legacy/.*' } }],
      route: [{ destination: { host: 'legacy' } }],
      rewrite: { uriRegexRewrite: { match: '^/legacy/(.*)$', rewrite: '/\\1' } },
      mirror: { host: 'shadow.example.com', port: { number: 8080 } },
      mirror_percent: 10,
      mirrorPercent: 10,
      fault: { abort: { grpcStatus: 'UNAVAILABLE' } },
    },
    { route: [{ destination: { host: 'reviews', subset: 'v1' } }] },
  ],
  tls: [
    {
      match: [
        {
          sniHosts: ['bookinfo.example.com'],
          destinationSubnets: ['10.0.0.0/8', '2001:db8::/32'],
          port: 443,
          sourceLabels: { app: 'client' },
          gateways: ['mesh'],
          sourceNamespace: 'default',
        },
      ],
      route: [{ destination: { host: 'bookinfo-tls', port: { number: 443 } }, weight: 100 }],
    },
  ],
  tcp: [
    {
      match: [
        {
          destinationSubnets: ['10.1.0.1'],
          port: 3306,
          sourceSubnet: '10.2.0.0/16',
          sourceLabels: { app: 'db-client' },
          gateways: ['istio-system/tcp-gateway'],
          sourceNamespace: 'db',
        },
      ],
      route: [
        { destination: { host: 'mysql', subset: 'primary' }, weight: 90 },
        { destination: { host: 'mysql', subset: 'replica' }, weight: 10 },
      ],
    },
  ],
};

/** Every field of TrafficPolicy. */
export const fullTrafficPolicy = {
  loadBalancer: {
    consistentHash: {
      httpCookie: {
        name: 'session',
        path: '/',
        ttl: '3600s',
        attributes: [{ name: 'SameSite', value: 'Strict' }, { name: 'Secure' }],
      },
      ringHash: { minimumRingSize: 1024 },
    },
    localityLbSetting: {
      enabled: true,
      distribute: [{ from: 'us-west/zone1/*', to: { 'us-west/zone1/*': 80, 'us-west/zone2/*': 20 } }],
      failoverPriority: ['topology.istio.io/network'],
    },
    warmup: { duration: '60s', minimumPercent: 10, aggression: 1.5 },
    warmupDurationSecs: '60s',
  },
  connectionPool: {
    tcp: {
      maxConnections: 100,
      connectTimeout: '30ms',
      tcpKeepalive: { probes: 3, time: '7200s', interval: '75s' },
      maxConnectionDuration: '1h',
      idleTimeout: '0s',
    },
    http: {
      http1MaxPendingRequests: 1,
      http2MaxRequests: 1000,
      maxRequestsPerConnection: 10,
      maxRetries: 3,
      idleTimeout: '60s',
      h2UpgradePolicy: 'UPGRADE',
      useClientProtocol: false,
      maxConcurrentStreams: 100,
      http2KeepAlive: { interval: '30s', timeout: '5s' },
    },
  },
  outlierDetection: {
    splitExternalLocalOriginErrors: true,
    consecutiveLocalOriginFailures: 5,
    consecutiveGatewayErrors: 5,
    consecutive5xxErrors: 7,
    consecutiveErrors: 7,
    interval: '5m',
    baseEjectionTime: '15m',
    maxEjectionPercent: 100,
    minHealthPercent: 50,
    outlierDetectionHttpErrorCodes: [500, 503],
  },
  tls: {
    mode: 'MUTUAL',
    clientCertificate: '/etc/certs/cert.pem',
    privateKey: '/etc/certs/key.pem',
    caCertificates: '/etc/certs/ca.pem',
    subjectAltNames: ['reviews.example.com'],
    sni: 'reviews.example.com',
    insecureSkipVerify: false,
    caCrl: '/etc/certs/crl.pem',
  },
  portLevelSettings: [
    {
      port: { number: 80 },
      loadBalancer: { simple: 'LEAST_REQUEST' },
      connectionPool: { tcp: { maxConnections: 10 } },
    },
    {
      port: { number: 443 },
      tls: { mode: 'SIMPLE', credentialName: 'reviews-ca' },
      outlierDetection: { consecutive5xxErrors: 3 },
    },
  ],
  tunnel: { protocol: 'CONNECT', targetHost: 'internal.example.com', targetPort: 8080 },
  retryBudget: { percent: 20, minRetryConcurrency: 3, budgetInterval: '10s' },
};

/** Every field of DestinationRule. */
export const fullDestinationRule = {
  host: 'reviews.prod.svc.cluster.local',
  trafficPolicy: fullTrafficPolicy,
  subsets: [
    { name: 'v1', labels: { version: 'v1' } },
    {
      name: 'V2',
      labels: { version: 'v2', 'app.kubernetes.io/name': 'reviews' },
      trafficPolicy: { loadBalancer: { simple: 'ROUND_ROBIN' } },
    },
    {
      name: 'v3',
      trafficPolicy: {
        proxyProtocol: { version: 'V2' },
        loadBalancer: { consistentHash: { maglev: { tableSize: 65537 }, httpHeaderName: 'x-user' } },
      },
    },
  ],
  exportTo: ['.'],
  workloadSelector: { matchLabels: { app: 'ratings' } },
};
