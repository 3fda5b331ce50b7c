// The order EnvoyFilters apply in for one proxy: priority (lower first), then the root namespace's before the
// proxy namespace's, then namespace/name; and which filters attach at all (workloadSelector).
import { describe, expect, test } from 'vitest';
import { envoyFilter, httpFilterNames, translateWith } from './helpers.js';

describe('order of EnvoyFilters', () => {
  const first = (name: string, priority: number | undefined, ns = 'default') =>
    envoyFilter(
      name,
      `${priority === undefined ? '' : `priority: ${priority}\n`}configPatches:
- applyTo: HTTP_FILTER
  match:
    context: SIDECAR_OUTBOUND
    listener: { portNumber: 9080 }
  patch:
    operation: INSERT_FIRST
    value:
      name: ${name}
      typed_config:
        "@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua`,
      ns,
    );
  const heads = async (docs: string[]) =>
    httpFilterNames(await translateWith('sidecar', docs), '0.0.0.0_9080').slice(0, 3);

  test('lower priority applies first, so a later INSERT_FIRST ends up in front', async () => {
    expect(await heads([first('b-late', 10), first('a-early', -5), first('c-default', undefined)])).toEqual([
      'b-late',
      'c-default',
      'a-early',
    ]);
  });
  test('at one priority the root namespace (istio-system) applies first, then namespace/name', async () => {
    expect(
      await heads([
        first('z-local', undefined),
        first('y-root', undefined, 'istio-system'),
        first('a-local', undefined),
      ]),
    ).toEqual(['z-local', 'a-local', 'y-root']);
  });
  test('a workloadSelector that does not select the proxy leaves it alone', async () => {
    const doc = first('selected-away', undefined).replace(
      'spec:\n',
      'spec:\n  workloadSelector: { labels: { app: reviews } }\n',
    );
    expect(await heads([doc])).not.toContain('selected-away');
  });
});
