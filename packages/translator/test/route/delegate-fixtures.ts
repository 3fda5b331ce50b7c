// Inputs of the delegate VirtualService tests: a gateway root with five delegates, a mesh root for reviews, short
// names resolved in each VirtualService's own namespace, and the call helpers.
import type { Input } from '../simulate/helpers.js';

export const ROOT = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: root, namespace: default }
spec:
  hosts: [bookinfo.example.com]
  gateways: [bookinfo-gateway]
  http:
  - name: reviews
    match: [{ uri: { prefix: /reviews } }]
    delegate: { name: reviews-delegate, namespace: team }
  - name: pp
    match: [{ uri: { prefix: /productpage } }]
    timeout: 7s
    delegate: { name: pp-delegate }
  - match: [{ uri: { prefix: /ghost } }]
    delegate: { name: missing }
  - match: [{ uri: { prefix: /hosted } }]
    delegate: { name: has-hosts }
  - match: [{ uri: { prefix: /private } }]
    delegate: { name: private-delegate, namespace: team }
`;
export const REVIEWS_DELEGATE = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews-delegate, namespace: team }
spec:
  http:
  - name: v2
    match: [{ uri: { prefix: /reviews/v2 }, headers: { end-user: { exact: jason } } }]
    route: [{ destination: { host: reviews.default.svc.cluster.local, subset: v2 } }]
  - name: ratings
    match: [{ uri: { prefix: /ratings } }]
    route: [{ destination: { host: ratings.default.svc.cluster.local } }]
  - name: all
    route: [{ destination: { host: reviews.default.svc.cluster.local, subset: v1 } }]
`;
export const PP_DELEGATE = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: pp-delegate, namespace: default }
spec:
  http:
  - match: [{ uri: { exact: /productpage } }]
    route: [{ destination: { host: productpage, port: { number: 9080 } } }]
  - match: [{ uri: { prefix: /productpage/slow } }]
    timeout: 30s
    route: [{ destination: { host: productpage, port: { number: 9080 } } }]
`;
export const OTHERS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: has-hosts, namespace: default }
spec:
  hosts: [hosted.example.com]
  http:
  - route: [{ destination: { host: details } }]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: private-delegate, namespace: team }
spec:
  exportTo: ["."]
  http:
  - route: [{ destination: { host: details.default.svc.cluster.local } }]
`;
export const GATEWAY: Input = {
  files: ['bookinfo-gateway.yaml', 'destination-rule-all.yaml'],
  inline: [ROOT, REVIEWS_DELEGATE, PP_DELEGATE, OTHERS],
};

// A mesh root for reviews: jason's requests go to a delegate in namespace team, which routes by path.
export const MESH_ROOT = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews, namespace: default }
spec:
  hosts: [reviews]
  http:
  - name: jason
    match: [{ headers: { end-user: { exact: jason } } }]
    delegate: { name: reviews-jason, namespace: team }
  - route: [{ destination: { host: reviews, subset: v1 } }]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews-jason, namespace: team }
spec:
  http:
  - name: api
    match: [{ uri: { prefix: /api } }, { uri: { exact: /health } }]
    route: [{ destination: { host: reviews.default.svc.cluster.local, subset: v2 } }]
  - route:
    - { destination: { host: reviews.default.svc.cluster.local, subset: v3 }, weight: 80 }
    - { destination: { host: reviews.default.svc.cluster.local, subset: v1 }, weight: 20 }
`;
export const MESH: Input = { files: ['destination-rule-all.yaml'], inline: [MESH_ROOT] };

// Short names resolve where they are written: the root's mirror in default, the delegate's host in team.
export const SHORT_NAMES = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: ratings, namespace: default }
spec:
  hosts: [ratings]
  http:
  - mirror: { host: details }
    delegate: { name: ratings-short, namespace: team }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: ratings-short, namespace: team }
spec:
  http:
  - match: [{ uri: { prefix: /team } }]
    route: [{ destination: { host: ratings } }]
  - route: [{ destination: { host: ratings.default.svc.cluster.local } }]
`;
export const SHORT: Input = { inline: [SHORT_NAMES] };

export const gw = (path: string, headers: Record<string, string> = {}, host = 'bookinfo.example.com') => ({
  port: 8080,
  host,
  path,
  headers,
});
export const ROOT_CONFIG = {
  kind: 'VirtualService',
  namespace: 'default',
  name: 'root',
  file: 'inline-1.yaml',
};
