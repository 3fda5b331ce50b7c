// Valid specs of Gateway, ServiceEntry, WorkloadEntry, WorkloadGroup, Sidecar and EnvoyFilter that use every
// field of the API (wrap them with `resource`).

/** Every field of Gateway: a plain HTTP server that redirects, an HTTPS server, a passthrough and a socket. */
export const fullGateway = {
  selector: { istio: 'ingressgateway' },
  servers: [
    {
      port: { number: 80, name: 'http', protocol: 'HTTP' },
      hosts: ['bookinfo.example.com', 'prod/*.example.com'],
      tls: { httpsRedirect: true },
      name: 'plain',
    },
    {
      port: { number: 443, name: 'https', protocol: 'HTTPS' },
      bind: '0.0.0.0',
      hosts: ['./bookinfo.example.com'],
      tls: {
        mode: 'MUTUAL',
        serverCertificate: '/etc/certs/server.pem',
        privateKey: '/etc/certs/key.pem',
        caCertificates: '/etc/certs/ca.pem',
        caCrl: '/etc/certs/crl.pem',
        subjectAltNames: ['client.example.com'],
        verifyCertificateSpki: ['Yk5PYj5RqjwHoUD1Ag5X4vC8wK0Bz/yxZBGvXCw6uJk='],
        verifyCertificateHash: ['AB:CD:EF'],
        minProtocolVersion: 'TLSV1_2',
        maxProtocolVersion: 'TLSV1_3',
        cipherSuites: ['ECDHE-ECDSA-AES256-GCM-SHA384'],
        ecdhCurves: ['P-256'],
        caCertCredentialName: 'client-ca',
        insecureSkipVerify: false,
      },
      defaultEndpoint: '127.0.0.1:8080',
    },
    {
      port: { number: 8443, name: 'https-two-certs', protocol: 'HTTPS' },
      hosts: ['*.example.com'],
      tls: {
        mode: 'SIMPLE',
        tlsCertificates: [
          { serverCertificate: '/rsa.pem', privateKey: '/rsa-key.pem' },
          { serverCertificate: '/ecdsa.pem', privateKey: '/ecdsa-key.pem', caCertificates: '/ca.pem' },
        ],
      },
    },
    {
      port: { number: 9443, name: 'https-credentials', protocol: 'HTTPS' },
      hosts: ['*'],
      tls: { mode: 'OPTIONAL_MUTUAL', credentialNames: ['rsa-cert', 'ecdsa-cert'] },
    },
    {
      port: { number: 15443, name: 'tls', protocol: 'TLS' },
      hosts: ['*.local'],
      tls: { mode: 'AUTO_PASSTHROUGH' },
    },
    {
      port: { number: 0, name: 'uds', protocol: 'HTTP' },
      bind: 'unix:///var/run/gateway.sock',
      hosts: ['*'],
    },
  ],
};

/** Every field of ServiceEntry (STATIC resolution with endpoints). */
export const fullServiceEntry = {
  hosts: ['db.internal.example.com'],
  addresses: ['10.10.0.0/16', '192.168.1.5'],
  ports: [
    { number: 5432, name: 'tcp-postgres', protocol: 'TCP', targetPort: 15432 },
    { number: 8080, name: 'http-admin', protocol: 'HTTP' },
  ],
  location: 'MESH_INTERNAL',
  resolution: 'STATIC',
  endpoints: [
    {
      address: '10.10.1.2',
      ports: { 'tcp-postgres': 5433 },
      labels: { version: 'v1' },
      network: 'vm-network',
      locality: 'us-west/zone1',
      weight: 10,
      serviceAccount: 'db',
    },
    { address: '10.10.1.3' },
  ],
  exportTo: ['.', 'apps'],
  subjectAltNames: ['spiffe://cluster.local/ns/db/sa/db'],
};

/** Every field of WorkloadEntry. */
export const fullWorkloadEntry = {
  address: 'vm1.example.com',
  ports: { http: 8080, grpc: 9090 },
  labels: { app: 'details', version: 'v2' },
  network: 'vm-net',
  locality: 'us-east/zone2/rack3',
  weight: 5,
  serviceAccount: 'details',
};

