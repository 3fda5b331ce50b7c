// The dashboard end to end: a real `mesh dev ./examples/bookinfo` (the built binary: control plane, gateway, every
// workload with its sidecar, each a process), real HTTP traffic through the gateway, and Debian's chromium driven by
// playwright-core reading what the page shows. The proxies stream their access logs over the gRPC access log
// service; the page gets everything over its one websocket. Screenshots of each view land in test-artifacts/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from './browser.js';
import {
  type DevMesh,
  ISTIO_NETWORKING,
  login,
  meshApply,
  meshDelete,
  productPages,
  startBookinfo,
  waitFor,
} from './mesh-helpers.js';

const WORKLOADS = ['productpage-v1', 'details-v1', 'reviews-v1', 'reviews-v2', 'reviews-v3', 'ratings-v1'];

let mesh: DevMesh;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

/** The number in a cell of the edge table (rps, error %, p99), or undefined when the edge is not shown. */
async function edgeCell(edge: string, col: 'rps' | 'error' | 'p99'): Promise<number | undefined> {
  const cell = page.locator(`[data-testid="edge-table"] [data-edge="${edge}"] [data-col="${col}"]`);
  if ((await cell.count()) === 0) return undefined;
  const n = Number.parseFloat((await cell.first().innerText()).replace(/[^\d.]/g, ''));
  return Number.isNaN(n) ? undefined : n;
}

/** Edge ids shown in the edge table. */
async function edgeIds(): Promise<string[]> {
  return page
    .locator('[data-testid="edge-table"] [data-edge]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-edge') ?? ''));
}

/** The edge shown between workloads whose ids end with `/FROM` and `/TO`. */
async function edgeBetween(from: string, to: string): Promise<string | undefined> {
  return (await edgeIds()).find((id) => {
    const [s = '', t = ''] = id.split('->');
    return (s === from || s.endsWith(`/${from}`)) && (t === to || t.endsWith(`/${to}`));
  });
}

async function go(view: string): Promise<void> {
  await page.locator(`[data-testid="nav-${view}"]`).click();
}

beforeAll(async () => {
  mesh = await startBookinfo();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(mesh.dashboardUrl);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await mesh?.close();
}, 60_000);

