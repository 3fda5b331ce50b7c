// The MutatingWebhookConfiguration that sends new pods to the injector, with the selectors of istiod 1.30's
// chart (templates/mutatingwebhook.yaml): per revision `rev.namespace` (namespace istio.io/rev) and `rev.object`
// (pod istio.io/rev), and for the default revision `namespace` (istio-injection=enabled) and `object`
// (sidecar.istio.io/inject=true); optionally `auto` (every namespace without labels). Every webhook is CREATE of
// v1 pods, sideEffects None, failurePolicy Fail by default, and admission review v1.

export interface WebhookConfigOptions {
  /** "" or "default" for the default revision. */
  revision?: string;
  /** Namespace of the injector's Service (default istio-system). */
  namespace?: string;
  /** Service name (default istiod, or istiod-<revision>). */
  serviceName?: string;
  /** Path on the service (default /inject); may carry /cluster/<id>/net/<network>. */
  path?: string;
  port?: number;
  /** A URL instead of a Service (an injector outside the cluster). */
  url?: string;
  /** PEM of the CA that signed the webhook's serving certificate (base64-encoded into caBundle). */
  caPem?: string;
  failurePolicy?: 'Fail' | 'Ignore';
  reinvocationPolicy?: 'Never' | 'IfNeeded';
  /** Seconds the apiserver waits (1-30; default 10). */
  timeoutSeconds?: number;
  /** Inject into namespaces without any label too (Istio's enableNamespacesByDefault). */
  enableNamespacesByDefault?: boolean;
}

type Expr = { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] };
const expr = (key: string, operator: Expr['operator'], values?: string[]): Expr =>
  values === undefined ? { key, operator } : { key, operator, values };

export function mutatingWebhookConfiguration(o: WebhookConfigOptions = {}): Record<string, unknown> {
  const rev = o.revision === undefined || o.revision === '' ? 'default' : o.revision;
  const isDefault = rev === 'default';
  const namespace = o.namespace ?? 'istio-system';
  const service = o.serviceName ?? (isDefault ? 'istiod' : `istiod-${rev}`);
  const clientConfig: Record<string, unknown> =
    o.url !== undefined
      ? { url: o.url }
      : { service: { name: service, namespace, path: o.path ?? '/inject', port: o.port ?? 443 } };
  if (o.caPem !== undefined) clientConfig.caBundle = Buffer.from(o.caPem).toString('base64');
  const core = (prefix: string, namespaceSelector: Expr[], objectSelector: Expr[]) => ({
    name: `${prefix}sidecar-injector.istio.io`,
    clientConfig,
    sideEffects: 'None',
    rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] }],
    failurePolicy: o.failurePolicy ?? 'Fail',
    reinvocationPolicy: o.reinvocationPolicy ?? 'Never',
    admissionReviewVersions: ['v1'],
    timeoutSeconds: o.timeoutSeconds ?? 10,
    namespaceSelector: { matchExpressions: namespaceSelector },
    objectSelector: { matchExpressions: objectSelector },
  });
  const notDisabled = expr('sidecar.istio.io/inject', 'NotIn', ['false']);
  const webhooks = [
    core(
      'rev.namespace.',
      [expr('istio.io/rev', 'In', [rev]), expr('istio-injection', 'DoesNotExist')],
      [notDisabled],
    ),
    core(
      'rev.object.',
      [expr('istio.io/rev', 'DoesNotExist'), expr('istio-injection', 'DoesNotExist')],
      [notDisabled, expr('istio.io/rev', 'In', [rev])],
    ),
  ];
  if (isDefault) {
    webhooks.push(core('namespace.', [expr('istio-injection', 'In', ['enabled'])], [notDisabled]));
    webhooks.push(
      core(
        'object.',
        [expr('istio-injection', 'DoesNotExist'), expr('istio.io/rev', 'DoesNotExist')],
        [expr('sidecar.istio.io/inject', 'In', ['true']), expr('istio.io/rev', 'DoesNotExist')],
      ),
    );
    if (o.enableNamespacesByDefault === true) {
      webhooks.push(
        core(
          'auto.',
          [
            expr('istio-injection', 'DoesNotExist'),
            expr('istio.io/rev', 'DoesNotExist'),
            expr('kubernetes.io/metadata.name', 'NotIn', [
              'kube-system',
              'kube-public',
              'kube-node-lease',
              'local-path-storage',
            ]),
          ],
          [expr('sidecar.istio.io/inject', 'DoesNotExist'), expr('istio.io/rev', 'DoesNotExist')],
        ),
      );
    }
  }
  const name = `istio-sidecar-injector${isDefault ? '' : `-${rev}`}${namespace === 'istio-system' ? '' : `-${namespace}`}`;
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'MutatingWebhookConfiguration',
    metadata: {
      name,
      labels: { 'istio.io/rev': rev, app: 'sidecar-injector', 'app.kubernetes.io/name': 'minimesh-injector' },
    },
    webhooks,
  };
}
