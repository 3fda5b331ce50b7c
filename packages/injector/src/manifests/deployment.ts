// The injector's own Deployment and Service for a cluster: the webhook listens on 15017 (istiod's injection
// port) with its serving certificate from a Secret, and the Service exposes it on 443 under the name the
// MutatingWebhookConfiguration points at.
import { stringify } from 'yaml';
import { mutatingWebhookConfiguration, type WebhookConfigOptions } from './webhook-config.js';

export const INJECTOR_PORT = 15017;

export interface InjectorDeploymentOptions {
  namespace?: string;
  /** Service and Deployment name (default istiod, or istiod-<revision>). */
  name?: string;
  revision?: string;
  image?: string;
  replicas?: number;
  /** Secret with tls.crt and tls.key for the webhook's serving certificate. */
  tlsSecretName?: string;
}

export function injectorDeployment(o: InjectorDeploymentOptions = {}): Record<string, unknown> {
  const rev = o.revision === undefined || o.revision === '' ? 'default' : o.revision;
  const name = o.name ?? (rev === 'default' ? 'istiod' : `istiod-${rev}`);
  const labels = { app: 'minimesh-injector', 'istio.io/rev': rev };
  const probe = (path: string) => ({
    httpGet: { path, port: INJECTOR_PORT, scheme: 'HTTPS' },
    periodSeconds: 5,
    timeoutSeconds: 2,
  });
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: o.namespace ?? 'istio-system', labels },
    spec: {
      replicas: o.replicas ?? 2,
      selector: { matchLabels: labels },
      template: {
        // The injector's own pods must not be injected.
        metadata: { labels: { ...labels, 'sidecar.istio.io/inject': 'false' } },
        spec: {
          containers: [
            {
              name: 'injector',
              image: o.image ?? 'ghcr.io/minimesh/injector:latest',
              // `mesh inject-webhook` (the CLI's command for runWebhookFromArgs, src/webhook/main.ts).
              command: ['mesh', 'inject-webhook'],
              args: [
                '--listen=0.0.0.0:15017',
                '--tls-cert=/etc/webhook/certs/tls.crt',
                '--tls-key=/etc/webhook/certs/tls.key',
                `--revision=${rev === 'default' ? '' : rev}`,
              ],
              ports: [{ name: 'https-webhook', containerPort: INJECTOR_PORT, protocol: 'TCP' }],
              readinessProbe: probe('/readyz'),
              livenessProbe: probe('/healthz'),
              resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                runAsNonRoot: true,
                runAsUser: 1337,
                runAsGroup: 1337,
                capabilities: { drop: ['ALL'] },
              },
              volumeMounts: [{ name: 'webhook-certs', mountPath: '/etc/webhook/certs', readOnly: true }],
            },
          ],
          volumes: [
            { name: 'webhook-certs', secret: { secretName: o.tlsSecretName ?? `${name}-webhook-tls` } },
          ],
        },
      },
    },
  };
}

export function injectorService(o: InjectorDeploymentOptions = {}): Record<string, unknown> {
  const rev = o.revision === undefined || o.revision === '' ? 'default' : o.revision;
  const name = o.name ?? (rev === 'default' ? 'istiod' : `istiod-${rev}`);
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name,
      namespace: o.namespace ?? 'istio-system',
      labels: { app: 'minimesh-injector', 'istio.io/rev': rev },
    },
    spec: {
      selector: { app: 'minimesh-injector', 'istio.io/rev': rev },
      ports: [{ name: 'https-webhook', port: 443, targetPort: INJECTOR_PORT, protocol: 'TCP' }],
    },
  };
}

/** Service, Deployment and MutatingWebhookConfiguration as one YAML stream, in apply order. */
export function injectorManifests(o: InjectorDeploymentOptions & WebhookConfigOptions = {}): string {
  const docs = [
    injectorService(o),
    injectorDeployment(o),
    mutatingWebhookConfiguration({ ...o, serviceName: o.serviceName ?? o.name }),
  ];
  return docs.map((d) => stringify(d, { lineWidth: 0 })).join('---\n');
}