describe('the dashboard of mesh dev ./examples/bookinfo', () => {
  it('is served by mesh dev and goes live over its websocket', async () => {
    await page.locator('[data-testid="connection"]', { hasText: 'live' }).waitFor({ timeout: 20_000 });
    expect(await page.title()).toMatch(/minimesh/i);
  });

  it('shows every bookinfo workload and the gateway in the graph, and the edges once traffic flows', async () => {
    await go('graph');
    const nodes = page.locator('[data-testid="node-list"] [data-node]');
    await waitFor(async () => (await nodes.count()) >= WORKLOADS.length + 1, 'the graph nodes');
    const ids = await nodes.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-node') ?? ''));
    for (const w of WORKLOADS) expect(ids.some((id) => id.endsWith(`/${w}`))).toBe(true);
    expect(ids.some((id) => id.includes('ingressgateway'))).toBe(true);

    const statuses = await productPages(mesh, 36);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const expected: [string, string][] = [
      ['ingressgateway', 'productpage-v1'],
      ['productpage-v1', 'details-v1'],
      ['productpage-v1', 'reviews-v1'],
      ['productpage-v1', 'reviews-v2'],
      ['productpage-v1', 'reviews-v3'],
      ['reviews-v2', 'ratings-v1'],
      ['reviews-v3', 'ratings-v1'],
    ];
    await waitFor(async () => {
      const ids = await edgeIds();
      return expected.every(([f, t]) =>
        ids.some((id) => {
          const [s = '', d = ''] = id.split('->');
          return s.includes(f) && d.endsWith(t);
        }),
      );
    }, 'every bookinfo edge in the graph');
    // A request from outside the mesh enters at the gateway.
    expect((await edgeIds()).some((id) => id.startsWith('unknown->') && id.includes('ingressgateway'))).toBe(
      true,
    );
    const toDetails = await edgeBetween('productpage-v1', 'details-v1');
    expect(toDetails).toBeDefined();
    expect(await edgeCell(toDetails ?? '', 'rps')).toBeGreaterThan(0);
    expect(
      await page.locator(`[data-testid="edge-table"] [data-edge="${toDetails}"]`).getAttribute('data-health'),
    ).toBe('healthy');
    // The graph itself draws them (cytoscape's canvas).
    expect(await page.locator('[data-testid="graph"] canvas').count()).toBeGreaterThan(0);
    // The graph lays out again for the new edges (a 300 ms animation); the picture is taken once it settled.
    await page.waitForTimeout(1000);
    await screenshot(page, 'graph');
  }, 120_000);

  it('after the 50/50 reviews shift, the edge rates to v1 and v3 are within a few points of each other', async () => {
    const networking = ISTIO_NETWORKING;
    await meshApply(
      mesh,
      join(networking, 'destination-rule-all.yaml'),
      join(networking, 'virtual-service-reviews-50-v3.yaml'),
    );
    // Let the push land everywhere, then send traffic that the new weights split.
    await new Promise((r) => setTimeout(r, 1500));
    const statuses = await productPages(mesh, 400, 8);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    const v1 = await edgeBetween('productpage-v1', 'reviews-v1');
    const v3 = await edgeBetween('productpage-v1', 'reviews-v3');
    expect(v1 && v3).toBeTruthy();
    // After the next push, both rates reflect the traffic just sent (the window holds it whole).
    await new Promise((r) => setTimeout(r, 2500));
    const a = (await edgeCell(v1 ?? '', 'rps')) ?? 0;
    const b = (await edgeCell(v3 ?? '', 'rps')) ?? 0;
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    const shareV1 = (a / (a + b)) * 100;
    expect(Math.abs(shareV1 - 50)).toBeLessThan(10);
    // v2 gets nothing after the shift: what is left of it in the window is the few requests before.
    const v2 = await edgeBetween('productpage-v1', 'reviews-v2');
    expect((await edgeCell(v2 ?? '', 'rps')) ?? 0).toBeLessThan(a / 4);
    await screenshot(page, 'traffic-shift');
    await go('metrics');
    const cards = page.locator('[data-testid="metrics-services"] > *');
    await waitFor(async () => (await cards.count()) > 0, 'service metrics cards');
    expect(await page.locator('[data-testid="metrics-services"]').innerText()).toContain('reviews');
    expect(await page.locator('[data-testid="metrics-workloads"]').innerText()).toContain('reviews-v3');
    await screenshot(page, 'metrics');
  }, 120_000);

  it('shows a fault-injected route in red and in the request log with flag FI, and its decision trace', async () => {
    const networking = ISTIO_NETWORKING;
    // Istio's fault injection task, step by step (each file replaces the previous VirtualService of its host).
    await meshApply(mesh, join(networking, 'virtual-service-all-v1.yaml'));
    await meshApply(mesh, join(networking, 'virtual-service-reviews-test-v2.yaml'));
    await meshApply(mesh, join(networking, 'virtual-service-ratings-test-abort.yaml'));
    await new Promise((r) => setTimeout(r, 1500));
    const cookie = await login(mesh, 'jason');
    const statuses = await productPages(mesh, 20, 4, { cookie });
    expect(statuses.every((s) => s === 200)).toBe(true); // productpage shows "ratings unavailable"
    await go('graph');
    const fault = await waitFor(async () => {
      const id = await edgeBetween('reviews-v2', 'ratings-v1');
      if (id === undefined) return undefined;
      const row = page.locator(`[data-testid="edge-table"] [data-edge="${id}"]`);
      return (await row.getAttribute('data-health')) === 'failing' ? id : undefined;
    }, 'the reviews-v2 -> ratings edge failing').catch(async (e) => {
      const rows = await page
        .locator('[data-testid="edge-table"] [data-edge]')
        .evaluateAll((rs) =>
          rs.map(
            (r) =>
              `${r.getAttribute('data-edge')} ${r.getAttribute('data-health')} ${(r as HTMLElement).innerText.replace(/\s+/g, ' ')}`,
          ),
        );
      throw new Error(`${(e as Error).message}; edges: ${rows.join(' | ')}`);
    });
    expect(await edgeCell(fault, 'error')).toBeGreaterThanOrEqual(10);
    const colour = await page
      .locator(`[data-testid="edge-table"] [data-edge="${fault}"] .health-dot`)
      .evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(colour.replace(/\s/g, '')).toMatch(/#c9190b|rgb\(201,25,11\)/i);
    await screenshot(page, 'fault-graph');

    await go('requests');
    await page.locator('[data-testid="request-filter"]').fill('flags:FI');
    const rows = page.locator('[data-testid="request-log"] [data-request-id]');
    await waitFor(async () => (await rows.count()) > 0, 'FI rows in the request log');
    const first = rows.first();
    expect(await first.locator('[data-col="flags"]').innerText()).toContain('FI');
    expect(await first.locator('[data-col="status"]').innerText()).toContain('500');
    expect(await first.getAttribute('class')).toContain('error');
    const red = await first.evaluate((el) => getComputedStyle(el).color);
    expect(red.replace(/\s/g, '')).toMatch(/rgb\(201,25,11\)/);
    await screenshot(page, 'request-log');

    await first.click();
    const trace = page.locator('[data-testid="trace"]');
    await trace.waitFor({ timeout: 15_000 });
    await waitFor(
      async () => (await trace.innerText()).includes('virtual-service-ratings-test-abort'),
      'trace',
    );
    const text = await trace.innerText();
    expect(text).toMatch(/http\[0\]\.match\[0\]/);
    expect(text).toMatch(/abort/i);
    expect(text).toMatch(/end-user/);
    // The resources behind the cluster and the endpoint, with their files.
    expect(text).toMatch(
      /DestinationRule default\/ratings at \S*destination-rule-all\.yaml:\d+ spec\.subsets\[0\]/,
    );
    expect(text).toMatch(/Service default\/ratings at \S*bookinfo\.yaml:\d+/);
    await screenshot(page, 'decision-trace');
  }, 120_000);

  it('shows NACK with its message in the xDS status view for a config the proxy refuses', async () => {
    const ef = fileURLToPath(new URL('./fixtures/rbac-envoy-filter.yaml', import.meta.url));
    await meshApply(mesh, ef);
    await go('config');
    const select = page.locator('[data-testid="proxy-select"]');
    const option = await waitFor(
      () =>
        select
          .locator('option')
          .evaluateAll((os) =>
            os.map((o) => (o as HTMLOptionElement).value).find((v) => v.includes('productpage')),
          ),
      'the productpage proxy in the select',
    );
    await select.selectOption(option);
    const lds = page.locator('[data-testid="xds-status"] [data-type="LDS"]');
    await waitFor(
      async () => (await lds.locator('[data-col="state"]').innerText()).includes('NACK'),
      'LDS NACK in the status view',
    );
    expect(await lds.innerText()).toContain('envoy.filters.http.rbac');
    await page.locator('[data-testid="chain"]').waitFor();
    await screenshot(page, 'config-nack');
    await meshDelete(mesh, ef);
    await waitFor(
      async () => (await lds.locator('[data-col="state"]').innerText()).includes('SYNCED'),
      'LDS SYNCED again',
    );
  }, 120_000);

  it('lists the mesh resources with analysis inline, and the timeline of changes with ACKs', async () => {
    await go('mesh');
    const resources = page.locator('[data-testid="resources"]');
    await resources.waitFor();
    await waitFor(async () => (await resources.innerText()).includes('reviews'), 'resources listed');
    await screenshot(page, 'mesh-config');
    await go('timeline');
    const timeline = page.locator('[data-testid="timeline"]');
    await timeline.waitFor();
    // Some proxy ACKed a change (`N ACK` with N > 0), and the NACK of the refused filter is there too.
    await waitFor(async () => /\b[1-9]\d* ACK\b/.test(await timeline.innerText()), 'ACKs in the timeline');
    expect(await timeline.innerText()).toMatch(/\b[1-9]\d* NACK\b/);
    expect(await timeline.innerText()).toContain('virtual-service-reviews-50-v3');
    await screenshot(page, 'timeline');
  }, 60_000);

  it('replays recorded requests against an edited config (what if), then applies it', async () => {
    // Reviews back to no VirtualService (the fault task's one deleted), so the edit below adds one.
    await meshDelete(mesh, join(ISTIO_NETWORKING, 'virtual-service-reviews-test-v2.yaml'));
    await productPages(mesh, 12);
    await go('whatif');
    const editor = page.locator('[data-testid="whatif-editor"]');
    await editor.waitFor();
    const yaml = readFileSync(join(ISTIO_NETWORKING, 'virtual-service-reviews-v3.yaml'), 'utf8');
    await editor.fill(yaml);
    await page.locator('[data-testid="whatif-run"]').click();
    const result = page.locator('[data-testid="whatif-result"]');
    await waitFor(async () => /reviews/.test(await result.innerText()), 'the what-if result');
    expect(await result.innerText()).toMatch(/v3/);
    expect(Number(await result.getAttribute('data-changed'))).toBeGreaterThan(0);
    await screenshot(page, 'what-if');
    // Apply writes the file into the watched folder; the control plane takes it as any edit.
    await page.locator('[data-testid="whatif-apply"]').click();
    await page.locator('[data-testid="whatif-apply-confirm"]').click();
    await page.locator('[data-testid="whatif-written"]').waitFor();
    expect(readFileSync(join(mesh.dir, 'what-if.yaml'), 'utf8')).toBe(yaml);
    await go('timeline');
    const newest = page.locator('[data-testid="timeline"] [data-entry-id]').first();
    await waitFor(
      async () => (await newest.innerText()).includes('what-if.yaml'),
      'the applied file in the timeline',
    );
    expect(await newest.innerText()).toMatch(/watch/);
    expect(await newest.innerText()).toMatch(/accepted/);
    // And traffic follows it: once pushed, every productpage -> reviews request goes to v3.
    await new Promise((r) => setTimeout(r, 1500));
    await go('requests');
    await page
      .locator('[data-testid="request-filter"]')
      .fill('source:productpage-v1 path:/reviews/0 reporter:source');
    const reviewRows = page.locator('[data-testid="request-log"] [data-request-id]');
    const ids = () =>
      reviewRows.evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-request-id'))));
    const before = Math.max(0, ...(await ids()));
    await productPages(mesh, 12);
    // Only the requests sent now: their records have ids above every record shown before.
    const fresh = await waitFor(async () => {
      const now = (await ids()).filter((id) => id > before);
      return now.length >= 12 ? now : undefined;
    }, 'the new reviews requests in the log');
    const destinations = await reviewRows.evaluateAll(
      (rows, newIds) =>
        rows
          .filter((r) => newIds.includes(Number(r.getAttribute('data-request-id'))))
          .map((r) => r.querySelector('[data-col="destination"]')?.textContent ?? ''),
      fresh,
    );
    expect(destinations.every((d) => d.includes('reviews-v3'))).toBe(true);
  }, 60_000);

  it('is usable on a narrow window and by keyboard', async () => {
    await page.setViewportSize({ width: 480, height: 800 });
    // From the top of a fresh page, Tab reaches the navigation.
    await page.goto('about:blank');
    await page.goto(`${mesh.dashboardUrl}#/graph`);
    await page.locator('[data-testid="connection"]', { hasText: 'live' }).waitFor();
    await page.keyboard.press('Tab');
    for (let i = 0; i < 20; i++) {
      const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');
      if (focused === 'nav-requests') break;
      await page.keyboard.press('Tab');
    }
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'nav-requests',
    );
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="request-log"]').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'narrow');
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
