// The `grpc-simple` member of the template family (Istio's grpc-simple.yaml): proxyless gRPC. No proxy at all:
// an init container writes the xDS bootstrap file and every app container is pointed at it.
import type { ContainerLike, PodLike } from '../../types.js';
import type { TemplateInput, TemplateSwitches } from '../template-input.js';

const BOOTSTRAP_DIR = '/var/lib/grpc/data/';
const VOLUME = 'grpc-io-proxyless-bootstrap';

/** The shell script of the bootstrap init container; node id and xDS address as the agent would use them. */
function bootstrapScript(trustDomain: string): string {
  return [
    `NODE_ID="sidecar~\${INSTANCE_IP}~\${POD_NAME}.\${POD_NAMESPACE}~${trustDomain}"`,
    `SERVER_URI="dns:///istiod.\${ISTIO_NAMESPACE}.svc:15010"`,
    "echo '",
    '{',
    '  "xds_servers": [',
    '    {',
    `      "server_uri": "'\${SERVER_URI}'",`,
    '      "channel_creds": [{"type": "insecure"}],',
    '      "server_features" : ["xds_v3"]',
    '    }',
    '  ],',
    '  "node": {',
    `    "id": "'\${NODE_ID}'",`,
    '    "metadata": {',
    '      "GENERATOR": "grpc"',
    '    }',
    '  }',
    `}' > ${BOOTSTRAP_DIR}bootstrap.json`,
  ].join('\n');
}

export function grpcSimpleTemplate(input: TemplateInput, _sw: TemplateSwitches): PodLike {
  const fieldRef = (fieldPath: string) => ({ fieldRef: { fieldPath } });
  const init: ContainerLike = {
    name: 'grpc-bootstrap-init',
    image: 'busybox:1.28',
    volumeMounts: [{ mountPath: BOOTSTRAP_DIR, name: VOLUME }],
    env: [
      { name: 'INSTANCE_IP', valueFrom: fieldRef('status.podIP') },
      { name: 'POD_NAME', valueFrom: fieldRef('metadata.name') },
      { name: 'POD_NAMESPACE', valueFrom: fieldRef('metadata.namespace') },
      { name: 'ISTIO_NAMESPACE', value: `${input.values.istioNamespace}\n` },
    ],
    command: ['sh', '-c', bootstrapScript('cluster.local')],
  };
  const containers: ContainerLike[] = input.pod.spec.containers.map((c) => ({
    name: c.name,
    env: [
      { name: 'GRPC_XDS_BOOTSTRAP', value: `${BOOTSTRAP_DIR}bootstrap.json` },
      { name: 'GRPC_GO_LOG_VERBOSITY_LEVEL', value: '99' },
      { name: 'GRPC_GO_LOG_SEVERITY_LEVEL', value: 'info' },
    ],
    volumeMounts: [{ mountPath: BOOTSTRAP_DIR, name: VOLUME }],
  }));
  return {
    metadata: { annotations: { 'sidecar.istio.io/rewriteAppHTTPProbers': 'false' } },
    spec: { initContainers: [init], containers, volumes: [{ name: VOLUME, emptyDir: {} }] },
  };
}
