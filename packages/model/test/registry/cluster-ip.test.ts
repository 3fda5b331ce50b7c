// Cluster IPs for Services written without one: allocated as the API server would, stable and collision-free.
import { describe, expect, it } from 'vitest';
import { allocatedClusterIP, buildRegistry } from '../../src/registry/index.js';
import { yaml } from './support.js';

const service = (name: string, extra = '') => `apiVersion: v1
kind: Service
metadata: { name: ${name}, namespace: default }
spec: { ports: [{ port: 9000, name: tcp }]${extra} }
`;

const inRange = (ip: string): boolean => {
  const [a, b] = ip.split('.').map(Number);
  return a === 10 && b !== undefined && b >= 96 && b <= 111;
};

describe('allocated cluster IPs', () => {
  it('gives a Service without clusterIP an address in 10.96.0.0/12 that depends only on its name', () => {
    const one = buildRegistry(yaml(service('tcp-echo')));
    const two = buildRegistry(yaml(service('tcp-echo') + '---\n' + service('other')));
    const ip = one.service('tcp-echo.default.svc.cluster.local')?.clusterIP ?? '';
    expect(inRange(ip)).toBe(true);
    expect(ip).not.toMatch(/^10\.96\.0\.([0-9]|10)$/);
    // Adding a Service does not move the first one.
    expect(two.service('tcp-echo.default.svc.cluster.local')?.clusterIP).toBe(ip);
    expect(two.service('other.default.svc.cluster.local')?.clusterIP).not.toBe(ip);
  });

  it('keeps explicit cluster IPs, and leaves headless and ExternalName Services without one', () => {
    const reg = buildRegistry(
      yaml(
        [
          service('fixed', ', clusterIP: 10.0.0.42'),
          service('headless', ', clusterIP: None'),
          service('alias', ', type: ExternalName, externalName: example.com'),
        ].join('---\n'),
      ),
    );
    const fixed = reg.service('fixed.default.svc.cluster.local');
    expect(fixed?.clusterIP).toBe('10.0.0.42');
    expect(fixed?.clusterIPAllocated).toBeUndefined();
    expect(reg.service('headless.default.svc.cluster.local')?.clusterIP).toBeUndefined();
    expect(reg.service('alias.default.svc.cluster.local')?.clusterIP).toBeUndefined();
    expect(reg.service('alias.default.svc.cluster.local')?.addresses).toEqual([]);
  });

  it('re-hashes an address already taken by an explicit cluster IP', () => {
    const taken = allocatedClusterIP('default', 'late');
    const reg = buildRegistry(yaml(service('early', `, clusterIP: ${taken}`) + '---\n' + service('late')));
    expect(reg.service('early.default.svc.cluster.local')?.clusterIP).toBe(taken);
    const late = reg.service('late.default.svc.cluster.local');
    expect(late?.clusterIP).toBe(allocatedClusterIP('default', 'late', 1));
    expect(late?.addresses).toEqual([late?.clusterIP]);
    expect(Object.isFrozen(late)).toBe(true);
  });

  it('never gives two of 3,000 Services the same address', () => {
    const docs = Array.from({ length: 3000 }, (_, i) => service(`svc-${i}`)).join('---\n');
    const ips = buildRegistry(yaml(docs))
      .services()
      .map((s) => s.clusterIP);
    expect(new Set(ips).size).toBe(3000);
    expect(ips.every((ip) => ip !== undefined && inRange(ip))).toBe(true);
  });
});
