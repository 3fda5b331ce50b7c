// Bad EnvoyFilter patches never throw out of translate(): a value that does not decode (unknown field, unknown
// @type, wrong value type) or a MERGE of another typed_config type becomes a message at the EnvoyFilter's
// configPatches[i] with file:line, the patch is skipped, and the other patches and resources still translate. A
// patch on nothing (no such listener, route, cluster or filter) is ignored silently, as istiod does.
import { buildRegistry } from '@minimesh/model';
import { describe, expect, test } from 'vitest';
import { applyEnvoyFilters } from '../../src/envoy-filter/apply-envoy-filters.js';
import { compilePatches, reportEnvoyFilterProblems } from '../../src/envoy-filter/compile-patches.js';
import { PatchRun } from '../../src/envoy-filter/patch-run.js';
import { formatMessage, MessageSink } from '../../src/messages.js';
import { PushContext } from '../../src/push-context.js';
import { translate } from '../../src/translate.js';
import { BOOKINFO, INGRESS_SERVICE, load, net, productpage, WORKLOADS } from '../route/fixtures.js';
import {
  cluster,
  envoyFilter,
  envoyFilterMessages,
  expectEncodes,
  httpFilterNames,
  onePatch,
  translateWith,
} from './helpers.js';

const HCM = 'envoy.filters.network.http_connection_manager';
const ROUTER_MATCH = `listener:
  portNumber: 9080
  filterChain:
    filter:
      name: ${HCM}
      subFilter: { name: envoy.filters.http.router }`;

/** Two patches: a bad one first (`bad`, YAML under `- `) and a good one (a lua filter before the router). */
function badThenGood(bad: string): string {
  return envoyFilter(
    'mixed',
    `configPatches:
${bad}
- applyTo: HTTP_FILTER
  match:
    listener:
      portNumber: 9080
      filterChain:
        filter:
          name: ${HCM}
          subFilter: { name: envoy.filters.http.router }
  patch:
    operation: INSERT_BEFORE
    value:
      name: good.lua
      typed_config: { "@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua }`,
  );
}

describe('patches that do not decode or apply become messages; the rest translates', () => {
  test.each([
    {
      what: 'unknown field in the typed_config',
      bad: `- applyTo: CLUSTER
  match: { cluster: { service: details.default.svc.cluster.local } }
  patch:
    operation: MERGE
    value:
      connect_timeout: 1s
      no_such_field: 1`,
      line: 14,
      text: 'Error [TR0701] (EnvoyFilter default/mixed inline-1.yaml:14) configPatches[0]: the CLUSTER patch value is not a valid envoy.config.cluster.v3.Cluster: no_such_field: unknown field "no_such_field" in envoy.config.cluster.v3.Cluster; the patch is skipped',
    },
    {
      what: 'unknown @type',
      bad: `- applyTo: HTTP_FILTER
  match:
    ${ROUTER_MATCH.replace(/\n/g, '\n    ')}
  patch:
    operation: INSERT_BEFORE
    value:
      name: envoy.filters.http.wasm
      typed_config: { "@type": type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm }`,
      line: 20,
      text: 'Error [TR0701] (EnvoyFilter default/mixed inline-1.yaml:20) configPatches[0]: the HTTP_FILTER patch value is not a valid envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter: typed_config: unknown type URL "type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm"',
    },
    {
      what: 'wrong value type',
      bad: `- applyTo: LISTENER
  match: { listener: { portNumber: 9080 } }
  patch:
    operation: MERGE
    value:
      per_connection_buffer_limit_bytes: lots`,
      line: 13,
      text: 'Error [TR0701] (EnvoyFilter default/mixed inline-1.yaml:13) configPatches[0]: the LISTENER patch value is not a valid envoy.config.listener.v3.Listener: per_connection_buffer_limit_bytes: expected a whole number (uint32), got "lots"; the patch is skipped',
    },
    {
      what: 'MERGE of a typed_config of another type than the filter (wrong @type)',
      bad: `- applyTo: HTTP_FILTER
  match:
    ${ROUTER_MATCH.replace(/\n/g, '\n    ')}
  patch:
    operation: MERGE
    value:
      typed_config: { "@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua }`,
      line: 19,
      text: 'Error [TR0702] (EnvoyFilter default/mixed inline-1.yaml:19) configPatches[0]: cannot MERGE typed_config type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua into HTTP filter envoy.filters.http.router, whose typed_config is type.googleapis.com/envoy.extensions.filters.http.router.v3.Router; the patch is skipped there',
    },
  ])('$what', async ({ bad, line, text }) => {
    const t = await translateWith('sidecar', [badThenGood(bad)]);
    const messages = envoyFilterMessages(t);
    expect(messages.length).toBe(1);
    expect(messages[0]).toContain(text);
    expect(t.messages.find((m) => m.resource === 'EnvoyFilter default/mixed')?.line).toBe(line);
    // The good patch of the same EnvoyFilter still applies, and everything else is there.
    expect(httpFilterNames(t, '0.0.0.0_9080').slice(-2)).toEqual(['good.lua', 'envoy.filters.http.router']);
    expect(cluster(t, 'outbound|9080||details.default.svc.cluster.local')?.connect_timeout).not.toEqual({
      seconds: '1',
    });
    expect(t.listeners.length).toBeGreaterThan(4);
    expectEncodes(t);
  });

  test('BOOTSTRAP patches are reported as not applied (minimesh generates no bootstrap)', async () => {
    const t = await translateWith('sidecar', [
      onePatch('boot', 'BOOTSTRAP', 'context: ANY', 'operation: MERGE\nvalue: { stats_flush_interval: 5s }'),
    ]);
    expect(envoyFilterMessages(t)).toEqual([
      'Info [TR0704] (EnvoyFilter default/boot inline-1.yaml:8) configPatches[0]: applyTo BOOTSTRAP patches the bootstrap the agent writes, which minimesh does not generate; the patch is not applied',
    ]);
  });
});

