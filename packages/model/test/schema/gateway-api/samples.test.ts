// Every Gateway API object in Istio's samples (copied under /work/shared/istio-samples) validates with no issue.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { GATEWAY_API_KINDS } from '../../../src/schema/gateway-api/index.js';
import { splitApiVersion } from '../../../src/schema/kind-definition.js';
import { issuesOf } from './helpers.js';

// This file is /work/main/packages/model/test/schema/gateway-api/; the samples are /work/shared/istio-samples/.
const SAMPLES = fileURLToPath(new URL('../../../../../../shared/istio-samples/', import.meta.url));

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return yamlFiles(path);
    return /\.ya?ml(\.injected)?$/.test(e.name) ? [path] : [];
  });
}

interface SampleDoc {
  readonly file: string;
  readonly index: number;
  readonly value: { apiVersion: string; kind: string; [k: string]: unknown };
}

function gatewayApiDocs(): SampleDoc[] {
  const out: SampleDoc[] = [];
  for (const file of yamlFiles(SAMPLES)) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('gateway.networking.k8s.io')) continue;
    parseAllDocuments(text).forEach((d, index) => {
      if ('errors' in d && d.errors.length > 0)
        throw new Error(`${file} document ${index}: ${d.errors[0]?.message}`);
      const value: unknown = d.toJS();
      if (typeof value !== 'object' || value === null) return;
      const { apiVersion, kind } = value as { apiVersion?: unknown; kind?: unknown };
      if (
        typeof apiVersion === 'string' &&
        typeof kind === 'string' &&
        apiVersion.startsWith('gateway.networking.k8s.io/')
      )
        out.push({ file: file.slice(SAMPLES.length), index, value: { ...value, apiVersion, kind } });
    });
  }
  return out;
}

const docs = gatewayApiDocs();

describe('Istio samples (gateway.networking.k8s.io)', () => {
  it('finds every Gateway API document of the samples', () => {
    // bookinfo 10 (2 + 4 + 4 single-route files), httpbin 2, tcp-echo 3.
    expect(docs).toHaveLength(15);
    expect(new Set(docs.map((d) => d.value.kind))).toEqual(new Set(['Gateway', 'HTTPRoute', 'TCPRoute']));
    expect(docs.some((d) => d.file.startsWith('samples/bookinfo/gateway-api/'))).toBe(true);
    expect(docs.some((d) => d.file.startsWith('samples/httpbin/gateway-api/'))).toBe(true);
    expect(docs.some((d) => d.file.startsWith('samples/tcp-echo/gateway-api/'))).toBe(true);
  });

  it.each(docs.map((d) => [`${d.file}#${d.index} ${d.value.kind}`, d] as const))(
    '%s validates',
    (_name, d) => {
      const { group, version } = splitApiVersion(d.value.apiVersion);
      const def = GATEWAY_API_KINDS.find((k) => k.group === group && k.kind === d.value.kind);
      expect(def, `no kind definition for ${d.value.kind}`).toBeDefined();
      expect(def?.versions).toContain(version);
      expect(def === undefined ? ['no schema'] : issuesOf(def.schema, d.value)).toEqual([]);
    },
  );
});
