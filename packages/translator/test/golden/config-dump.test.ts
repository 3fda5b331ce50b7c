// Golden config_dumps: for every networking YAML of Istio's samples (see inputs.ts), the /config_dump body of
// productpage's sidecar and of the gateway, exactly as our admin API would serve it: Envoy's proto3 JSON, every
// section through the model's strict codec (an unknown or mistyped field fails the test before any comparison).
// Goldens live in __golden__/<sample path>.<proxy>.json, the translation messages beside them (.messages.txt).
// Regenerate with `npx vitest run -u test/golden` and review the diff like code.
import {
  buildConfigDump,
  buildRegistry,
  clustersConfigDump,
  configDumpToString,
  endpointsConfigDump,
  type LoadedResource,
  listenersConfigDump,
  resourceKey,
  routesConfigDump,
  type Secret,
  secretsConfigDump,
} from '@minimesh/model';
import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../src/messages.js';
import type { MeshProxy } from '../../src/proxy.js';
import { PushContext } from '../../src/push-context.js';
import { type Translation, translate } from '../../src/translate.js';
import { load } from '../route/fixtures.js';
import { type GoldenInput, goldenInputs, productpageSidecar } from './inputs.js';

/** The dump Envoy serves for a proxy configured only by xDS (no static resources; one version for the push). */
export function configDump(t: Translation, version: string): string {
  const secrets = (t as { readonly secrets?: readonly Secret[] }).secrets ?? [];
  return configDumpToString(
    buildConfigDump({
      clusters: clustersConfigDump({
        versionInfo: version,
        dynamicActiveClusters: t.clusters.map((resource) => ({ resource, versionInfo: version })),
      }),
      endpoints: endpointsConfigDump({
        dynamicEndpointConfigs: t.endpoints.map((resource) => ({ resource, versionInfo: version })),
      }),
      listeners: listenersConfigDump({
        versionInfo: version,
        dynamicListeners: t.listeners.map((resource) => ({ resource, versionInfo: version })),
      }),
      routes: routesConfigDump({
        dynamicRouteConfigs: t.routes.map((resource) => ({ resource, versionInfo: version })),
      }),
      ...(secrets.length > 0
        ? {
            secrets: secretsConfigDump({
              dynamicActiveSecrets: secrets.map((resource) => ({ resource, versionInfo: version })),
            }),
          }
        : {}),
    }),
  );
}

async function pushFor(input: GoldenInput): Promise<PushContext> {
  // As `kubectl apply` of the files in order: a later file replaces a resource of the same kind and name.
  const byKey = new Map<string, LoadedResource>();
  for (const r of await load(input.files, input.inline)) {
    byKey.delete(resourceKey(r));
    byKey.set(resourceKey(r), r);
  }
  return new PushContext(buildRegistry([...byKey.values()], { workloads: input.workloads }));
}

const cases = goldenInputs();

describe.each(cases)('$id', (input) => {
  const proxies: [string, MeshProxy][] = [
    ['productpage', productpageSidecar],
    ['gateway', input.gateway],
  ];
  it.each(proxies)('%s: config_dump matches the reviewed golden', async (label, proxy) => {
    const push = await pushFor(input);
    const t = translate(proxy, push);
    const dump = configDump(t, 'golden');
    await expect(dump).toMatchFileSnapshot(`__golden__/${input.id}.${label}.json`);
    const messages = t.messages.map((m) => `${formatMessage(m)}\n`).join('');
    await expect(messages).toMatchFileSnapshot(`__golden__/${input.id}.${label}.messages.txt`);
  });
});

describe('golden corpus', () => {
  it('covers every networking YAML of the samples', () => {
    const ids = cases.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => id.startsWith('bookinfo/networking/'))).toHaveLength(21);
    expect(ids.filter((id) => id.startsWith('bookinfo/gateway-api/'))).toHaveLength(6);
    expect(ids).toContain('httpbin/gateway-api/httpbin-gateway');
    expect(ids).toContain('tcp-echo/gateway-api/tcp-echo-20-v2');
  });

  it('gives the ingress gateway bookinfo routes once the Gateway is applied', async () => {
    const input = cases.find((c) => c.id === 'bookinfo/networking/bookinfo-gateway');
    if (input === undefined) throw new Error('bookinfo-gateway case');
    const t = translate(input.gateway, await pushFor(input));
    expect(t.listeners.map((l) => l.name)).toEqual(['0.0.0.0_8080']);
    expect(t.routes.map((r) => r.name)).toEqual(['http.8080']);
  });
});
