// The README's examples, run as written (with the inputs they assume), so the documentation stays true.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  anyOf,
  buildRegistry,
  type Cluster,
  CodecError,
  decode,
  encode,
  formatDiagnostic,
  loadDirectory,
  loadFile,
  loadManifests,
  type RouteConfiguration,
  routeRequest,
  TypeUrl,
  toProto3Json,
} from '../src/index.js';
import { ISTIO_SAMPLES } from './helpers/paths.js';

describe('README examples', () => {
  it('loads manifests and formats diagnostics', () => {
    const r = loadManifests(
      'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: r\nspec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination:\n        host: reviews\n      weight: ten\n',
      { file: 'bookinfo.yaml' },
    );
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      'bookinfo.yaml:11:15 spec.http[0].route[0].weight: expected a number, got "ten"',
    ]);
  });

  it('builds a registry from bookinfo', async () => {
    const { resources } = await loadDirectory(join(ISTIO_SAMPLES, 'samples/bookinfo/platform/kube'));
    const dr = await loadFile(join(ISTIO_SAMPLES, 'samples/bookinfo/networking/destination-rule-all.yaml'));
    const registry = buildRegistry([...resources, ...dr.resources]);
    const reviews = registry.service('reviews.default.svc.cluster.local');
    expect(reviews?.ports.map((p) => [p.name, p.port, p.protocol])).toEqual([['http', 9080, 'HTTP']]);
    expect(
      registry.destinationRuleFor('default', 'reviews.default.svc.cluster.local')?.rules.map((r) => r.name),
    ).toEqual(['reviews']);
    const { registry: next, changes } = registry.apply({ remove: [] });
    expect(next).toBe(registry);
    expect(changes).toEqual([]);
  });

  it('encodes, decodes and prints a cluster, and refuses an unknown field', () => {
    const cluster: Cluster = {
      name: 'outbound|9080|v1|reviews.default.svc.cluster.local',
      type: 'EDS',
      connect_timeout: { seconds: '10' }, // canonical form: proto3 defaults (nanos: 0) left out
      lb_policy: 'LEAST_REQUEST',
    };
    const bytes = encode('envoy.config.cluster.v3.Cluster', cluster);
    expect(decode('envoy.config.cluster.v3.Cluster', bytes)).toEqual(cluster);
    expect(toProto3Json('envoy.config.cluster.v3.Cluster', cluster)).toMatchObject({
      connect_timeout: '10s',
      lb_policy: 'LEAST_REQUEST',
    });
    const bad = { ...cluster, lb_polcy: 'RANDOM' } as unknown as Cluster;
    expect(() => encode('envoy.config.cluster.v3.Cluster', bad)).toThrow(CodecError);
    expect(anyOf(TypeUrl.CLUSTER, cluster)['@type']).toBe(
      'type.googleapis.com/envoy.config.cluster.v3.Cluster',
    );
  });

  it('routes a request and explains the routes that did not match', () => {
    const routeConfig: RouteConfiguration = {
      name: '9080',
      virtual_hosts: [
        {
          name: 'reviews.default.svc.cluster.local:9080',
          domains: ['reviews', 'reviews.default.svc.cluster.local'],
          routes: [
            {
              match: { prefix: '/', headers: [{ name: 'end-user', string_match: { exact: 'alice' } }] },
              route: { cluster: 'outbound|9080|v3|reviews.default.svc.cluster.local' },
            },
            {
              match: { prefix: '/', headers: [{ name: 'end-user', string_match: { exact: 'jason' } }] },
              route: { cluster: 'outbound|9080|v2|reviews.default.svc.cluster.local' },
            },
          ],
        },
      ],
    };
    const result = routeRequest(
      routeConfig,
      { authority: 'reviews:9080', path: '/reviews/0', method: 'GET', headers: { 'end-user': 'jason' } },
      { explain: true, portHandling: 'strip-any' },
    );
    expect(result.matched?.route?.cluster).toBe('outbound|9080|v2|reviews.default.svc.cluster.local');
    expect(result.trace?.routes.map((t) => t.detail)).toEqual(['header end-user: exact "alice" != "jason"']);
  });
});