describe('patches on nothing are ignored silently (istiod)', () => {
  test.each([
    [
      'listener port that does not exist',
      onePatch(
        'n',
        'LISTENER',
        'listener: { portNumber: 1234 }',
        'operation: MERGE\nvalue: { per_connection_buffer_limit_bytes: 1 }',
      ),
    ],
    [
      'cluster that does not exist',
      onePatch('n', 'CLUSTER', 'cluster: { name: outbound|1||nothing.example }', 'operation: REMOVE'),
    ],
    [
      'HTTP filter INSERT_BEFORE a filter that is not there',
      onePatch(
        'n',
        'HTTP_FILTER',
        `listener:\n  filterChain:\n    filter:\n      name: ${HCM}\n      subFilter: { name: envoy.filters.http.ext_authz }`,
        'operation: INSERT_BEFORE\nvalue: { name: x, typed_config: { "@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua } }',
      ),
    ],
    [
      'NETWORK_FILTER REMOVE naming no filter (istiod needs a filter match)',
      onePatch('n', 'NETWORK_FILTER', 'listener: { portNumber: 9080 }', 'operation: REMOVE'),
    ],
    [
      'REPLACE of a whole listener (istiod applies only MERGE and REMOVE to listeners)',
      onePatch(
        'n',
        'LISTENER',
        'listener: { portNumber: 9080 }',
        'operation: REPLACE\nvalue: { name: replaced }',
      ),
    ],
    [
      'route in a vhost that does not exist',
      onePatch(
        'n',
        'HTTP_ROUTE',
        'routeConfiguration: { vhost: { name: nothing:9080 } }',
        'operation: ADD\nvalue: { match: { prefix: / }, direct_response: { status: 200 } }',
      ),
    ],
    [
      'sidecar patch on a gateway-only context',
      onePatch(
        'n',
        'CLUSTER',
        'context: GATEWAY',
        'operation: ADD\nvalue: { name: gw-only, connect_timeout: 1s }',
      ),
    ],
    [
      'ADD of a cluster named like a built one (the first of a name wins, istiod normalizeClusters)',
      onePatch(
        'n',
        'CLUSTER',
        'context: SIDECAR_OUTBOUND',
        'operation: ADD\nvalue: { name: "outbound|9080||reviews.default.svc.cluster.local", type: STATIC }',
      ),
    ],
  ])('%s', async (_what, doc) => {
    const base = await translateWith('sidecar');
    const t = await translateWith('sidecar', [doc]);
    expect(t.messages).toEqual(base.messages);
    expect(JSON.stringify({ l: t.listeners, r: t.routes, c: t.clusters })).toBe(
      JSON.stringify({ l: base.listeners, r: base.routes, c: base.clusters }),
    );
  });
});

