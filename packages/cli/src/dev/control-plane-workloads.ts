// Adapter from the workload plan (workloads.ts: pods, synthetic pod IPs, gateways) to what the control plane
// needs: the address plan's instances, and the instance of a connecting node (istiod looks the pod up by name).
import type { PlanInstance } from './address-plan.js';
import type { LocalWorkload, WorkloadPlan } from './workloads.js';

/** The address plan's view of the workload plan: TCP container ports, in order, each once. */
export function planInstances(plan: WorkloadPlan): PlanInstance[] {
  return plan.instances.map((w) => ({
    podName: w.podName,
    namespace: w.namespace,
    podIP: w.address,
    kind: w.proxyType === 'router' ? 'gateway' : 'sidecar',
    containerPorts: [...new Set(w.containerPorts.filter((p) => p.protocol === 'TCP').map((p) => p.port))],
  }));
}

/** The workload of pod `podName` in `namespace`, as istiod finds the pod of a connecting proxy. */
export function workloadOfPod(
  plan: WorkloadPlan,
  podName: string,
  namespace: string,
): LocalWorkload | undefined {
  return plan.instances.find((w) => w.podName === podName && w.namespace === namespace);
}
