// Istio's bookinfo sample: bookinfo.yaml plus each file of networking/, with a workload for every Deployment
// version and the ingress gateway (as `mesh dev` runs them). Every message is listed and explained; each is one
// istioctl analyze reports too, except where noted (IST0173, which we judge more strictly).
import { readdirSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRegistry, type LoadedResource, loadFile, loadManifests } from '@minimesh/model';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/analyze.js';
import { INGRESS_SERVICE, WORKLOADS } from '../route/fixtures.js';

// Relative to the package directory (vitest's cwd), so file names in messages are the same on every machine.
const SAMPLES = relative(
  process.cwd(),
  fileURLToPath(new URL('../../../../../shared/istio-samples/samples/bookinfo/', import.meta.url)),
);
const NETWORKING = `${SAMPLES}/networking`;

async function load(path: string): Promise<LoadedResource[]> {
  const r = await loadFile(path);
  if (r.errors.length > 0) throw new Error(`${path}: ${JSON.stringify(r.errors)}`);
  return r.resources;
}

/** `Severity CODE line` of every message about `file`, and the count of messages about other files. */
async function analyzeWith(files: readonly string[]): Promise<string[]> {
  const resources = [
    ...(await load(`${SAMPLES}/platform/kube/bookinfo.yaml`)),
    ...loadManifests(INGRESS_SERVICE, { file: 'ingress.yaml' }).resources,
  ];
  for (const f of files) resources.push(...(await load(`${NETWORKING}/${f}`)));
  return analyze(buildRegistry(resources, { workloads: WORKLOADS })).map(
    (m) => `${m.severity} ${m.code} ${m.file?.slice(NETWORKING.length + 1)}:${m.line}`,
  );
}

/** A VirtualService file applied without DestinationRules: its subsets are not defined (IST0101 each). */
const subsets = (file: string, ...lines: number[]): string[] =>
  lines.map((line) => `Error IST0101 ${file}:${line}`);

/**
 * Every message per networking file. Those Istio reports too:
 * - IST0101 subsets: the virtual-service-* files route to subsets that destination-rule-all.yaml defines; the
 *   samples apply that file first. On their own, istioctl analyze reports each subset the same way.
 * - IST0101 certmanager: the challenge VirtualService routes to cert-manager-resolver, a Service cert-manager
 *   creates at run time, absent from the sample.
 * - IST0129: the google-apis egress rule originates TLS (SIMPLE) without caCertificates.
 * - IST0130: fault-injection-details-v1 has two rules without matches; the second is never used.
 * Stricter than Istio:
 * - IST0173 on the `v2` subsets of ratings and details: bookinfo.yaml has no ratings-v2 or details-v2 Deployment.
 *   Istio matches subset labels against every pod, and reviews-v2 carries `version: v2`, so it reports only
 *   v2-mysql and v2-mysql-vm; we match against the service's own endpoints, which is what the cluster gets.
 */
const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  'bookinfo-gateway.yaml': [],
  'certmanager-gateway.yaml': ['Error IST0101 certmanager-gateway.yaml:33'],
  'destination-rule-all-mtls.yaml': [48, 51, 54, 71].map(
    (l) => `Error IST0173 destination-rule-all-mtls.yaml:${l}`,
  ),
  'destination-rule-all.yaml': [39, 42, 45, 59].map((l) => `Error IST0173 destination-rule-all.yaml:${l}`),
  'destination-rule-reviews.yaml': [],
  'egress-rule-google-apis.yaml': ['Warning IST0129 egress-rule-google-apis.yaml:46'],
  'fault-injection-details-v1.yaml': ['Warning IST0130 fault-injection-details-v1.yaml:18'],
  'virtual-service-all-v1.yaml': subsets('virtual-service-all-v1.yaml', 12, 25, 38, 51),
  'virtual-service-details-v2.yaml': subsets('virtual-service-details-v2.yaml', 12),
  'virtual-service-ratings-db.yaml': subsets('virtual-service-ratings-db.yaml', 12, 25),
  'virtual-service-ratings-mysql-vm.yaml': subsets('virtual-service-ratings-mysql-vm.yaml', 12, 25),
  'virtual-service-ratings-mysql.yaml': subsets('virtual-service-ratings-mysql.yaml', 12, 25),
  'virtual-service-ratings-test-abort.yaml': subsets('virtual-service-ratings-test-abort.yaml', 21, 25),
  'virtual-service-ratings-test-delay.yaml': subsets('virtual-service-ratings-test-delay.yaml', 21, 25),
  'virtual-service-reviews-50-v3.yaml': subsets('virtual-service-reviews-50-v3.yaml', 12, 16),
  'virtual-service-reviews-80-20.yaml': subsets('virtual-service-reviews-80-20.yaml', 12, 16),
  'virtual-service-reviews-90-10.yaml': subsets('virtual-service-reviews-90-10.yaml', 12, 16),
  'virtual-service-reviews-jason-v2-v3.yaml': subsets('virtual-service-reviews-jason-v2-v3.yaml', 16, 20),
  'virtual-service-reviews-test-v2.yaml': subsets('virtual-service-reviews-test-v2.yaml', 16, 20),
  'virtual-service-reviews-v2-v3.yaml': subsets('virtual-service-reviews-v2-v3.yaml', 12, 16),
  'virtual-service-reviews-v3.yaml': subsets('virtual-service-reviews-v3.yaml', 12),
};

const FILES = readdirSync(NETWORKING)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('bookinfo', () => {
  it('has an expectation for every networking file', () => {
    expect(FILES).toEqual(Object.keys(EXPECTED).sort());
  });

  it('analyzes bookinfo.yaml alone without any message', async () => {
    expect(await analyzeWith([])).toEqual([]);
  });

  it.each(FILES)('bookinfo.yaml + %s gives exactly the expected messages', async (file) => {
    expect(await analyzeWith([file])).toEqual(EXPECTED[file]);
  });

  it.each(FILES.filter((f) => f.startsWith('virtual-service-')))(
    'bookinfo.yaml + destination-rule-all.yaml + %s: every subset is defined',
    async (file) => {
      const messages = await analyzeWith(['destination-rule-all.yaml', file]);
      expect(messages).toEqual(EXPECTED['destination-rule-all.yaml']);
    },
  );
});