describe('determinism and isolation', () => {
  test('same input, byte-identical output; the EnvoyFilter itself is not modified by patching', async () => {
    const docs = [
      onePatch(
        'add',
        'CLUSTER',
        'context: SIDECAR_OUTBOUND',
        'operation: ADD\nvalue: { name: added, connect_timeout: 1s, type: STATIC }',
      ),
      onePatch(
        'lua',
        'HTTP_FILTER',
        ROUTER_MATCH,
        'operation: INSERT_BEFORE\nvalue: { name: l, typed_config: { "@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua } }',
      ),
    ];
    const resources = await load([BOOKINFO, net('bookinfo-gateway.yaml')], [INGRESS_SERVICE, ...docs]);
    const registry = buildRegistry(resources, { workloads: WORKLOADS });
    const filters = registry.envoyFiltersFor('default', productpage.labels);
    const before = JSON.stringify(filters.map((f) => f.object));
    const push = new PushContext(registry);
    const a = translate(productpage, push);
    const b = translate(productpage, push);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(filters.map((f) => f.object))).toBe(before);
    // An added object is a copy per translation, never shared.
    expect(a.clusters.find((c) => c.name === 'added')).not.toBe(b.clusters.find((c) => c.name === 'added'));
    expect(a.clusters.filter((c) => c.name === 'added').length).toBe(1);
  });
});

describe('inputs are never modified', () => {
  test('patching the output again changes a new copy, not the resources it was given', async () => {
    const docs = [
      onePatch(
        'tls',
        'CLUSTER',
        'cluster: { service: details.default.svc.cluster.local }',
        `operation: MERGE
value:
  connect_timeout: 3s
  transport_socket:
    name: envoy.transport_sockets.tls
    typed_config:
      "@type": type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext
      sni: details.custom`,
      ),
      onePatch(
        'lua',
        'HTTP_FILTER',
        ROUTER_MATCH,
        'operation: INSERT_BEFORE\nvalue: { name: l, typed_config: { "@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua } }',
      ),
      onePatch(
        'vh',
        'VIRTUAL_HOST',
        'routeConfiguration: { vhost: { name: reviews.default.svc.cluster.local:9080 } }',
        'operation: MERGE\nvalue: { domains: [reviews.example] }',
      ),
    ];
    const resources = await load([BOOKINFO], [...docs]);
    const push = new PushContext(buildRegistry(resources, { workloads: WORKLOADS }));
    const once = translate(productpage, push);
    const before = JSON.stringify(once);
    const twice = applyEnvoyFilters(productpage, push, new MessageSink(), once);
    expect(JSON.stringify(once)).toBe(before);
    expect(httpFilterNames(twice as never, '0.0.0.0_9080').filter((n) => n === 'l').length).toBe(2);
    const details = (x: typeof once.clusters) =>
      x.find((c) => c.name === 'outbound|9080||details.default.svc.cluster.local');
    expect(details(twice.clusters)).not.toBe(details(once.clusters));
    // istiod: a value whose transport socket merged is merged no further (connect_timeout stays the builder's).
    expect(details(twice.clusters)?.connect_timeout).toEqual({ seconds: '10' });
    const sockets = details(twice.clusters)?.transport_socket_matches ?? [];
    expect(
      sockets.map((m) => (m.transport_socket?.typed_config as { sni?: string } | undefined)?.sni),
    ).toEqual(['details.custom', undefined]);
    // Untouched clusters are the same objects (no copy).
    const ratings = 'outbound|9080||ratings.default.svc.cluster.local';
    expect(twice.clusters.find((c) => c.name === ratings)).toBe(
      once.clusters.find((c) => c.name === ratings),
    );
  });
});

