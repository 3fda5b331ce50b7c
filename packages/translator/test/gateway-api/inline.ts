// Inline Gateway API documents for the feature rows: an HTTPRoute on bookinfo-gateway with header matches, a
// redirect, a rewrite, header modifiers and a timeout, a dangling backend; a Service in another namespace reached
// with and without a ReferenceGrant; a GRPCRoute with method matches; a route from a namespace the listener refuses.
export const OTHER_NAMESPACE = `apiVersion: v1
kind: Namespace
metadata: { name: other, labels: { team: edge } }
---
apiVersion: v1
kind: Service
metadata: { name: echo, namespace: other }
spec:
  selector: { app: echo }
  ports: [{ name: http, port: 80, targetPort: 8080 }]
`;

export const EDGE_ROUTE = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: edge, namespace: default }
spec:
  parentRefs: [{ name: bookinfo-gateway, sectionName: http }]
  hostnames: [edge.example.com]
  rules:
  - matches: [{ path: { type: PathPrefix, value: /reviews }, headers: [{ name: x-canary, value: "1" }] }]
    backendRefs: [{ name: reviews-v3, port: 9080 }]
  - matches: [{ path: { type: PathPrefix, value: /reviews } }]
    backendRefs:
    - { name: reviews-v1, port: 9080, weight: 90 }
    - { name: reviews-v2, port: 9080, weight: 10 }
  - matches: [{ path: { type: PathPrefix, value: /old } }]
    filters:
    - type: RequestRedirect
      requestRedirect: { path: { type: ReplacePrefixMatch, replacePrefixMatch: /new }, statusCode: 301 }
  - matches: [{ path: { type: PathPrefix, value: /secure } }]
    filters:
    - type: RequestRedirect
      requestRedirect: { scheme: https, hostname: secure.example.com }
  - matches: [{ path: { type: PathPrefix, value: /v2api } }]
    filters:
    - type: URLRewrite
      urlRewrite: { path: { type: ReplacePrefixMatch, replacePrefixMatch: /api }, hostname: productpage.internal }
    backendRefs: [{ name: productpage, port: 9080 }]
  - matches: [{ path: { type: Exact, value: /gone } }]
    backendRefs: [{ name: nothere, port: 9080 }]
  - matches: [{ path: { type: PathPrefix, value: /details }, method: POST }]
    filters:
    - type: RequestHeaderModifier
      requestHeaderModifier: { set: [{ name: X-Env, value: prod }], remove: [x-debug] }
    timeouts: { request: 3s }
    backendRefs: [{ name: details, port: 9080 }]
  - matches: [{ path: { type: PathPrefix, value: /echo } }]
    backendRefs: [{ name: echo, namespace: other, port: 80 }]
  - matches: [{ path: { type: PathPrefix, value: /none } }]
    backendRefs: [{ name: details, port: 9080, weight: 0 }]
`;

export const ECHO_GRANT = `apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: { name: from-default, namespace: other }
spec:
  from: [{ group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: default }]
  to: [{ group: "", kind: Service }]
`;

export const GRPC_ROUTE = `apiVersion: gateway.networking.k8s.io/v1
kind: GRPCRoute
metadata: { name: greeter, namespace: default }
spec:
  parentRefs: [{ name: bookinfo-gateway }]
  hostnames: [grpc.example.com]
  rules:
  - matches: [{ method: { service: helloworld.Greeter, method: SayHello } }]
    backendRefs: [{ name: reviews-v2, port: 9080 }]
  - matches: [{ method: { service: helloworld.Greeter } }]
    backendRefs: [{ name: reviews-v1, port: 9080 }]
  - matches: [{ headers: [{ name: x-tenant, value: blue }] }]
    backendRefs: [{ name: reviews-v3, port: 9080 }]
`;

/** A route in namespace other attached to bookinfo-gateway, whose listener admits only its own namespace. */
export const FOREIGN_ROUTE = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: foreign, namespace: other }
spec:
  parentRefs: [{ name: bookinfo-gateway, namespace: default }]
  hostnames: [foreign.example.com]
  rules:
  - backendRefs: [{ name: echo, port: 80 }]
`;

/** A prefix stripped by URLRewrite ReplacePrefixMatch "/", and a CORS policy. */
export const STRIP_ROUTE = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: strip, namespace: default }
spec:
  parentRefs: [{ name: bookinfo-gateway }]
  hostnames: [strip.example.com]
  rules:
  - matches: [{ path: { type: PathPrefix, value: /details/ } }]
    filters:
    - type: URLRewrite
      urlRewrite: { path: { type: ReplacePrefixMatch, replacePrefixMatch: / } }
    - type: CORS
      cors: { allowOrigins: ["https://*.example.com", "https://app.example.org"], allowMethods: [GET, POST] }
    backendRefs: [{ name: details, port: 9080 }]
`;

/** Two listeners on port 80: a wildcard one and a more exact one the wildcard must leave `foo.example.com` to. */
export const TWO_LISTENERS = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: edge, namespace: default }
spec:
  gatewayClassName: istio
  listeners:
  - { name: wild, port: 80, protocol: HTTP, hostname: "*.example.com" }
  - { name: foo, port: 80, protocol: HTTP, hostname: foo.example.com }
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: foo, namespace: default }
spec:
  parentRefs: [{ name: edge }]
  hostnames: [foo.example.com, bar.example.com]
  rules: [{ backendRefs: [{ name: details, port: 9080 }] }]
`;

/** A ServiceEntry host as a backend (kind Hostname), a mirror at 50%, retries and a second route merged in. */
export const EXTERNAL_ROUTE = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: httpbin-ext, namespace: default }
spec:
  hosts: [httpbin.org]
  ports: [{ number: 80, name: http, protocol: HTTP }]
  resolution: DNS
  location: MESH_EXTERNAL
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: external, namespace: default }
spec:
  parentRefs: [{ name: bookinfo-gateway }]
  rules:
  - matches: [{ path: { type: PathPrefix, value: /productpage/ext } }]
    backendRefs: [{ group: networking.istio.io, kind: Hostname, name: httpbin.org, port: 80 }]
  - matches: [{ path: { type: PathPrefix, value: /productpage/mirrored } }]
    filters:
    - type: RequestMirror
      requestMirror: { backendRef: { name: details, port: 9080 }, percent: 50 }
    retry: { attempts: 3, codes: [503], backoff: 100ms }
    timeouts: { request: 10s, backendRequest: 2s }
    backendRefs: [{ name: productpage, port: 9080 }]
`;
