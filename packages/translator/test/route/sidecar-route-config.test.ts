import { toProto3Json } from '@minimesh/model';
import { describe, expect, it } from 'vitest';
import { PushContext } from '../../src/push-context.js';
import { buildRoutes } from '../../src/route/build-routes.js';
import { productpage, world } from './fixtures.js';
import { expectEncodable, send } from './helpers.js';

const R = (subset: string, host = 'reviews') => `outbound|9080|${subset}|${host}.default.svc.cluster.local`;

describe('sidecar route configuration', () => {
  it('names configs by port and virtual hosts by host:port, with istiod domains and the catch-all last', async () => {
    const w = await world(
      [],
      [
        `apiVersion: v1
kind: Service
metadata: { name: mysql, namespace: default }
spec: { clusterIP: 10.96.0.12, ports: [{ port: 3306, name: tcp }, { port: 9080, name: http-admin }], selector: { app: mysql } }
`,
      ],
    );
    const rcs = buildRoutes(productpage, w.push, w.sink);
    expectEncodable(rcs);
    expect(rcs.map((r) => r.name)).toEqual(['80', '9080']);
    const rc = rcs.find((r) => r.name === '9080');
    expect(rc?.virtual_hosts?.map((v) => v.name)).toEqual([
      'details.default.svc.cluster.local:9080',
      'mysql.default.svc.cluster.local:9080',
      'productpage.default.svc.cluster.local:9080',
      'ratings.default.svc.cluster.local:9080',
      'reviews.default.svc.cluster.local:9080',
      'allow_any',
    ]);
    expect(rc?.virtual_hosts?.[1]?.domains).toEqual([
      'mysql.default.svc.cluster.local',
      'mysql.default.svc.cluster.local.',
      'mysql',
      'mysql.default.svc',
      'mysql.default',
      '10.96.0.12',
    ]);
    expect(send(rcs, '9080', { authority: '10.96.0.12:9080' }).outcome).toBe(
      'outbound|9080||mysql.default.svc.cluster.local',
    );
    expect(rc).toMatchObject({
      validate_clusters: { value: false },
      ignore_port_in_host_matching: true,
      max_direct_response_body_size_bytes: { value: 1048576 },
    });
  });

  it('leaves out the short name for services of other namespaces', async () => {
    const w = await world(
      [],
      [
        `apiVersion: v1
kind: Service
metadata: { name: db, namespace: data }
spec: { clusterIP: 10.96.0.40, ports: [{ port: 9080, name: http }], selector: { app: db } }
`,
      ],
    );
    const rcs = buildRoutes(productpage, w.push, w.sink);
    const rc = rcs.find((r) => r.name === '9080');
    const vh = rc?.virtual_hosts?.find((v) => v.name === 'db.data.svc.cluster.local:9080');
    // istiod generateVirtualHostDomains: the names, then the cluster IP (no :port variant on a sidecar listener).
    expect(vh?.domains).toEqual([
      'db.data.svc.cluster.local',
      'db.data.svc.cluster.local.',
      'db.data',
      'db.data.svc',
      '10.96.0.40',
    ]);
    expect(send(rcs, '9080', { authority: 'db.data.svc.cluster.local.:9080' }).outcome).toBe(
      'outbound|9080||db.data.svc.cluster.local',
    );
    expect(send(rcs, '9080', { authority: '10.96.0.40:9080' }).outcome).toBe(
      'outbound|9080||db.data.svc.cluster.local',
    );
  });

  it('writes istiod default route: retries, 0s timeout, decorator', async () => {
    const w = await world();
    const rc = buildRoutes(productpage, w.push, w.sink, ['9080'])[0];
    const reviews = rc?.virtual_hosts?.find((v) => v.name === 'reviews.default.svc.cluster.local:9080');
    expect(reviews?.include_request_attempt_count).toBe(true);
    expect(toProto3Json('envoy.config.route.v3.Route', reviews?.routes?.[0] ?? {})).toEqual({
      name: 'default',
      match: { prefix: '/' },
      route: {
        cluster: R(''),
        timeout: '0s',
        max_grpc_timeout: '0s',
        retry_policy: {
          retry_on: 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes',
          num_retries: 2,
          retry_host_predicate: [
            {
              name: 'envoy.retry_host_predicates.previous_hosts',
              typed_config: {
                '@type':
                  'type.googleapis.com/envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate',
              },
            },
          ],
          host_selection_retry_max_attempts: '5',
        },
      },
      decorator: { operation: 'reviews.default.svc.cluster.local:9080/*' },
    });
  });

  it('answers 502 from block_all under REGISTRY_ONLY', async () => {
    const w = await world();
    const push = new PushContext(w.registry, { outboundTrafficPolicy: 'REGISTRY_ONLY' });
    const rcs = buildRoutes(productpage, push, w.sink);
    expect(send(rcs, '9080', { authority: 'example.com' }).outcome).toBe('direct:502');
    expect(send(rcs, '9080', { authority: 'reviews:9080' }).outcome).toBe(R(''));
    expect(rcs.find((r) => r.name === '9080')?.virtual_hosts?.at(-1)?.name).toBe('block_all');
  });

  it('returns only the requested route names', async () => {
    const w = await world();
    expect(buildRoutes(productpage, w.push, w.sink, ['9080']).map((r) => r.name)).toEqual(['9080']);
    expect(buildRoutes(productpage, w.push, w.sink, ['nope'])).toEqual([]);
  });
});

describe('golden', () => {
  it("matches productpage's route configs with test-v2, 50-v3 and the fault files", async () => {
    const w = await world([
      'destination-rule-all.yaml',
      'virtual-service-reviews-test-v2.yaml',
      'virtual-service-ratings-test-delay.yaml',
    ]);
    const rcs = buildRoutes(productpage, w.push, w.sink);
    const out = rcs.map((rc) => toProto3Json('envoy.config.route.v3.RouteConfiguration', rc));
    await expect(`${JSON.stringify(out, null, 2)}\n`).toMatchFileSnapshot(
      './__golden__/productpage-routes.json',
    );
  });
});
