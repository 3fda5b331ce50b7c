// The mesh config the dev control plane reads from the `istio` ConfigMap (src/dev/mesh-config-map.ts), from real
// files: outboundTrafficPolicy.mode, enableEnvoyAccessLogService and defaultConfig.envoyAccessLogService.address,
// and the file:line diagnostics of values the translator cannot take.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFile } from '@minimesh/model';
import { afterAll, describe, expect, it } from 'vitest';
import { meshConfigOf } from '../src/dev/mesh-config-map.js';

const dir = mkdtempSync(join(tmpdir(), 'mesh-config-map-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
/** The ConfigMap with `mesh` as its data.mesh, written to a file and loaded; data.mesh is on line 7. */
async function meshOf(mesh: string) {
  const file = join(dir, `istio-${files++}.yaml`);
  const indented = mesh
    .split('\n')
    .map((l) => (l === '' ? l : `    ${l}`))
    .join('\n');
  writeFileSync(
    file,
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio\n  namespace: istio-system\ndata:\n  mesh: |-\n${indented}\n`,
  );
  const loaded = await loadFile(file);
  return { file, ...meshConfigOf(loaded.resources) };
}

describe('meshConfigOf: the access log service', () => {
  it('reads the switch and the address (istioctl install --set meshConfig.enableEnvoyAccessLogService=true)', async () => {
    const r = await meshOf(
      [
        'enableEnvoyAccessLogService: true',
        'defaultConfig:',
        '  discoveryAddress: istiod.istio-system.svc:15012',
        '  envoyAccessLogService:',
        '    address: 127.0.0.1:15010',
        'outboundTrafficPolicy:',
        '  mode: REGISTRY_ONLY',
      ].join('\n'),
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.mesh).toEqual({
      outboundTrafficPolicy: 'REGISTRY_ONLY',
      enableEnvoyAccessLogService: true,
      envoyAccessLogService: { address: '127.0.0.1:15010' },
    });
  });

  it.each([
    ['the switch alone', 'enableEnvoyAccessLogService: false', { enableEnvoyAccessLogService: false }],
    [
      'the address alone (a DNS name)',
      'defaultConfig:\n  envoyAccessLogService:\n    address: als.istio-system.svc:15000',
      { envoyAccessLogService: { address: 'als.istio-system.svc:15000' } },
    ],
    [
      'an IPv6 address',
      'defaultConfig:\n  envoyAccessLogService: { address: "[::1]:15010" }',
      {
        envoyAccessLogService: { address: '[::1]:15010' },
      },
    ],
    ['defaultConfig without the service', 'defaultConfig:\n  concurrency: 2', {}],
    ['neither', 'accessLogFile: /dev/stdout', {}],
  ])('%s', async (_, mesh, want) => {
    const r = await meshOf(mesh);
    expect(r.diagnostics).toEqual([]);
    expect(r.mesh).toEqual(want);
  });

  it.each([
    ['enableEnvoyAccessLogService: "yes"', 'enableEnvoyAccessLogService "yes": expected true or false'],
    ['enableEnvoyAccessLogService: 1', 'enableEnvoyAccessLogService 1: expected true or false'],
    ['defaultConfig: [a]', 'defaultConfig: expected a mapping (ProxyConfig)'],
    [
      'defaultConfig:\n  envoyAccessLogService: 127.0.0.1:15010',
      'defaultConfig.envoyAccessLogService: expected a mapping with an address (RemoteService)',
    ],
    [
      'defaultConfig:\n  envoyAccessLogService:\n    address: 127.0.0.1',
      'defaultConfig.envoyAccessLogService.address "127.0.0.1": expected HOST:PORT (IPv6 as [ADDR]:PORT, port 1-65535)',
    ],
    [
      'defaultConfig:\n  envoyAccessLogService:\n    address: 15010',
      'defaultConfig.envoyAccessLogService.address 15010: expected HOST:PORT (IPv6 as [ADDR]:PORT, port 1-65535)',
    ],
    [
      'enableEnvoyAccessLogService: true\ndefaultConfig:\n  envoyAccessLogService:\n    address: "localhost:99999"',
      'defaultConfig.envoyAccessLogService.address "localhost:99999": expected HOST:PORT (IPv6 as [ADDR]:PORT, port 1-65535)',
    ],
  ])('%s is an error at data.mesh, and nothing is taken', async (mesh, message) => {
    const r = await meshOf(mesh);
    expect(r.mesh).toEqual({});
    expect(r.diagnostics).toEqual([
      {
        code: 'MM_INVALID_VALUE',
        severity: 'error',
        file: r.file,
        line: 7,
        column: 9,
        path: ['data', 'mesh'],
        message,
        resource: 'ConfigMap istio-system/istio',
      },
    ]);
  });
});
