// A reviewed golden of productpage's listeners and inbound clusters with everything this folder covers at once:
// a Sidecar with ingress ports and egress listeners (a declared TCP port bound to 127.0.0.1, a catch-all), a
// sniffed Service, TLS ServiceEntries sharing 443. Any change to these shapes shows up here for review.
import { toProto3Json } from '@minimesh/model';
import { describe, expect, it } from 'vitest';
import { configFor } from '../simulate/helpers.js';
import { expectEncodable, MYSQL, MYSQL_PODS, sidecar, TLS_HOSTS, WEB, WEB_PODS } from './helpers.js';

const SIDECAR = sidecar(`  ingress:
  - port: { number: 9080, protocol: HTTP, name: http }
    defaultEndpoint: 127.0.0.1:8080
  - port: { number: 7070, name: probe }
  egress:
  - port: { number: 3306, protocol: TCP, name: tcp }
    bind: 127.0.0.1
    captureMode: NONE
    hosts: [./mysql.default.svc.cluster.local]
  - hosts: [./*, istio-system/*]
`);

describe('sidecar listeners golden', () => {
  it("matches productpage's reviewed listeners and inbound clusters", async () => {
    const t = await configFor('sidecar', {
      inline: [SIDECAR, MYSQL, WEB, TLS_HOSTS],
      workloads: [...MYSQL_PODS, ...WEB_PODS],
    });
    expectEncodable(t);
    const listeners = t.listeners.map((l) => toProto3Json('envoy.config.listener.v3.Listener', l));
    const inbound = t.clusters
      .filter((c) => c.name?.startsWith('inbound|'))
      .map((c) => toProto3Json('envoy.config.cluster.v3.Cluster', c));
    await expect(`${JSON.stringify({ listeners, inbound }, null, 2)}\n`).toMatchFileSnapshot(
      './__golden__/productpage-sidecar.json',
    );
    expect(t.messages).toEqual([]);
  });
});
