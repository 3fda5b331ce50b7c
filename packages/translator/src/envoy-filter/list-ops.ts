// The list operations of EnvoyFilter patches on listener filters, network filters, HTTP filters and routes
// (istiod 1.30 envoyfilter/util.go insertBeforeFunc, insertAfterFunc, replaceFunc and the callers' fallbacks).
// Each returns a new list; the input is not modified. `hasTarget` says whether the patch names an element to
// act relative to (a filter name, a route match); `isTarget` tests one element against it.
import type { PatchOperation } from './compile-patches.js';

export interface ListOperation<E> {
  readonly operation: PatchOperation;
  readonly hasTarget: boolean;
  readonly isTarget: (element: E) => boolean;
  /** A fresh copy of the patch value for each insertion (the patch's own value is never shared). */
  readonly make: () => E;
}

/** What an operation did: the new list and whether the patch changed it. */
export interface ListResult<E> {
  readonly list: E[];
  readonly applied: boolean;
}

/**
 * Filters (listener, network, HTTP): ADD appends; INSERT_FIRST prepends; INSERT_AFTER / INSERT_BEFORE go after /
 * before the first target, or at the end / start when the patch names none (and nowhere when nothing is the
 * target); REPLACE replaces the first target; REMOVE removes every target (both need a target). MERGE and other
 * operations are no list changes.
 */
export function applyFilterListOperation<E>(list: readonly E[], op: ListOperation<E>): ListResult<E> {
  switch (op.operation) {
    case 'ADD':
      return { list: [...list, op.make()], applied: true };
    case 'INSERT_FIRST':
      return { list: [op.make(), ...list], applied: true };
    case 'INSERT_AFTER':
      if (!op.hasTarget) return { list: [...list, op.make()], applied: true };
      return insertAt(list, list.findIndex(op.isTarget), 1, op.make);
    case 'INSERT_BEFORE':
      if (!op.hasTarget) return { list: [op.make(), ...list], applied: true };
      return insertAt(list, list.findIndex(op.isTarget), 0, op.make);
    case 'REPLACE': {
      if (!op.hasTarget) return { list: [...list], applied: false };
      const i = list.findIndex(op.isTarget);
      if (i < 0) return { list: [...list], applied: false };
      const out = [...list];
      out[i] = op.make();
      return { list: out, applied: true };
    }
    case 'REMOVE': {
      if (!op.hasTarget) return { list: [...list], applied: false };
      const out = list.filter((e) => !op.isTarget(e));
      return { list: out, applied: out.length !== list.length };
    }
    default:
      return { list: [...list], applied: false };
  }
}

/**
 * Routes of a virtual host (istiod rc_patch.go patchHTTPRoutes): as filters for ADD, INSERT_AFTER and
 * INSERT_BEFORE; INSERT_FIRST prepends when the patch names no route, else only when some route is the target.
 * REMOVE and MERGE act on each route (route-patch.ts); REPLACE is not applied to routes by istiod.
 */
export function applyRouteListOperation<E>(list: readonly E[], op: ListOperation<E>): ListResult<E> {
  switch (op.operation) {
    case 'ADD':
    case 'INSERT_AFTER':
    case 'INSERT_BEFORE':
      return applyFilterListOperation(list, op);
    case 'INSERT_FIRST':
      if (op.hasTarget && !list.some(op.isTarget)) return { list: [...list], applied: false };
      return { list: [op.make(), ...list], applied: true };
    default:
      return { list: [...list], applied: false };
  }
}

function insertAt<E>(list: readonly E[], index: number, offset: 0 | 1, make: () => E): ListResult<E> {
  if (index < 0) return { list: [...list], applied: false };
  const out = [...list];
  out.splice(index + offset, 0, make());
  return { list: out, applied: true };
}
