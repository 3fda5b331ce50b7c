// biome-ignore-all lint/suspicious/noExplicitAny: parsed YAML is walked by path in assertions
// kube-inject over YAML streams: workloads of every kind get sidecars, every other document comes out byte for
// byte, comments and key order in changed documents are kept, and errors carry the document's line.
import { loadManifests } from '@minimesh/model';
import { describe, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { injectManifests, ManifestError } from '../src/index.js';

const workload = (kind: string, apiVersion: string, templatePath: 'template' | 'jobTemplate') => {
  const podTemplate = `    metadata:
      labels:
        app: web # the app label
    spec:
      containers:
      - name: web
        image: example.com/web:1 # pinned
        ports:
        - containerPort: 8080`;
  const indent = (text: string, n: number) =>
    text
      .split('\n')
      .map((l) => ' '.repeat(n) + l)
      .join('\n');
  const spec =
    templatePath === 'template'
      ? `  selector:\n    matchLabels:\n      app: web\n  template:\n${podTemplate}`
      : `  schedule: "*/5 * * * *"\n  jobTemplate:\n    spec:\n      template:\n${indent(podTemplate, 4)}\n${indent('restartPolicy: Never', 10)}`;
  return `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: web\n  namespace: shop\nspec:\n${spec}\n`;
};

const service = `# The service in front of web.
apiVersion: v1
kind: Service
metadata:
  name: web   # odd spacing is kept
  namespace: shop
spec:
  ports: [{port: 80, targetPort: 8080}]   # flow style is kept
  selector: {app: web}
`;

describe('injectManifests', () => {
  test.each([
    ['Deployment', 'apps/v1', 'template'],
    ['StatefulSet', 'apps/v1', 'template'],
    ['DaemonSet', 'apps/v1', 'template'],
    ['ReplicaSet', 'apps/v1', 'template'],
    ['Job', 'batch/v1', 'template'],
    ['CronJob', 'batch/v1', 'jobTemplate'],
  ] as const)('%s gets a sidecar and keeps its comments', (kind, apiVersion, path) => {
    const text = workload(kind, apiVersion, path);
    const { text: out, reports } = injectManifests(text);
    expect(reports).toHaveLength(1);
    expect(reports[0]?.report.injected).toBe(true);
    expect(reports[0]?.kind).toBe(kind);
    expect(out).toContain('app: web # the app label');
    expect(out).toContain('image: example.com/web:1 # pinned');
    const obj = parseAllDocuments(out)[0]?.toJS() as Record<string, any>;
    const tpl = path === 'template' ? obj.spec.template : obj.spec.jobTemplate.spec.template;
    expect(tpl.spec.initContainers.map((c: { name: string }) => c.name)).toEqual([
      'istio-init',
      'istio-proxy',
    ]);
    const env = tpl.spec.initContainers[1].env as { name: string; value?: string }[];
    expect(env.find((e) => e.name === 'ISTIO_META_OWNER')?.value).toBe(
      `kubernetes://apis/${apiVersion}/namespaces/shop/${kind.toLowerCase()}s/web`,
    );
    // The result is valid for the model (strict Kubernetes shapes).
    const loaded = loadManifests(out, { file: 'out.yaml' });
    expect(loaded.errors).toEqual([]);
  });

  test('a Pod, and documents that are not workloads come out byte for byte', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: one
spec:
  containers:
  - name: app
    image: example.com/app:1
`;
    const configMap = `---
# settings
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg}
data:
  key: "value"   # quoted
...
`;
    const input = `${service}---\n${pod}${configMap}`;
    const { text, reports } = injectManifests(input);
    expect(text.startsWith(`${service}---\n`)).toBe(true);
    expect(text.endsWith(configMap)).toBe(true);
    expect(reports.map((r) => [r.kind, r.name, r.line])).toEqual([['Pod', 'one', 11]]);
    const docs = parseAllDocuments(text).map((d) => d.toJS() as Record<string, any>);
    expect(docs.map((d) => d.kind)).toEqual(['Service', 'Pod', 'ConfigMap']);
    expect(docs[1]?.spec.initContainers.length).toBe(2);
  });

  test("the model's findings come back with file and line, and do not stop injection", () => {
    const input = workload('Deployment', 'apps/v1', 'template').replace(
      '        image: example.com/web:1 # pinned\n',
      '        image: example.com/web:1 # pinned\n        imagePullPolice: Always\n',
    );
    const { reports, diagnostics } = injectManifests(input, { file: 'deploy.yaml' });
    expect(reports[0]?.report.injected).toBe(true);
    expect(diagnostics.map((d) => [d.file, d.line, d.severity, d.message])).toEqual([
      ['deploy.yaml', 18, 'error', 'unknown field "imagePullPolice"; did you mean "imagePullPolicy"?'],
    ]);
    expect(injectManifests(workload('Job', 'batch/v1', 'template')).diagnostics).toEqual([]);
  });

  test('a stream without workloads is returned unchanged, to the byte', () => {
    const input = `${service}---\n# only a comment\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {istio-injection: enabled}\n`;
    expect(injectManifests(input).text).toBe(input);
  });

  test('skips leave the document untouched and say why', () => {
    const input = workload('Deployment', 'apps/v1', 'template').replace(
      '    metadata:\n',
      '    metadata:\n      annotations:\n        sidecar.istio.io/inject: "false"\n',
    );
    const { text, reports } = injectManifests(input);
    expect(text).toBe(input);
    expect(reports[0]?.report.skip).toEqual({
      code: 'injection_disabled_by_pod',
      message: 'Deployment shop/web has sidecar.istio.io/inject=false',
    });
  });

  test('a List is injected item by item', () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n${workload('Deployment', 'apps/v1', 'template')
      .split('\n')
      .map((l, i) => (l ? (i === 0 ? `- ${l}` : `  ${l}`) : l))
      .join('\n')}`;
    const { text, reports } = injectManifests(list);
    expect(reports).toHaveLength(1);
    const doc = parseAllDocuments(text)[0]?.toJS() as Record<string, any>;
    expect(doc.items[0].spec.template.spec.initContainers).toHaveLength(2);
  });

  test('injecting the output again changes nothing', () => {
    const once = injectManifests(`${service}---\n${workload('Deployment', 'apps/v1', 'template')}`).text;
    expect(injectManifests(once).text).toBe(once);
  });

  test('errors name the document line and keep the injection error code', () => {
    const bad = workload('Deployment', 'apps/v1', 'template').replace(
      '    metadata:\n',
      '    metadata:\n      annotations:\n        traffic.sidecar.istio.io/includeOutboundIPRanges: "10.0.0.0/40"\n',
    );
    const input = `${service}---\n${bad}`;
    try {
      injectManifests(input);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ManifestError);
      const err = e as ManifestError;
      expect(err.line).toBe(11);
      expect(err.reason).toBe('INJ002');
      expect(err.message).toBe(
        "line 11: Deployment shop/web: invalid value '10.0.0.0/40' for annotation 'traffic.sidecar.istio.io/includeOutboundIPRanges': includeIPRanges invalid: failed parsing cidr '10.0.0.0/40'",
      );
    }
    expect(() => injectManifests('a: [1, 2\n')).toThrow(ManifestError);
    expect(() => injectManifests(`${service}---\nkind: Deployment\nspec: {template: {}}\n`)).toThrow(
      /line 11: Deployment : spec.template has no pod spec/,
    );
  });
});
