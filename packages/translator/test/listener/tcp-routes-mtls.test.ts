import type { TcpProxy } from '@minimesh/model';
import { describe, expect, it } from 'vitest';
import { buildListeners } from '../../src/listener/build-listeners.js';
import { productpage, reviewsV2, world } from '../route/fixtures.js';
import { byName, connect, expectEncodable, filterConfig, MYSQL } from './helpers.js';

describe('VirtualService TCP routes on outbound TCP listeners', () => {
  const MYSQL_ROUTES = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: mysql, namespace: default }
spec:
  hosts: [mysql]
  tcp:
  - match: [{ port: 3306, sourceLabels: { app: reviews } }]
    route: [{ destination: { host: mysql, subset: replica } }]
  - route:
    - { destination: { host: mysql, subset: primary }, weight: 80 }
    - { destination: { host: mysql, subset: replica }, weight: 20 }
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: mysql, namespace: default }
spec:
  host: mysql
  subsets:
  - { name: primary, labels: { role: primary } }
  - { name: replica, labels: { role: replica } }
`;
  it('weights the catch-all TCP route for productpage', async () => {
    const w = await world([], [MYSQL, MYSQL_ROUTES]);
    const ls = buildListeners(productpage, w.push, w.sink);
    expectEncodable(ls);
    const tcp = filterConfig<TcpProxy>(byName(ls, '10.96.0.12_3306'));
    expect(tcp.weighted_clusters?.clusters).toEqual([
      { name: 'outbound|3306|primary|mysql.default.svc.cluster.local', weight: 80 },
      { name: 'outbound|3306|replica|mysql.default.svc.cluster.local', weight: 20 },
    ]);
    expect(w.sink.list()).toEqual([]);
  });

  it('sends reviews (sourceLabels) to the replica', async () => {
    const w = await world([], [MYSQL, MYSQL_ROUTES]);
    const ls = buildListeners(reviewsV2, w.push, w.sink);
    expect(connect(byName(ls, '10.96.0.12_3306'), { port: 3306, ip: '10.96.0.12' })).toBe(
      '->outbound|3306|replica|mysql.default.svc.cluster.local',
    );
  });
});

describe('inbound mTLS by PeerAuthentication', () => {
  const PA = (mode: string, extra = '') => `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: { name: pa, namespace: default }
spec:
  mtls: { mode: ${mode} }
${extra}`;
  const istio = { port: 9080, tls: true, alpn: ['istio-http/1.1'] };
  const rows: { what: string; inline: string[]; conn: Parameters<typeof connect>[1]; expected: string }[] = [
    {
      what: 'default PERMISSIVE: Istio mTLS',
      inline: [],
      conn: istio,
      expected: '0.0.0.0_9080->inline (TLS)',
    },
    {
      what: 'default PERMISSIVE: plaintext',
      inline: [],
      conn: { port: 9080 },
      expected: '0.0.0.0_9080->inline',
    },
    {
      what: 'STRICT: Istio mTLS',
      inline: [PA('STRICT')],
      conn: istio,
      expected: '0.0.0.0_9080->inline (TLS)',
    },
    {
      what: 'STRICT: plaintext is refused',
      inline: [PA('STRICT')],
      conn: { port: 9080 },
      expected: 'no chain',
    },
    {
      what: 'DISABLE: plaintext',
      inline: [PA('DISABLE')],
      conn: { port: 9080 },
      expected: '0.0.0.0_9080->inline',
    },
    { what: 'DISABLE: TLS is refused', inline: [PA('DISABLE')], conn: istio, expected: 'no chain' },
    {
      what: 'workload policy with a port-level DISABLE wins over STRICT',
      inline: [
        PA('STRICT'),
        `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: { name: pp, namespace: default }
spec:
  selector: { matchLabels: { app: productpage } }
  mtls: { mode: UNSET }
  portLevelMtls: { "9080": { mode: DISABLE } }
`,
      ],
      conn: { port: 9080 },
      expected: '0.0.0.0_9080->inline',
    },
    {
      what: 'mesh-wide STRICT from the root namespace',
      inline: [PA('STRICT').replace('namespace: default', 'namespace: istio-system')],
      conn: { port: 9080 },
      expected: 'no chain',
    },
  ];
  it.each(rows)('$what', async (row) => {
    const w = await world([], row.inline);
    const ls = buildListeners(productpage, w.push, w.sink);
    expectEncodable(ls);
    expect(connect(byName(ls, 'virtualInbound'), row.conn)).toBe(row.expected);
  });
});
