// Gateways: IST0101 (selector matches no workload), IST0162 (server port not on the gateway Service), IST0145
// (two Gateways serving the same host on the same port of the same workloads).
import { describe, expect, it } from 'vitest';
import { analyzeYaml } from './helpers.js';

const gateway = (
  name: string,
  selector: string,
  port: number,
  host = "'*'",
): string => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: ${name}, namespace: istio-system }
spec:
  selector:
    istio: ${selector}
  servers:
  - port: { number: ${port}, name: http, protocol: HTTP }
    hosts: [${host}]
`;

describe('IST0101 gateway selector', () => {
  it('reports a selector that matches no workload, at the selector label', () => {
    expect(analyzeYaml(gateway('gw', 'egressgateway', 8080), 'IST0101')).toEqual([
      'Error [IST0101] (Gateway istio-system/gw x.yaml:6) Referenced selector not found: "istio=egressgateway"',
    ]);
  });

  it('accepts a selector that matches a workload', () => {
    expect(analyzeYaml(gateway('gw', 'ingressgateway', 8080), 'IST0101')).toEqual([]);
  });
});

describe('IST0162 gateway port not defined on service', () => {
  it('reports a server port that is neither a port nor a targetPort of the Service, at the port', () => {
    expect(analyzeYaml(gateway('gw', 'ingressgateway', 9999), 'IST0162')).toEqual([
      'Warning [IST0162] (Gateway istio-system/gw x.yaml:8) The gateway is listening on a target port (port 9999) that is not defined in the Service associated with its workload instances (Pod selector istio=ingressgateway). If you need to access the gateway port through the gateway Service, it will not be available.',
    ]);
  });

  it('accepts the targetPort and the service port', () => {
    expect(analyzeYaml(gateway('gw', 'ingressgateway', 8080), 'IST0162')).toEqual([]);
    expect(analyzeYaml(gateway('gw', 'ingressgateway', 80), 'IST0162')).toEqual([]);
  });

  it('does not judge ports of a gateway without workloads (that is IST0101)', () => {
    expect(analyzeYaml(gateway('gw', 'egressgateway', 9999), 'IST0162')).toEqual([]);
  });
});

describe('IST0145 conflicting gateways', () => {
  it('reports both Gateways serving one host on one port of the same workloads', () => {
    const text = `${gateway('a', 'ingressgateway', 8080, 'bookinfo.example.com')}---\n${gateway('b', 'ingressgateway', 8080, 'bookinfo.example.com')}`;
    expect(analyzeYaml(text, 'IST0145')).toEqual([
      'Error [IST0145] (Gateway istio-system/a x.yaml:8) Conflict with gateways istio-system/b (workload selector istio=ingressgateway, port 8080, hosts bookinfo.example.com).',
      'Error [IST0145] (Gateway istio-system/b x.yaml:18) Conflict with gateways istio-system/a (workload selector istio=ingressgateway, port 8080, hosts bookinfo.example.com).',
    ]);
  });

  it('accepts different hosts or different ports', () => {
    const hosts = `${gateway('a', 'ingressgateway', 8080, 'a.example.com')}---\n${gateway('b', 'ingressgateway', 8080, 'b.example.com')}`;
    const ports = `${gateway('a', 'ingressgateway', 8080)}---\n${gateway('b', 'ingressgateway', 80)}`;
    expect(analyzeYaml(hosts, 'IST0145')).toEqual([]);
    expect(analyzeYaml(ports, 'IST0145')).toEqual([]);
  });
});