describe('the guard keeps a resource a patch broke', () => {
  test('a result that no longer encodes, or a patch that throws, leaves the original and reports the patch', async () => {
    const doc = onePatch('g', 'CLUSTER', 'context: ANY', 'operation: MERGE\nvalue: { connect_timeout: 1s }');
    const resources = await load([BOOKINFO], [doc]);
    const push = new PushContext(buildRegistry(resources, { workloads: WORKLOADS }));
    const sink = new MessageSink();
    const [patch] = compilePatches(productpage, push, sink);
    if (patch === undefined) throw new Error('expected the patch to compile');
    const run = new PatchRun(sink);
    const original = { name: 'c', connect_timeout: { seconds: '5' } };
    const broken = run.guard('envoy.config.cluster.v3.Cluster', original, 'cluster c', (copy) => {
      run.applied(patch);
      return Object.assign(copy, { no_such_field: 1 });
    });
    expect(broken).toBe(original);
    const thrown = run.guard('envoy.config.cluster.v3.Cluster', original, 'cluster c', () => {
      run.applied(patch);
      throw new Error('boom');
    });
    expect(thrown).toBe(original);
    const untouched = run.guard('envoy.config.cluster.v3.Cluster', original, 'cluster c', (copy) => copy);
    expect(untouched).toEqual(original);
    expect(untouched).not.toBe(original);
    expect(original).toEqual({ name: 'c', connect_timeout: { seconds: '5' } });
    const texts = sink.list().map(formatMessage);
    expect(texts.length).toBe(2);
    expect(texts[0]).toMatch(
      /^Error \[TR0703\] \(EnvoyFilter default\/g inline-0.yaml:8\) configPatches\[0\]: the patched cluster c is no longer a valid envoy.config.cluster.v3.Cluster \(no_such_field: unknown field/,
    );
    expect(texts[1]).toContain('(patching failed: boom); it is kept as it was before patching');
  });
});

describe('last resort', () => {
  test('an unexpected failure leaves every resource unpatched and reports it', async () => {
    const t = await translateWith('sidecar');
    const failing = {
      registry: {
        envoyFiltersFor: () => {
          throw new Error('registry unavailable');
        },
      },
    } as unknown as PushContext;
    const sink = new MessageSink();
    const out = applyEnvoyFilters(productpage, failing, sink, t);
    expect(out).toBe(t);
    expect(sink.list().map(formatMessage)).toEqual([
      `Error [TR0703] EnvoyFilter patches for ${productpage.id} failed (registry unavailable); none were applied`,
    ]);
  });
});

describe('problems of an EnvoyFilter whatever proxy it selects (for analysis)', () => {
  test('a filter selecting no workload is not reported by translate(), but is by reportEnvoyFilterProblems', async () => {
    const doc = envoyFilter(
      'elsewhere',
      `workloadSelector: { labels: { app: nothing } }
configPatches:
- applyTo: CLUSTER
  match: { context: SIDECAR_OUTBOUND }
  patch:
    operation: ADD
    value: { name: x, typo_field: 1 }`,
    );
    const t = await translateWith('sidecar', [doc]);
    expect(envoyFilterMessages(t)).toEqual([]);
    const resources = await load([], [doc]);
    const filter = buildRegistry(resources, { workloads: [] }).envoyFiltersFor('default', {
      app: 'nothing',
    })[0];
    if (filter === undefined) throw new Error('expected the EnvoyFilter');
    const sink = new MessageSink();
    reportEnvoyFilterProblems(filter, sink);
    expect(sink.list().map(formatMessage)).toEqual([
      'Error [TR0701] (EnvoyFilter default/elsewhere inline-0.yaml:13) configPatches[0]: the CLUSTER patch value is not a valid envoy.config.cluster.v3.Cluster: typo_field: unknown field "typo_field" in envoy.config.cluster.v3.Cluster; the patch is skipped',
    ]);
  });
});