/** Every field of WorkloadGroup. */
export const fullWorkloadGroup = {
  metadata: { labels: { app: 'details' }, annotations: { 'example.com/owner': 'team-a' } },
  template: {
    ports: { http: 8080 },
    serviceAccount: 'details',
    network: 'vm-net',
    locality: 'us-east',
    weight: 1,
    labels: { vm: 'true' },
  },
  probe: {
    initialDelaySeconds: 5,
    timeoutSeconds: 3,
    periodSeconds: 4,
    successThreshold: 3,
    failureThreshold: 3,
    httpGet: {
      path: '/ready',
      port: 8080,
      host: '127.0.0.1',
      scheme: 'HTTPS',
      httpHeaders: [{ name: 'X-Probe', value: 'yes' }],
    },
  },
};

/** Every field of Sidecar. */
export const fullSidecar = {
  workloadSelector: { labels: { app: 'ratings' } },
  ingress: [
    {
      port: { number: 9080, protocol: 'HTTP', name: 'http' },
      bind: '0.0.0.0',
      captureMode: 'DEFAULT',
      defaultEndpoint: '127.0.0.1:8080',
      connectionPool: { http: { http1MaxPendingRequests: 100 } },
    },
    {
      port: { number: 9443, protocol: 'HTTPS', name: 'https' },
      defaultEndpoint: 'unix:///var/run/app.sock',
      tls: { mode: 'SIMPLE', serverCertificate: '/etc/cert.pem', privateKey: '/etc/key.pem' },
    },
  ],
  egress: [
    {
      port: { number: 3306, protocol: 'MYSQL', name: 'mysql' },
      bind: '127.0.0.1',
      hosts: ['*/mysql.example.com'],
    },
    {
      port: { number: 0, protocol: 'HTTP' },
      bind: 'unix:///var/run/egress.sock',
      captureMode: 'NONE',
      hosts: ['./*'],
    },
    { hosts: ['istio-system/*', '~prod/*.internal.example.com', './reviews.default.svc.cluster.local'] },
  ],
  outboundTrafficPolicy: {
    mode: 'ALLOW_ANY',
    egressProxy: { host: 'egress.example.com', subset: 'v1', port: { number: 3128 } },
  },
  inboundConnectionPool: { tcp: { maxConnections: 1000 }, http: { http2MaxRequests: 1000 } },
};

/** Every field of EnvoyFilter. */
export const fullEnvoyFilter = {
  workloadSelector: { labels: { app: 'reviews' } },
  priority: -10,
  configPatches: [
    {
      applyTo: 'HTTP_FILTER',
      match: {
        context: 'SIDECAR_INBOUND',
        proxy: { proxyVersion: '^1\\.2[0-9].*', metadata: { ISTIO_VERSION: '1.28' } },
        listener: {
          portNumber: 8080,
          portName: 'http',
          name: 'virtualInbound',
          listenerFilter: 'envoy.filters.listener.tls_inspector',
          filterChain: {
            name: 'inbound',
            sni: 'reviews.example.com',
            transportProtocol: 'raw_buffer',
            applicationProtocols: 'h2,http/1.1',
            destinationPort: 8080,
            transportSocket: 'envoy.transport_sockets.tls',
            filter: {
              name: 'envoy.filters.network.http_connection_manager',
              subFilter: { name: 'envoy.filters.http.router' },
            },
          },
        },
      },
      patch: {
        operation: 'INSERT_BEFORE',
        filterClass: 'AUTHZ',
        value: {
          name: 'envoy.filters.http.lua',
          typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua' },
        },
      },
    },
    {
      applyTo: 'HTTP_ROUTE',
      match: {
        context: 'GATEWAY',
        routeConfiguration: {
          portNumber: 443,
          portName: 'https',
          gateway: 'istio-system/bookinfo-gateway',
          name: 'https.443.https.bookinfo-gateway.istio-system',
          vhost: {
            name: 'bookinfo.example.com:443',
            domainName: 'bookinfo.example.com',
            route: { name: 'default', action: 'ROUTE' },
          },
        },
      },
      patch: { operation: 'MERGE', value: { route: { idle_timeout: '15s' } } },
    },
    {
      applyTo: 'CLUSTER',
      match: {
        context: 'SIDECAR_OUTBOUND',
        cluster: {
          portNumber: 9080,
          service: 'ratings.default.svc.cluster.local',
          subset: 'v1',
          name: 'outbound|9080|v1|ratings',
        },
      },
      patch: { operation: 'REMOVE' },
    },
    {
      applyTo: 'HTTP_FILTER',
      match: {
        context: 'WAYPOINT',
        waypoint: {
          portNumber: 15008,
          route: { name: 'default' },
          filter: { name: 'envoy.filters.http.router', subFilter: { name: 'x' } },
        },
      },
      patch: { operation: 'ADD', value: {} },
    },
  ],
};
