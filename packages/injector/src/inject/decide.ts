// Whether a pod gets a sidecar, as Istio decides it: the webhook's namespace and object selectors (namespace
// label `istio-injection` or `istio.io/rev`, pod label `sidecar.istio.io/inject`) and the webhook's own
// `injectRequired` (hostNetwork, system namespaces, the pod's label or annotation, the injection policy).
// A skip is never an error: it has a stable code and a sentence, as Linkerd's injection report gives them.
import type { ObjectMetaLike, PodSpecLike, StringMap } from '../types.js';
import { A, L } from './annotations.js';
import { IGNORED_NAMESPACES } from './config.js';

export const SkipCode = {
  HostNetwork: 'host_network_enabled',
  IgnoredNamespace: 'system_namespace',
  PodDisabled: 'injection_disabled_by_pod',
  NamespaceDisabled: 'injection_disabled_by_namespace',
  NamespaceNotEnabled: 'injection_not_enabled',
  OtherRevision: 'other_revision',
} as const;
export type SkipCode = (typeof SkipCode)[keyof typeof SkipCode];

export interface Skip {
  readonly code: SkipCode;
  readonly message: string;
}

/** `enabled`: inject unless the pod opts out; `disabled`: only pods that opt in (Istio's `policy`). */
export type InjectionPolicy = 'enabled' | 'disabled';

export interface DecideInput {
  metadata: ObjectMetaLike;
  spec: PodSpecLike;
  /** The namespace the pod is created in (from the request when the pod has none). */
  namespace: string;
  /**
   * Labels of that namespace, when known (the webhook reads them from its namespace selector's view; kube-inject
   * does not know them and injects as Istio's kube-inject does, with policy enabled).
   */
  namespaceLabels?: StringMap | undefined;
  /** The injector's revision ("" or "default" for the default revision). */
  revision: string;
  policy: InjectionPolicy;
  /** How messages name the pod (default `pod <ns>/<name>`; kube-inject names the workload, e.g. `Deployment ns/web`). */
  subject?: string | undefined;
}

/** The pod's name for messages: its name, else generateName followed by "***" (as Istio's potentialPodName). */
export function podDisplayName(meta: ObjectMetaLike): string {
  if (meta.name) return meta.name;
  if (meta.generateName) return `${meta.generateName}***`;
  return '';
}

/** Returns why the pod is skipped, or undefined when it gets a sidecar. */
export function decide(input: DecideInput): Skip | undefined {
  const { metadata, spec, namespace } = input;
  const who = input.subject ?? `pod ${namespace}/${podDisplayName(metadata)}`;
  // hostNetwork pods share the node's network namespace: iptables rules would capture the node's traffic.
  if (spec.hostNetwork === true) {
    return { code: SkipCode.HostNetwork, message: `${who} has host networking enabled` };
  }
  if (IGNORED_NAMESPACES.includes(namespace)) {
    return { code: SkipCode.IgnoredNamespace, message: `${who} is in the system namespace ${namespace}` };
  }
  const labels = metadata.labels ?? {};
  const annotations = metadata.annotations ?? {};
  // The label is the newer API; when both are present the label wins.
  const selector = Object.hasOwn(labels, L.inject) ? labels[L.inject] : annotations[A.inject];
  if (selector === 'false') {
    return { code: SkipCode.PodDisabled, message: `${who} has ${L.inject}=false` };
  }
  const podOptIn = selector === 'true';

  const nsLabels = input.namespaceLabels;
  if (nsLabels !== undefined) return selectorSkip(input, nsLabels, labels, podOptIn, who);
  if (!podOptIn && input.policy === 'disabled') {
    return {
      code: SkipCode.NamespaceNotEnabled,
      message: `injection policy is disabled and ${who} does not set ${L.inject}=true`,
    };
  }
  return undefined;
}

/**
 * The namespace and object selectors of Istio's MutatingWebhookConfiguration (see manifests/webhook-config.ts):
 * rev.namespace, rev.object, and for the default revision namespace and object. Undefined when one matches.
 */
function selectorSkip(
  input: DecideInput,
  ns: StringMap,
  labels: StringMap,
  podOptIn: boolean,
  who: string,
): Skip | undefined {
  const ourRev = input.revision === '' ? 'default' : input.revision;
  const isDefault = ourRev === 'default';
  const nsInjection = ns[L.namespaceInjection];
  const nsRev = ns[L.rev];
  const podRev = labels[L.rev];
  const matched =
    (nsRev === ourRev && nsInjection === undefined) ||
    (nsRev === undefined && nsInjection === undefined && podRev === ourRev) ||
    (isDefault && nsInjection === 'enabled') ||
    (isDefault && nsInjection === undefined && nsRev === undefined && podOptIn && podRev === undefined);
  if (matched) return undefined;
  const namespace = input.namespace;
  if (nsInjection === 'disabled') {
    return {
      code: SkipCode.NamespaceDisabled,
      message: `namespace ${namespace} has istio-injection=disabled`,
    };
  }
  const otherRev = nsInjection === undefined ? (nsRev ?? podRev) : undefined;
  if (otherRev !== undefined && otherRev !== ourRev) {
    return {
      code: SkipCode.OtherRevision,
      message: `${who} selects revision ${otherRev}, this injector serves revision ${ourRev}`,
    };
  }
  return {
    code: SkipCode.NamespaceNotEnabled,
    message: `namespace ${namespace} has neither istio-injection=enabled nor istio.io/rev=${ourRev}, and ${who} does not opt in with ${L.inject}=true`,
  };
}
