// More NACK paths, each checked at the control plane (proxyStatus shows NACK with the proxy's text, the ACKed
// version unchanged) and on the data path (the previous config still serves): a listener whose port cannot be
// bound, an EDS endpoint given by host name, overlapping filter chains, a TLS upstream, and recovery by a good push.

import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:net';
import { anyOf, TypeUrl } from '@minimesh/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, type Resources, send, startHarness, waitFor } from '../helpers/harness.js';
import {
  assignment,
  edsCluster,
  hcm,
  httpListener,
  routeConfig,
  routeTo,
  vhost,
} from '../helpers/resources.js';
import { startUpstream, type Upstream } from '../helpers/upstream.js';

let h: Harness;
let up: Upstream;
let blocker: Server;
let busyPort: number;
const port = () => h.proxy.listenerPort('l') ?? 0;

function good(): Resources {
  return {
    clusters: [edsCluster('svc')],
    endpoints: [assignment('svc', [up.port])],
    listeners: [httpListener('l', 9080, hcm({ rds: 'r' }))],
    routes: [routeConfig('r', [vhost('all', ['*'], [routeTo('svc')])])],
  };
}

function status(typeUrl: string) {
  return h.server.proxyStatus()[0]?.types.find((t) => t.typeUrl === typeUrl);
}

async function expectNack(typeUrl: string, text: RegExp): Promise<void> {
  await waitFor(() => status(typeUrl)?.status === 'NACK', 5_000, `NACK of ${typeUrl}`);
  expect(status(typeUrl)?.nackMessage).toMatch(text);
  expect((await send(port(), '/')).json().upstream).toBe('svc');
}

async function recover(): Promise<void> {
  await h.push(good());
  await waitFor(
    () => h.server.proxyStatus()[0]?.types.every((t) => t.status === 'SYNCED') === true,
    5_000,
    'SYNCED',
  );
}

beforeAll(async () => {
  up = await startUpstream('svc');
  blocker = createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
  busyPort = (blocker.address() as AddressInfo).port;
  h = await startHarness(good(), [9080], { 9999: busyPort });
}, 15_000);

afterAll(async () => {
  await h?.close();
  await up?.close();
  await new Promise<void>((r) => blocker.close(() => r()));
});

describe('NACKs', () => {
  it('NACKs a listener whose port is in use, keeping the other listeners', async () => {
    const r = good();
    r.listeners = [...(r.listeners ?? []), httpListener('blocked', 9999, hcm({ rds: 'r' }))];
    const acked = status(TypeUrl.LISTENER)?.ackedVersion;
    await h.push(r);
    await expectNack(
      TypeUrl.LISTENER,
      new RegExp(`^Listener "blocked": cannot bind 127\\.0\\.0\\.1:${busyPort}: .*EADDRINUSE`),
    );
    expect(status(TypeUrl.LISTENER)?.ackedVersion).toBe(acked);
    expect(h.proxy.listenerPort('blocked')).toBeUndefined();
    await recover();
  });
  it('NACKs an EDS endpoint given by host name', async () => {
    const r = good();
    r.endpoints = [assignment('svc', [up.port], 'localhost')];
    await h.push(r);
    await expectNack(
      TypeUrl.CLUSTER_LOAD_ASSIGNMENT,
      /^ClusterLoadAssignment "svc": endpoints\[0\]\.lb_endpoints\[0\]: "localhost" is not an IP address/,
    );
    await recover();
  });
  it('NACKs a listener with overlapping filter chains', async () => {
    const r = good();
    const l = httpListener('l', 9080, hcm({ rds: 'r' }));
    const chain = l.filter_chains?.[0];
    r.listeners = [{ ...l, filter_chains: chain === undefined ? [] : [chain, { ...chain, name: 'twin' }] }];
    await h.push(r);
    await expectNack(
      TypeUrl.LISTENER,
      /^Listener "l": filter_chains\[1\]: matching rules overlap with filter_chains\[0\]/,
    );
    await recover();
    expect(h.proxy.stats.value('listener_manager.lds.update_rejected')).toBe(2);
  });

  it('NACKs a cluster with a TLS transport socket (plaintext upstreams only), keeping the old cluster', async () => {
    const r = good();
    const c = edsCluster('svc');
    r.clusters = [
      {
        ...c,
        transport_socket: {
          name: 'envoy.transport_sockets.tls',
          typed_config: anyOf(TypeUrl.UPSTREAM_TLS_CONTEXT, { sni: 'svc.example' }),
        },
      },
    ];
    await h.push(r);
    await expectNack(
      TypeUrl.CLUSTER,
      /transport_socket type\.googleapis\.com\/envoy\.extensions\.transport_sockets\.tls\.v3\.UpstreamTlsContext is not supported: this proxy connects to upstreams in plaintext only/,
    );
    await recover();
  });
});
