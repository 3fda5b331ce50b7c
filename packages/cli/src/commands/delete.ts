// `mesh delete -f FILE|DIR [...]`: removes the resources the files name from a running dev mesh (POST /delete on its
// control API), printed as `kubectl delete -f` prints them: `virtualservice.networking.istio.io "reviews" deleted`,
// and for a resource the mesh does not have, on stderr with exit status 1:
// `Error from server (NotFound): virtualservices.networking.istio.io "reviews" not found`.
import type { ResourceResult } from '../dev/control-plane-store.js';
import { type ChangeCommandOptions, changeCommand, resourcePlural, resourceType } from './apply.js';
import type { CommandOutcome } from './inject.js';

/** One result line of `mesh delete`. */
export function deleteLine(r: ResourceResult): { out?: string; err?: string } {
  if (r.action === 'not found')
    return { err: `Error from server (NotFound): ${resourcePlural(r)} "${r.name}" not found` };
  return { out: `${resourceType(r)} "${r.name}" ${r.action}` };
}

/** `mesh delete`: never throws for bad input or an absent mesh (a clear message and exit status 1). */
export function deleteCommand(options: ChangeCommandOptions): Promise<CommandOutcome> {
  return changeCommand('delete', options, deleteLine);
}
