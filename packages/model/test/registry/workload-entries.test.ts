// WorkloadEntries and ServiceEntries as endpoints: workloadSelector, inline endpoints, DNS hosts, and Kubernetes
// Services selecting WorkloadEntries.
import { describe, expect, it } from 'vitest';
import { buildRegistry } from '../../src/registry/index.js';
import { endpointsOf, pod, yaml } from './support.js';

describe('WorkloadEntries and ServiceEntries', () => {
  const resources = () =>
    yaml(`
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: vm-svc, namespace: vms }
spec:
  hosts: [mysql.vms.internal]
  location: MESH_INTERNAL
  ports: [{ number: 3306, name: mysql, protocol: MySQL, targetPort: 13306 }, { number: 9100, name: metrics, protocol: HTTP }]
  resolution: STATIC
  workloadSelector: { labels: { app: mysql } }
---
apiVersion: networking.istio.io/v1
kind: WorkloadEntry
metadata: { name: mysql-vm-1, namespace: vms, labels: { version: v1 } }
spec:
  address: 192.168.10.1
  labels: { app: mysql, version: v0 }
  ports: { mysql: 3307 }
  serviceAccount: mysql
  network: vm-network
  locality: us-east1/us-east1-b/rack7
  weight: 5
---
apiVersion: networking.istio.io/v1
kind: WorkloadEntry
metadata: { name: mysql-vm-2, namespace: vms }
spec: { address: 192.168.10.2, labels: { app: mysql, istio-locality: eu-west1.eu-west1-a } }
---
apiVersion: networking.istio.io/v1
kind: WorkloadEntry
metadata: { name: mysql-elsewhere, namespace: other }
spec: { address: 192.168.10.3, labels: { app: mysql } }
---
${pod('mysql-pod', '10.0.5.5', { app: 'mysql' }, { namespace: 'vms' })}
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: inline, namespace: vms }
spec:
  hosts: [a.inline.internal, b.inline.internal]
  ports: [{ number: 80, name: http, protocol: HTTP, targetPort: 8080 }, { number: 81, name: admin, protocol: HTTP }]
  resolution: STATIC
  endpoints:
    - { address: 10.1.0.1, ports: { admin: 9091 }, labels: { zone: a } }
    - { address: 10.1.0.2 }
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: sock, namespace: vms }
spec:
  hosts: [sock.internal]
  ports: [{ number: 80, name: http, protocol: HTTP }]
  resolution: STATIC
  endpoints: [{ address: "unix:///var/run/app.sock" }]
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: dns, namespace: vms }
spec:
  hosts: [api.example.com]
  ports: [{ number: 443, name: https, protocol: HTTPS }]
  resolution: DNS
`);

  it('a ServiceEntry workloadSelector selects WorkloadEntries and pods of its namespace', () => {
    const reg = buildRegistry(resources());
    expect(endpointsOf(reg, 'mysql.vms.internal', 3306)).toEqual([
      'mysql-pod@10.0.5.5:13306',
      'mysql-vm-1@192.168.10.1:3307',
      'mysql-vm-2@192.168.10.2:13306',
    ]);
    expect(endpointsOf(reg, 'mysql.vms.internal', 9100)).toEqual([
      'mysql-pod@10.0.5.5:9100',
      'mysql-vm-1@192.168.10.1:9100',
      'mysql-vm-2@192.168.10.2:9100',
    ]);
  });

  it('a WorkloadEntry instance: metadata labels over spec labels, network, locality, weight, identity', () => {
    const reg = buildRegistry(resources());
    const vm1 = reg.instances().find((i) => i.name === 'mysql-vm-1');
    expect(vm1).toMatchObject({
      source: 'workloadentry',
      namespace: 'vms',
      address: '192.168.10.1',
      labels: { app: 'mysql', version: 'v1' },
      serviceAccount: 'mysql',
      network: 'vm-network',
      locality: 'us-east1/us-east1-b/rack7',
      weight: 5,
      origin: 'networking.istio.io/WorkloadEntry/vms/mysql-vm-1',
    });
    const vm2 = reg.instances().find((i) => i.name === 'mysql-vm-2');
    expect(vm2).toMatchObject({ locality: 'eu-west1/eu-west1-a', weight: 1, network: '' });
  });

  it('inline endpoints back every host of the entry; port from endpoint ports, else targetPort, else number', () => {
    const reg = buildRegistry(resources());
    expect(endpointsOf(reg, 'a.inline.internal', 80)).toEqual([
      'inline-0@10.1.0.1:8080',
      'inline-1@10.1.0.2:8080',
    ]);
    expect(endpointsOf(reg, 'b.inline.internal', 81)).toEqual([
      'inline-0@10.1.0.1:9091',
      'inline-1@10.1.0.2:81',
    ]);
    expect(endpointsOf(reg, 'sock.internal', 80)).toEqual(['sock-0@unix:///var/run/app.sock:0']);
    expect(reg.endpointsFor('a.inline.internal', 80, { zone: 'a' })).toHaveLength(1);
  });

  it('a DNS ServiceEntry without endpoints resolves its own host', () => {
    const reg = buildRegistry(resources());
    const eps = reg.endpointsFor('api.example.com', 443);
    expect(eps.map((e) => [e.address, e.port, e.instance.source])).toEqual([['api.example.com', 443, 'dns']]);
  });

  it('a Kubernetes Service selects WorkloadEntries too, honouring their named ports', () => {
    const reg = buildRegistry([
      ...resources(),
      ...yaml(`
apiVersion: v1
kind: Service
metadata: { name: mysql, namespace: vms }
spec:
  selector: { app: mysql }
  ports: [{ name: mysql, port: 3306, targetPort: 3306 }, { name: admin, port: 8080, targetPort: mysql }]
`),
    ]);
    expect(endpointsOf(reg, 'mysql.vms.svc.cluster.local', 3306)).toEqual([
      'mysql-pod@10.0.5.5:3306',
      'mysql-vm-1@192.168.10.1:3307',
      'mysql-vm-2@192.168.10.2:3306',
    ]);
    expect(endpointsOf(reg, 'mysql.vms.svc.cluster.local', 8080)).toEqual(['mysql-vm-1@192.168.10.1:3307']);
  });
});
