// Services and ServiceEntries: IST0118 (port name defeats protocol detection), IST0134 (TCP ServiceEntry port
// without addresses).
import { describe, expect, it } from 'vitest';
import { analyzeYaml } from './helpers.js';

const service = (port: string): string => `apiVersion: v1
kind: Service
metadata: { name: web, namespace: default }
spec:
  selector: { app: web }
  ports:
  - ${port}
`;

describe('IST0118 port name not under naming convention', () => {
  it('reports a port whose name tells no protocol, at the port', () => {
    expect(analyzeYaml(service('{ name: web, port: 80, targetPort: 8080 }'), 'IST0118')).toEqual([
      "Info [IST0118] (Service default/web x.yaml:7) Port name web (port: 80, targetPort: 8080) doesn't follow the naming convention of Istio port.",
    ]);
  });

  it('reports an unnamed port, with the port as targetPort when absent', () => {
    expect(analyzeYaml(service('{ port: 8000 }'), 'IST0118')).toEqual([
      "Info [IST0118] (Service default/web x.yaml:7) Port name  (port: 8000, targetPort: 8000) doesn't follow the naming convention of Istio port.",
    ]);
  });

  it('accepts a protocol prefix, appProtocol, and server-first ports', () => {
    expect(analyzeYaml(service('{ name: http-web, port: 80 }'), 'IST0118')).toEqual([]);
    expect(analyzeYaml(service('{ name: web, port: 80, appProtocol: http }'), 'IST0118')).toEqual([]);
    expect(analyzeYaml(service('{ name: db, port: 3306 }'), 'IST0118')).toEqual([]);
  });
});

describe('IST0134 ServiceEntry addresses required', () => {
  const entry = (addresses: string, protocol: string): string => `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: db, namespace: default }
spec:
  hosts: [db.example.com]${addresses}
  location: MESH_EXTERNAL
  resolution: DNS
  ports:
  - { number: 5432, name: tcp-db${protocol} }
`;

  it('reports a TCP or protocol-less port without addresses, at the port', () => {
    const expected = [
      'Warning [IST0134] (ServiceEntry default/db x.yaml:9) ServiceEntry addresses are required for this protocol.',
    ];
    expect(analyzeYaml(entry('', ', protocol: TCP'), 'IST0134')).toEqual(expected);
    expect(analyzeYaml(entry('', ''), 'IST0134')).toEqual(expected);
  });

  it('accepts addresses, or a protocol told by other means (HTTP, TLS SNI)', () => {
    expect(analyzeYaml(entry('\n  addresses: [240.0.0.1]', ', protocol: TCP'), 'IST0134')).toEqual([]);
    expect(analyzeYaml(entry('', ', protocol: TLS'), 'IST0134')).toEqual([]);
  });
});
