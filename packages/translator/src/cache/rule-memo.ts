// The DestinationRules in effect for a host, merged, memoized per push and scope: EDS asks this once per cluster
// (the default cluster and every subset of a host), and a push asks it for every proxy of a scope. The match
// depends on the proxy's namespace and the labels rules select on, both part of the scope key.
import type { MeshDestinationRuleMatch } from '@minimesh/model';
import { type MergedDestinationRule, mergeDestinationRules } from '../cluster/traffic-policy.js';
import type { MeshProxy } from '../proxy.js';
import type { PushContext } from '../push-context.js';
import { scopeKey } from './cached-unit.js';

export interface RulesForHost {
  readonly match: MeshDestinationRuleMatch | undefined;
  readonly merged: MergedDestinationRule | undefined;
}

const memo = new WeakMap<PushContext, Map<string, RulesForHost>>();

/** `push.registry.destinationRuleFor(proxy.namespace, hostname, proxy.labels)` and its merge, memoized. */
export function rulesForHost(push: PushContext, proxy: MeshProxy, hostname: string): RulesForHost {
  let table = memo.get(push);
  if (table === undefined) {
    table = new Map();
    memo.set(push, table);
  }
  const key = `${scopeKey(push, proxy)}\u0000${hostname}`;
  let hit = table.get(key);
  if (hit === undefined) {
    const match = push.registry.destinationRuleFor(proxy.namespace, hostname, proxy.labels);
    hit = { match, merged: match === undefined ? undefined : mergeDestinationRules(match.rules) };
    table.set(key, hit);
  }
  return hit;
}
