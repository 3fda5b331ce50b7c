// request_headers_to_add / _remove and response_headers_to_add / _remove, at the route, virtual host and route
// configuration levels. Headers are a plain object with lower-case names, a repeated header as an array (node's
// IncomingHttpHeaders form). append_action as Envoy: APPEND_IF_EXISTS_OR_ADD (the default), ADD_IF_ABSENT,
// OVERWRITE_IF_EXISTS_OR_ADD, OVERWRITE_IF_EXISTS; the deprecated `append` BoolValue, when set, means
// APPEND_IF_EXISTS_OR_ADD (true) or OVERWRITE_IF_EXISTS_OR_ADD (false). An empty value is skipped unless
// keep_empty_value. Envoy's order, with most_specific_header_mutations_wins unset: route, then virtual host, then
// route configuration, so the least specific level has the last word. Removals come before additions.
import type { Route } from '@minimesh/model/xds';

type HeaderValueOption = NonNullable<Route['request_headers_to_add']>[number];

export type HeaderMap = Record<string, string | string[] | undefined>;

type Action =
  | 'APPEND_IF_EXISTS_OR_ADD'
  | 'ADD_IF_ABSENT'
  | 'OVERWRITE_IF_EXISTS_OR_ADD'
  | 'OVERWRITE_IF_EXISTS';

export interface CompiledHeaderOption {
  readonly name: string;
  readonly value: string;
  readonly action: Action;
  readonly keepEmpty: boolean;
}

/** One level's mutation: names to remove (lower case) and values to add. */
export interface HeaderMutation {
  readonly remove: readonly string[];
  readonly add: readonly CompiledHeaderOption[];
}

export const NO_MUTATION: HeaderMutation = { remove: [], add: [] };

function actionOf(o: HeaderValueOption): Action {
  if (o.append !== undefined && o.append !== null) {
    return o.append.value === true ? 'APPEND_IF_EXISTS_OR_ADD' : 'OVERWRITE_IF_EXISTS_OR_ADD';
  }
  return (String(o.append_action ?? 'APPEND_IF_EXISTS_OR_ADD') as Action) ?? 'APPEND_IF_EXISTS_OR_ADD';
}

export function compileHeaderMutation(
  add: readonly HeaderValueOption[] | undefined,
  remove: readonly string[] | undefined,
): HeaderMutation {
  if ((add === undefined || add.length === 0) && (remove === undefined || remove.length === 0))
    return NO_MUTATION;
  return {
    remove: (remove ?? []).map((n) => n.toLowerCase()),
    add: (add ?? []).map((o) => ({
      name: (o.header?.key ?? '').toLowerCase(),
      value:
        o.header?.value ??
        (o.header?.raw_value ? Buffer.from(o.header.raw_value as Uint8Array).toString() : ''),
      action: actionOf(o),
      keepEmpty: o.keep_empty_value === true,
    })),
  };
}

/** Applies `m` to `headers` in place. */
export function applyHeaderMutation(headers: HeaderMap, m: HeaderMutation): void {
  for (const name of m.remove) delete headers[name];
  for (const o of m.add) {
    if (o.value === '' && !o.keepEmpty) continue;
    const current = headers[o.name];
    switch (o.action) {
      case 'APPEND_IF_EXISTS_OR_ADD':
        if (current === undefined) headers[o.name] = o.value;
        else headers[o.name] = Array.isArray(current) ? [...current, o.value] : [current, o.value];
        break;
      case 'ADD_IF_ABSENT':
        if (current === undefined) headers[o.name] = o.value;
        break;
      case 'OVERWRITE_IF_EXISTS_OR_ADD':
        headers[o.name] = o.value;
        break;
      case 'OVERWRITE_IF_EXISTS':
        if (current !== undefined) headers[o.name] = o.value;
        break;
    }
  }
}
