// `mesh explain`: a request through a planned proxy, simulated over its translated config, over Istio's bookinfo
// samples and examples/bookinfo, through explainCommand()/explainRequest() and through the built binary.
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../src/dev/load-inputs.js';
import { explainCommand, explainRequest, parseHeaders } from '../src/index.js';
import { ISTIO_BOOKINFO, ISTIO_NETWORKING, MANIFESTS, mesh, OUR_NETWORKING } from './offline-fixtures.js';

const C = (svc: string, subset = '') => `outbound|9080|${subset}|${svc}.default.svc.cluster.local`;
const istio = (...files: string[]) => [
  ISTIO_BOOKINFO,
  `${ISTIO_NETWORKING}/destination-rule-all.yaml`,
  ...files.map((f) => `${ISTIO_NETWORKING}/${f}`),
];
const TEST_V2 = `${ISTIO_NETWORKING}/virtual-service-reviews-test-v2.yaml`;
const REVIEWS = 'http://reviews:9080/reviews/0';

describe('explainCommand', () => {
  it('sends jason to v2 and names the VirtualService file:line behind the route', async () => {
    const out = await explainCommand({
      files: istio('virtual-service-reviews-test-v2.yaml'),
      proxy: 'productpage-v1',
      url: REVIEWS,
      headers: ['end-user: jason'],
    });
    expect(out.exitCode).toBe(0);
    expect(out.explanation?.result).toMatchObject({
      outcome: 'routed',
      cluster: C('reviews', 'v2'),
      config: { kind: 'VirtualService', name: 'reviews', file: TEST_V2, line: 9 },
    });
    expect(out.stdout).toContain(`from VirtualService default/reviews http[0] (${TEST_V2}:9)`);
    expect(out.stdout).toContain(`to ${C('reviews', 'v2')} -> `);
    expect(out.stdout.split('\n')[0]).toBe(
      "GET http://reviews:9080/reviews/0 (port 9080) -H 'end-user: jason'",
    );
  });

  it('says why the jason route did not match another user', async () => {
    const out = await explainCommand({
      files: istio('virtual-service-reviews-test-v2.yaml'),
      proxy: 'productpage',
      url: REVIEWS,
      headers: ['end-user:alice'],
    });
    expect(out.explanation?.result.cluster).toBe(C('reviews', 'v1'));
    expect(out.stdout).toMatch(/not matched:\n\s+route 0: header end-user: exact "jason" != "alice"/);
  });

  it('gives weighted destinations as probabilities, and --random picks the other side', async () => {
    const files = istio('virtual-service-reviews-50-v3.yaml');
    const first = await explainCommand({ files, proxy: 'productpage-v1', url: REVIEWS });
    expect(first.stdout).toMatch(
      /50%\s+outbound\|9080\|v1\|reviews\.default\.svc\.cluster\.local {2}<- this request/,
    );
    expect(first.stdout).toMatch(/50%\s+outbound\|9080\|v3\|reviews\.default\.svc\.cluster\.local\n/);
    const other = await explainCommand({ files, proxy: 'productpage-v1', url: REVIEWS, random: 75 });
    expect(other.explanation?.result.cluster).toBe(C('reviews', 'v3'));
  });

  it("shows the 7 s delay of Istio's fault-injection task for jason only", async () => {
    const files = istio(
      'virtual-service-all-v1.yaml',
      'virtual-service-reviews-test-v2.yaml',
      'virtual-service-ratings-test-delay.yaml',
    );
    const jason = await explainCommand({
      files,
      proxy: 'reviews-v2',
      url: 'http://ratings:9080/ratings/0',
      headers: ['end-user: jason'],
    });
    expect(jason.explanation?.result.fault?.delay).toEqual({ fixedDelay: '7s', percent: 100, applies: true });
    expect(jason.stdout).toContain('fault delay 7s (100%): applied');
    const other = await explainCommand({ files, proxy: 'reviews-v2', url: 'http://ratings:9080/ratings/0' });
    expect(other.explanation?.result.fault).toBeUndefined();
  });

  it("aborts jason's ratings calls with 500 with the abort task's file", async () => {
    const out = await explainCommand({
      files: istio('virtual-service-ratings-test-abort.yaml'),
      proxy: 'reviews-v3',
      url: 'http://ratings:9080/ratings/0',
      headers: ['end-user: jason'],
    });
    expect(out.explanation?.result).toMatchObject({
      outcome: 'fault_abort',
      status: 500,
      responseFlag: 'FI',
    });
    expect(out.stdout.split('\n')[3]).toBe('aborted by fault injection 500 [FI]');
  });

  it("reports examples/bookinfo's 0.5 s reviews timeout", async () => {
    const out = await explainCommand({
      files: [
        MANIFESTS,
        `${OUR_NETWORKING}/destination-rule-all.yaml`,
        `${OUR_NETWORKING}/request-timeouts/virtual-service-reviews-timeout.yaml`,
      ],
      proxy: 'productpage-v1',
      url: REVIEWS,
    });
    expect(out.explanation?.result.timeout).toBe('0.500s');
    expect(out.stdout).toMatch(/timeout 0\.500s/);
  });

  it('explains a request to the gateway, and a path it does not route (404, NR)', async () => {
    const page = await explainCommand({
      files: [MANIFESTS],
      proxy: 'istio-ingressgateway',
      gateway: true,
      url: 'http://localhost:8080/productpage',
    });
    expect(page.explanation?.result).toMatchObject({
      outcome: 'routed',
      listener: '0.0.0.0_8080',
      routeConfig: 'http.8080',
      cluster: C('productpage'),
    });
    const other = await explainCommand({
      files: [MANIFESTS],
      proxy: 'bookinfo-gateway',
      gateway: true,
      url: 'http://localhost:8080/admin',
    });
    expect(other.explanation?.result).toMatchObject({ outcome: 'no_route', responseFlag: 'NR', status: 404 });
  });

  it('passes an unknown host through (ALLOW_ANY) and prints JSON with --json', async () => {
    const out = await explainCommand({
      files: [MANIFESTS],
      proxy: 'productpage-v1',
      url: 'http://example.org:9999/',
      json: true,
    });
    const parsed = JSON.parse(out.stdout) as {
      result: { outcome: string };
      instance: { workloadName: string };
      call: { port: number };
    };
    expect(parsed.result.outcome).toBe('passthrough');
    expect(parsed.instance.workloadName).toBe('productpage-v1');
    expect(parsed.call.port).toBe(9999);
  });

  it('rejects a bad header, a bad URL and an unknown proxy with clear messages', async () => {
    const base = { files: [MANIFESTS], proxy: 'productpage-v1', url: REVIEWS };
    expect((await explainCommand({ ...base, headers: ['no-colon'] })).stderr.at(-1)).toBe(
      'mesh explain: -H "no-colon": expected name:value with a header name before the colon',
    );
    expect((await explainCommand({ ...base, url: 'reviews' })).stderr.at(-1)).toMatch(
      /"reviews" is not a URL/,
    );
    const unknown = await explainCommand({ ...base, proxy: 'ghost' });
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr.at(-1)).toMatch(/--proxy ghost: no workload matches/);
  });

  it('takes loaded resources directly (what a running mesh will feed it)', async () => {
    const { resources } = await loadInputs([MANIFESTS]);
    const e = explainRequest(resources, { proxy: 'productpage-v1', url: 'http://details:9080/details/0' });
    expect(e.result.cluster).toBe(C('details'));
    expect(e.call.address).toMatch(/^10\.\d+\.\d+\.\d+$/); // the Service's VIP, as DNS would answer
    expect(parseHeaders(['A: 1', 'a:2'])).toEqual({ a: '1,2' });
  });
});

describe('mesh explain (binary)', () => {
  it('picks the v2 cluster for -H end-user:jason and names the VirtualService file:line', async () => {
    const r = await mesh([
      'explain',
      '-f',
      ISTIO_BOOKINFO,
      '-f',
      `${ISTIO_NETWORKING}/destination-rule-all.yaml`,
      '-f',
      TEST_V2,
      'productpage-v1',
      REVIEWS,
      '-H',
      'end-user:jason',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`to ${C('reviews', 'v2')}`);
    expect(r.stdout).toContain(`(${TEST_V2}:9)`);
  });

  it('exits 1 for a wrong number of arguments, and has --help', async () => {
    const bad = await mesh(['explain', '-f', MANIFESTS, REVIEWS]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('mesh explain: expected PROXY URL, got 1 argument(s)');
    const help = await mesh(['explain', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(
      /Usage: mesh explain \[options\] PROXY URL[\s\S]*--gateway <name>[\s\S]*-H, --header <name:value>[\s\S]*--json/,
    );
  });
});
