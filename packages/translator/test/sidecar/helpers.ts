// Sidecar listener test inputs (Sidecar egress / ingress resources, a sniffed service, TLS ServiceEntries sharing
// 443) and call helpers: the listener step's options (`direction`, `protocol`) ride on a SimulatedCall.
import { encode } from '@minimesh/model';
import { expect } from 'vitest';
import type { ListenerCall } from '../../src/simulate/listener-select.js';
import type { SimulatedCall } from '../../src/simulate/types.js';
import type { Translation } from '../../src/translate.js';

/** A call with the listener step's options (a ListenerCall is a SimulatedCall). */
export const call = (c: ListenerCall): SimulatedCall => c;
/** A peer calling the workload: through virtualInbound (or an ingress port's own listener). */
export const inbound = (c: ListenerCall): ListenerCall => ({ ...c, direction: 'inbound' });
/** Raw TCP bytes (the HTTP inspector finds no HTTP). */
export const tcp = (c: ListenerCall): ListenerCall => ({ ...c, protocol: 'tcp' });
/** HTTP/2 without TLS (prior knowledge): the HTTP inspector reports h2c. */
export const h2c = (c: ListenerCall): ListenerCall => ({ ...c, protocol: 'h2c' });

/** A Sidecar for productpage in `default`. */
export const sidecar = (spec: string): string => `apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: { name: productpage, namespace: default }
spec:
  workloadSelector: { labels: { app: productpage } }
${spec}`;

export const MYSQL = `apiVersion: v1
kind: Service
metadata: { name: mysql, namespace: default }
spec: { clusterIP: 10.96.0.12, ports: [{ port: 3306, name: tcp }], selector: { app: mysql } }
`;
export const MYSQL_PODS = [{ name: 'mysql-v1-abc', address: '10.0.0.20', labels: { app: 'mysql' } }];

/** A Service whose port name says no protocol: Istio sniffs it. */
export const WEB = `apiVersion: v1
kind: Service
metadata: { name: web, namespace: default }
spec: { clusterIP: 10.96.0.30, ports: [{ port: 8000, name: web }], selector: { app: web } }
`;
export const WEB_PODS = [{ name: 'web-abc', address: '10.0.0.30', labels: { app: 'web' } }];

/** Two TLS ServiceEntries without addresses on 443: only SNI tells them apart. */
export const TLS_HOSTS = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: tls-a, namespace: default }
spec:
  hosts: [a.example.com]
  location: MESH_EXTERNAL
  ports: [{ number: 443, name: tls, protocol: TLS }]
  resolution: DNS
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: https-b, namespace: default }
spec:
  hosts: [b.example.com]
  location: MESH_EXTERNAL
  ports: [{ number: 443, name: https, protocol: HTTPS }]
  resolution: DNS
`;

/** Every resource of a translation strictly encodes. */
export function expectEncodable(t: Translation): void {
  for (const l of t.listeners) expect(() => encode('envoy.config.listener.v3.Listener', l)).not.toThrow();
  for (const c of t.clusters) expect(() => encode('envoy.config.cluster.v3.Cluster', c)).not.toThrow();
  for (const r of t.routes) expect(() => encode('envoy.config.route.v3.RouteConfiguration', r)).not.toThrow();
}
