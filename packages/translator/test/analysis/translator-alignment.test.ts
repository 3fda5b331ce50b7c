// The translator and the analyzers report a problem both see with one code and one text, at the same place:
// a dangling destination host, mirror host and subset (IST0101), conflicting sidecar VirtualServices (IST0109),
// and a DestinationRule for no service (IST0174). One configuration, translated for productpage's sidecar and
// analyzed; every translator message of these codes must be among the analyzer's, field for field.
import { buildRegistry } from '@minimesh/model';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/analyze.js';
import { formatMessage } from '../../src/messages.js';
import { PushContext } from '../../src/push-context.js';
import { translate } from '../../src/translate.js';
import { BOOKINFO, INGRESS_SERVICE, load, productpage, WORKLOADS } from '../route/fixtures.js';

const CONFIG = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews, namespace: default }
spec:
  hosts: [reviews]
  http:
  - match: [{ headers: { end-user: { exact: jason } } }]
    mirror: { host: nowhere }
    route: [{ destination: { host: reviews, subset: v9 } }]
  - route: [{ destination: { host: ghost } }]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews-copy, namespace: default }
spec:
  hosts: [reviews.default.svc.cluster.local]
  http:
  - route: [{ destination: { host: reviews } }]
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: phantom, namespace: default }
spec:
  host: phantom
  trafficPolicy: { loadBalancer: { simple: RANDOM } }
`;

describe('translator and analyzer messages for one problem', () => {
  it('read the same: code, severity, text, resource, file and line', async () => {
    const resources = await load([BOOKINFO], [INGRESS_SERVICE, CONFIG]);
    const registry = buildRegistry(resources, { workloads: WORKLOADS });
    const translated = translate(productpage, new PushContext(registry)).messages.filter((m) =>
      ['IST0101', 'IST0109', 'IST0174'].includes(m.code),
    );
    const analyzed = new Set(analyze(registry).map(formatMessage));
    expect(translated.map(formatMessage)).toEqual([
      'Warning [IST0174] (DestinationRule default/phantom inline-1.yaml:24) The host phantom defined in the DestinationRule does not match any services in the mesh.',
      'Error [IST0109] (VirtualService default/reviews inline-1.yaml:3) The VirtualServices default/reviews,default/reviews-copy associated with mesh gateway define the same host reviews.default.svc.cluster.local which can lead to undefined behavior. This can be fixed by merging the conflicting VirtualServices into a single resource.',
      'Error [IST0109] (VirtualService default/reviews-copy inline-1.yaml:14) The VirtualServices default/reviews,default/reviews-copy associated with mesh gateway define the same host reviews.default.svc.cluster.local which can lead to undefined behavior. This can be fixed by merging the conflicting VirtualServices into a single resource.',
      'Error [IST0101] (VirtualService default/reviews inline-1.yaml:8) Referenced mirror host not found: "nowhere"',
      'Error [IST0101] (VirtualService default/reviews inline-1.yaml:9) Referenced host+subset in destinationrule not found: "reviews+v9"',
      'Error [IST0101] (VirtualService default/reviews inline-1.yaml:10) Referenced host not found: "ghost"',
    ]);
    for (const m of translated) expect(analyzed, formatMessage(m)).toContain(formatMessage(m));
  });
});
