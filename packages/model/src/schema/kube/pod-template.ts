// The pod shape a mesh reads: containers (names, ports, env, probes for injection), service account, host network,
// labels and annotations of the template. Every field name of Kubernetes' PodSpec and Container is known, so a
// typo is an error; the values of fields a mesh never reads (affinity, volumes' sources, ...) pass as written.
import { z } from 'zod';
import { objectMeta } from '../common.js';

/** A container port: `containerPort` is required, as Kubernetes requires it. */
export const containerPort = z.strictObject({
  containerPort: z.number().int().min(1).max(65535),
  name: z.string().optional(),
  protocol: z.enum(['TCP', 'UDP', 'SCTP']).optional(),
  hostPort: z.number().int().optional(),
  hostIP: z.string().optional(),
});

/** int-or-string, as Kubernetes' IntOrString: a port number or a named port. */
export const intOrString = z.union([z.number().int(), z.string()]);

const anything = z.unknown().optional();

/** A probe: the handler the injector rewrites (httpGet, tcpSocket, grpc, exec) and its timings. */
export const probe = z.strictObject({
  httpGet: z
    .strictObject({
      path: z.string().optional(),
      port: intOrString,
      host: z.string().optional(),
      scheme: z.enum(['HTTP', 'HTTPS']).optional(),
      httpHeaders: z.array(z.strictObject({ name: z.string(), value: z.string() })).optional(),
    })
    .optional(),
  tcpSocket: z.strictObject({ port: intOrString, host: z.string().optional() }).optional(),
  grpc: z.strictObject({ port: z.number().int(), service: z.string().optional() }).optional(),
  exec: z.strictObject({ command: z.array(z.string()).optional() }).optional(),
  initialDelaySeconds: z.number().int().optional(),
  timeoutSeconds: z.number().int().optional(),
  periodSeconds: z.number().int().optional(),
  successThreshold: z.number().int().optional(),
  failureThreshold: z.number().int().optional(),
  terminationGracePeriodSeconds: z.number().int().optional(),
});
export type Probe = z.infer<typeof probe>;

export const envVar = z.strictObject({
  name: z.string(),
  value: z.string().optional(),
  valueFrom: z.looseObject({}).optional(),
});

/**
 * Every field of Kubernetes' Container, so a typo is an error as with `kubectl --validate=strict`. The fields a
 * mesh reads are typed; the rest are listed and pass through as written.
 */
export const container = z.strictObject({
  name: z.string(),
  image: z.string().optional(),
  imagePullPolicy: z.enum(['Always', 'IfNotPresent', 'Never']).optional(),
  command: z.array(z.string()).optional(),
  args: z.array(z.string()).optional(),
  workingDir: z.string().optional(),
  ports: z.array(containerPort).optional(),
  env: z.array(envVar).optional(),
  envFrom: anything,
  resources: anything,
  resizePolicy: anything,
  restartPolicy: z.enum(['Always']).optional(),
  restartPolicyRules: anything,
  volumeMounts: anything,
  volumeDevices: anything,
  livenessProbe: probe.optional(),
  readinessProbe: probe.optional(),
  startupProbe: probe.optional(),
  lifecycle: anything,
  terminationMessagePath: z.string().optional(),
  terminationMessagePolicy: z.enum(['File', 'FallbackToLogsOnError']).optional(),
  securityContext: anything,
  stdin: z.boolean().optional(),
  stdinOnce: z.boolean().optional(),
  tty: z.boolean().optional(),
});
export type Container = z.infer<typeof container>;

/** Every field of Kubernetes' PodSpec (see container for how they are checked). */
export const podSpec = z.strictObject({
  containers: z.array(container),
  initContainers: z.array(container).optional(),
  ephemeralContainers: anything,
  serviceAccountName: z.string().optional(),
  serviceAccount: z.string().optional(),
  automountServiceAccountToken: z.boolean().optional(),
  hostNetwork: z.boolean().optional(),
  hostPID: z.boolean().optional(),
  hostIPC: z.boolean().optional(),
  hostUsers: z.boolean().optional(),
  shareProcessNamespace: z.boolean().optional(),
  nodeName: z.string().optional(),
  nodeSelector: z.record(z.string(), z.string()).optional(),
  volumes: z.array(z.looseObject({ name: z.string() })).optional(),
  restartPolicy: z.enum(['Always', 'OnFailure', 'Never']).optional(),
  terminationGracePeriodSeconds: z.number().int().optional(),
  activeDeadlineSeconds: z.number().int().optional(),
  dnsPolicy: z.enum(['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None']).optional(),
  dnsConfig: anything,
  hostname: z.string().optional(),
  hostnameOverride: z.string().optional(),
  subdomain: z.string().optional(),
  setHostnameAsFQDN: z.boolean().optional(),
  hostAliases: anything,
  affinity: anything,
  tolerations: anything,
  topologySpreadConstraints: anything,
  schedulerName: z.string().optional(),
  schedulingGates: anything,
  priorityClassName: z.string().optional(),
  priority: z.number().int().optional(),
  preemptionPolicy: z.string().optional(),
  runtimeClassName: z.string().optional(),
  overhead: anything,
  readinessGates: anything,
  resourceClaims: anything,
  resources: anything,
  securityContext: anything,
  imagePullSecrets: z.array(z.looseObject({ name: z.string().optional() })).optional(),
  enableServiceLinks: z.boolean().optional(),
  os: anything,
});
export type PodSpec = z.infer<typeof podSpec>;

export const podTemplateSpec = z.strictObject({
  metadata: objectMeta.optional(),
  spec: podSpec,
});
export type PodTemplateSpec = z.infer<typeof podTemplateSpec>;

/** A metav1.LabelSelector. */
export const labelSelector = z.strictObject({
  matchLabels: z.record(z.string(), z.string()).optional(),
  matchExpressions: z
    .array(
      z.strictObject({
        key: z.string(),
        operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
        values: z.array(z.string()).optional(),
      }),
    )
    .optional(),
});
export type LabelSelector = z.infer<typeof labelSelector>;
