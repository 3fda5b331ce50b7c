// istiod's own cases for the gRPC listener name filter (pilot/pkg/networking/grpcgen/lds_test.go TestListenerNameFilter,
// TestTryFindFQDN), restated for our filter: a node in namespace `ns` with DNS domain `ns.svc.cluster.local`.
import { describe, expect, it } from 'vitest';
import {
  expandShortName,
  GRPC_SERVER_LISTENER_PREFIX,
  listenerNameFilter,
} from '../../src/grpc/grpc-names.js';
import { formatProxyId, parseProxy } from '../../src/proxy.js';

describe("istiod's listener name filter cases (grpcgen lds_test.go)", () => {
  const node = parseProxy({ id: formatProxyId('sidecar', '10.2.0.1', 'pod', 'ns'), generator: 'grpc' });
  const view = (names: string[]) => {
    const f = listenerNameFilter(names, node);
    return {
      hosts: Object.fromEntries(
        [...f.byHost.entries()].map(([k, v]) => [
          k,
          {
            requested: [...v.requestedNames].sort(),
            ports: v.ports === undefined ? undefined : [...v.ports].sort(),
          },
        ]),
      ),
      inbound: f.inbound,
    };
  };

  it('narrows ports per host, and a plain host clears them for good', () => {
    expect(view(['foo.com:80', 'foo.com:443', 'wildcard.com']).hosts).toEqual({
      'foo.com': { requested: ['foo.com'], ports: ['443', '80'] },
      'wildcard.com': { requested: ['wildcard.com'], ports: undefined },
    });
    expect(view(['foo.com:80', 'foo.com', 'foo.com:443']).hosts).toEqual({
      'foo.com': { requested: ['foo.com'], ports: undefined },
    });
  });

  it('keeps server listener names apart, exactly as asked', () => {
    const server = ['foo:1234', 'foo', '[::]:8076'].map((a) => `${GRPC_SERVER_LISTENER_PREFIX}${a}`);
    const v = view(['foo.com:80', ...server]);
    expect(Object.keys(v.hosts)).toEqual(['foo.com']);
    expect(v.inbound).toEqual([...server].sort());
  });

  it('expands short names to the FQDN entry, which collects every form and port', () => {
    const v = view([
      'bar',
      'bar.ns',
      'bar.ns.svc',
      'bar.ns.svc.cluster.local',
      'foo:80',
      'foo.ns:81',
      'foo.ns.svc:82',
      'foo.ns.svc.cluster.local:83',
    ]);
    expect(v.hosts['bar.ns.svc.cluster.local']).toEqual({
      requested: ['bar', 'bar.ns', 'bar.ns.svc', 'bar.ns.svc.cluster.local'],
      ports: undefined,
    });
    expect(v.hosts['foo.ns.svc.cluster.local']).toEqual({
      requested: ['foo', 'foo.ns', 'foo.ns.svc', 'foo.ns.svc.cluster.local'],
      ports: ['80', '81', '82', '83'],
    });
    expect(v.hosts['foo.ns']).toEqual({ requested: ['foo.ns'], ports: ['81'] });
    expect(Object.keys(v.hosts)).toHaveLength(8);
  });

  it('finds the FQDN only for names under the node namespace (tryFindFQDN)', () => {
    const cases: [string, string | undefined][] = [
      ['foo', 'foo.ns.svc.cluster.local'],
      ['foo.ns', 'foo.ns.svc.cluster.local'],
      ['foo.ns.svc', 'foo.ns.svc.cluster.local'],
      ['foo.ns.svc.cluster.local', undefined],
      ['foo.com', undefined],
      ['foo.ns.com', undefined],
      ['foo.ns.svc.notdnsdomain', undefined],
      ['foo.ns.svc.cluster.local.extra', undefined],
    ];
    for (const [name, want] of cases) expect(expandShortName(name, node), name).toBe(want);
  });
});
