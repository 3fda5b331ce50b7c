import { describe, expect, it } from 'vitest';
import {
  workloadEntryKind,
  workloadEntrySchema,
  workloadGroupKind,
  workloadGroupSchema,
} from '../../../src/schema/istio/index.js';
import { fullWorkloadEntry, fullWorkloadGroup } from './fixtures.js';
import {
  expectIssues,
  expectValid,
  invalidType,
  invalidValue,
  missingField,
  resource,
  unknownField,
} from './helpers.js';

const we = (spec: unknown) => resource('WorkloadEntry', spec);
const wg = (spec: unknown) => resource('WorkloadGroup', spec);

describe('WorkloadEntry', () => {
  it('accepts every field of the API, IPs, DNS names, unix sockets and network-only entries', () => {
    expectValid(workloadEntrySchema, we(fullWorkloadEntry));
    expectValid(workloadEntrySchema, we({ address: '2001:db8::1', ports: { http: 80 } }));
    expectValid(workloadEntrySchema, we({ address: 'unix://@abstract-socket' }));
    expectValid(workloadEntrySchema, we({ network: 'remote', labels: { app: 'x' } }));
    expect(workloadEntryKind.versions).toEqual(['v1', 'v1beta1', 'v1alpha3']);
  });

  it('checks the address, ports and labels', () => {
    expectIssues(workloadEntrySchema, we({ labels: { app: 'x' } }), [
      invalidValue(
        ['spec', 'address'],
        'expected an address (or a network, for a workload reached through its network gateway)',
      ),
    ]);
    expectIssues(workloadEntrySchema, we({ address: 'unix://var/run/x.sock/', ports: { http: 80 } }), [
      invalidValue(
        ['spec', 'address'],
        'expected a unix socket address: "var/run/x.sock/" is not an absolute path to a file',
      ),
      invalidValue(['spec', 'ports'], 'expected no ports on a unix socket endpoint'),
    ]);
    expectIssues(
      workloadEntrySchema,
      we({ address: 'not an address', ports: { 'http web': 80, grpc: 0 }, labels: { 'a b': 'c' } }),
      [
        invalidValue(['spec', 'address'], 'expected an IP address or DNS name, got "not an address"'),
        invalidValue(
          ['spec', 'ports', 'http web'],
          'expected a port name that is a DNS-1123 label, got "http web"',
        ),
        invalidValue(['spec', 'ports', 'grpc'], 'expected a port number from 1 to 65535, got 0'),
        invalidValue(
          ['spec', 'labels', 'a b'],
          'expected a label key: its name is not alphanumerics, "-", "_" and "." between alphanumerics, got "a b"',
        ),
      ],
    );
    expectIssues(
      workloadEntrySchema,
      we({ address: '10.0.0.1', weight: -1, serviceAccount: 'x'.repeat(254) }),
      [
        invalidValue(['spec', 'weight'], 'expected a whole number from 0 to 4294967295, got -1'),
        invalidValue(['spec', 'serviceAccount'], 'expected at most 253 characters'),
      ],
    );
  });
});

describe('WorkloadGroup', () => {
  it('accepts every field of the API and each probe method', () => {
    expectValid(workloadGroupSchema, wg(fullWorkloadGroup));
    expectValid(workloadGroupSchema, wg({ template: {}, probe: { tcpSocket: { port: 3306 } } }));
    expectValid(
      workloadGroupSchema,
      wg({ template: {}, probe: { exec: { command: ['cat', '/tmp/ready'] } } }),
    );
    expect(workloadGroupKind.kind).toBe('WorkloadGroup');
  });

  it('requires the template and checks it', () => {
    expectIssues(workloadGroupSchema, wg({ metadata: { labels: { app: 'a' } } }), [
      missingField(['spec', 'template'], 'required field is missing: expected an object (a map of fields)'),
    ]);
    expectIssues(
      workloadGroupSchema,
      wg({ template: { address: 'unix:///s.sock', ports: { http: 8080 }, adress: 'x' } }),
      [
        unknownField(['spec', 'template', 'adress'], 'address'),
        invalidValue(['spec', 'template', 'ports'], 'expected no ports on a unix socket endpoint'),
      ],
    );
  });

  it('checks the probe: one method (grpc is not accepted by Istio yet), ports, headers, counts', () => {
    const probe = (p: unknown) => wg({ template: {}, probe: p });
    const at = ['spec', 'probe'];
    expectIssues(workloadGroupSchema, probe({ periodSeconds: 5 }), [
      invalidValue(at, 'expected exactly one of httpGet, tcpSocket, exec, grpc, got none'),
    ]);
    expectIssues(workloadGroupSchema, probe({ httpGet: { port: 80 }, tcpSocket: { port: 80 } }), [
      invalidValue(at, 'expected exactly one of httpGet, tcpSocket, exec, grpc, got httpGet and tcpSocket'),
    ]);
    expectIssues(workloadGroupSchema, probe({ grpc: { port: 9090 } }), [
      invalidValue(
        [...at, 'grpc'],
        'expected httpGet, tcpSocket or exec: Istio does not accept grpc readiness probes yet',
      ),
    ]);
    expectIssues(
      workloadGroupSchema,
      probe({
        httpGet: { port: 0, scheme: 'FTP', httpHeaders: [{ name: 'X_Bad', value: '1' }] },
        failureThreshold: -1,
      }),
      [
        invalidValue([...at, 'httpGet', 'port'], 'expected a port number from 1 to 65535, got 0'),
        invalidValue([...at, 'httpGet', 'scheme'], 'expected one of "", "HTTP", "HTTPS", got "FTP"'),
        invalidValue(
          [...at, 'httpGet', 'httpHeaders', 0, 'name'],
          'expected a header name of letters, digits and "-", got "X_Bad"',
        ),
        invalidValue([...at, 'failureThreshold'], 'expected a whole number that is not negative, got -1'),
      ],
    );
    expectIssues(workloadGroupSchema, probe({ exec: { command: [] } }), [
      invalidValue([...at, 'exec', 'command'], 'expected a command to run'),
    ]);
    expectIssues(workloadGroupSchema, probe({ tcpSocket: { port: '3306' } }), [
      invalidType([...at, 'tcpSocket', 'port'], 'expected a number, got "3306"'),
    ]);
  });
});
