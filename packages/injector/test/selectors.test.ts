// biome-ignore-all lint/suspicious/noExplicitAny: generated manifests are walked by path in assertions
// The skip decision and the generated MutatingWebhookConfiguration agree: for every combination of namespace
// labels, pod labels and injector revision, decide() injects exactly when one of the generated webhooks'
// namespace and object selectors matches (evaluated here as the kube-apiserver evaluates matchExpressions).
import { loadManifests } from '@minimesh/model';
import { describe, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { decide, injectorManifests, mutatingWebhookConfiguration, SkipCode } from '../src/index.js';

type Expr = { key: string; operator: string; values?: string[] };
function matches(labels: Record<string, string>, exprs: Expr[]): boolean {
  return exprs.every((e) => {
    const has = Object.hasOwn(labels, e.key);
    const v = labels[e.key];
    switch (e.operator) {
      case 'In':
        return has && (e.values ?? []).includes(v ?? '');
      case 'NotIn':
        return !has || !(e.values ?? []).includes(v ?? '');
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      default:
        throw new Error(e.operator);
    }
  });
}

const nsOptions: Record<string, string>[] = [
  {},
  { 'istio-injection': 'enabled' },
  { 'istio-injection': 'disabled' },
  { 'istio.io/rev': 'default' },
  { 'istio.io/rev': 'canary' },
  { 'istio-injection': 'enabled', 'istio.io/rev': 'canary' },
];
const podOptions: Record<string, string>[] = [
  {},
  { 'sidecar.istio.io/inject': 'true' },
  { 'sidecar.istio.io/inject': 'false' },
  { 'istio.io/rev': 'canary' },
  { 'istio.io/rev': 'default' },
  { 'sidecar.istio.io/inject': 'true', 'istio.io/rev': 'canary' },
];

describe('selectors', () => {
  for (const revision of ['', 'canary']) {
    test(`revision "${revision || 'default'}": decide() agrees with the webhook selectors`, () => {
      const config = mutatingWebhookConfiguration({ revision }) as {
        webhooks: {
          namespaceSelector: { matchExpressions: Expr[] };
          objectSelector: { matchExpressions: Expr[] };
        }[];
      };
      let injected = 0;
      for (const ns of nsOptions) {
        for (const labels of podOptions) {
          const selected = config.webhooks.some(
            (w) =>
              matches(ns, w.namespaceSelector.matchExpressions) &&
              matches(labels, w.objectSelector.matchExpressions),
          );
          const skip = decide({
            metadata: { name: 'p', labels },
            spec: { containers: [{ name: 'a' }] },
            namespace: 'shop',
            namespaceLabels: ns,
            revision,
            policy: 'enabled',
          });
          expect(
            skip === undefined,
            `ns ${JSON.stringify(ns)} pod ${JSON.stringify(labels)}: ${skip?.message}`,
          ).toBe(selected);
          if (selected) injected++;
        }
      }
      expect(injected).toBeGreaterThan(3);
    });
  }

  test('skip codes name the reason', () => {
    const d = (ns: Record<string, string>, labels: Record<string, string> = {}, extra = {}) =>
      decide({
        metadata: { name: 'p', labels },
        spec: { containers: [{ name: 'a' }], ...extra },
        namespace: 'shop',
        namespaceLabels: ns,
        revision: '',
        policy: 'enabled',
      })?.code;
    expect(d({ 'istio-injection': 'disabled' }, { 'sidecar.istio.io/inject': 'true' })).toBe(
      SkipCode.NamespaceDisabled,
    );
    expect(d({ 'istio.io/rev': 'canary' })).toBe(SkipCode.OtherRevision);
    expect(d({})).toBe(SkipCode.NamespaceNotEnabled);
    expect(d({ 'istio-injection': 'enabled' }, { 'sidecar.istio.io/inject': 'false' })).toBe(
      SkipCode.PodDisabled,
    );
    expect(d({ 'istio-injection': 'enabled' }, {}, { hostNetwork: true })).toBe(SkipCode.HostNetwork);
    // Without namespace labels (kube-inject), the policy decides.
    const policy = (p: 'enabled' | 'disabled', labels: Record<string, string> = {}) =>
      decide({ metadata: { labels }, spec: { containers: [] }, namespace: 'shop', revision: '', policy: p })
        ?.code;
    expect(policy('enabled')).toBeUndefined();
    expect(policy('disabled')).toBe(SkipCode.NamespaceNotEnabled);
    expect(policy('disabled', { 'sidecar.istio.io/inject': 'true' })).toBeUndefined();
  });
});

describe('cluster manifests', () => {
  test('webhook configuration: CREATE pods, sideEffects None, failurePolicy, reinvocation, caBundle', () => {
    const cfg = mutatingWebhookConfiguration({
      caPem: '-----BEGIN CERTIFICATE-----\nX\n-----END CERTIFICATE-----\n',
      reinvocationPolicy: 'IfNeeded',
    }) as any;
    expect(cfg.metadata.name).toBe('istio-sidecar-injector');
    expect(cfg.webhooks.map((w: { name: string }) => w.name)).toEqual([
      'rev.namespace.sidecar-injector.istio.io',
      'rev.object.sidecar-injector.istio.io',
      'namespace.sidecar-injector.istio.io',
      'object.sidecar-injector.istio.io',
    ]);
    for (const w of cfg.webhooks) {
      expect(w.sideEffects).toBe('None');
      expect(w.failurePolicy).toBe('Fail');
      expect(w.reinvocationPolicy).toBe('IfNeeded');
      expect(w.admissionReviewVersions).toEqual(['v1']);
      expect(w.rules).toEqual([
        { operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] },
      ]);
      expect(w.clientConfig.service).toEqual({
        name: 'istiod',
        namespace: 'istio-system',
        path: '/inject',
        port: 443,
      });
      expect(Buffer.from(w.clientConfig.caBundle, 'base64').toString()).toContain('BEGIN CERTIFICATE');
    }
    const canary = mutatingWebhookConfiguration({
      revision: 'canary',
      url: 'https://127.0.0.1:15017/inject',
    }) as any;
    expect(canary.metadata.name).toBe('istio-sidecar-injector-canary');
    expect(canary.webhooks).toHaveLength(2);
    expect(canary.webhooks[0].clientConfig).toEqual({ url: 'https://127.0.0.1:15017/inject' });
  });

  test('Service, Deployment and webhook load cleanly with the model', () => {
    const text = injectorManifests({ namespace: 'mesh-system' });
    const docs = parseAllDocuments(text).map((d) => d.toJS() as any);
    expect(docs.map((d) => d.kind)).toEqual(['Service', 'Deployment', 'MutatingWebhookConfiguration']);
    expect(docs[0].spec.ports[0]).toEqual({
      name: 'https-webhook',
      port: 443,
      targetPort: 15017,
      protocol: 'TCP',
    });
    expect(docs[1].spec.template.metadata.labels['sidecar.istio.io/inject']).toBe('false');
    expect(docs[2].webhooks[0].clientConfig.service.namespace).toBe('mesh-system');
    const loaded = loadManifests(text, { file: 'injector.yaml' });
    expect(loaded.errors).toEqual([]);
    expect(loaded.resources.filter((r) => r.known).map((r) => r.kind)).toEqual(['Service', 'Deployment']);
  });
});
