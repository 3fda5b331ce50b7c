// VirtualService `headers` (request / response set, add, remove) -> Envoy header options (istiod 1.30
// translateHeadersOperations). `set` overwrites (OVERWRITE_IF_EXISTS_OR_ADD), `add` appends
// (APPEND_IF_EXISTS_OR_ADD); keys are sorted for deterministic output. Setting `:authority` / `host` on the
// request is an authority rewrite, which istiod turns into host_rewrite_literal instead of a header.
import type { Headers } from '@minimesh/model';

/** Envoy HeaderValueOption in the codec's input form. */
export interface HeaderOption {
  header: { key: string; value: string };
  append_action: 'OVERWRITE_IF_EXISTS_OR_ADD' | 'APPEND_IF_EXISTS_OR_ADD';
}

export interface HeaderOperations {
  readonly requestHeadersToAdd: HeaderOption[];
  readonly requestHeadersToRemove: string[];
  readonly responseHeadersToAdd: HeaderOption[];
  readonly responseHeadersToRemove: string[];
  /** The authority a request `set` / `add` of `:authority` or `host` asks for ('' when none). */
  readonly authority: string;
}

type Operations = NonNullable<Headers['request']>;

function isAuthority(name: string): boolean {
  const n = name.toLowerCase();
  return n === ':authority' || n === 'host';
}

function options(ops: Operations | undefined, request: boolean): { add: HeaderOption[]; authority: string } {
  const add: HeaderOption[] = [];
  let authority = '';
  const each = (
    map: Readonly<Record<string, string>> | undefined,
    action: HeaderOption['append_action'],
  ): void => {
    for (const key of Object.keys(map ?? {}).sort()) {
      const value = map?.[key] ?? '';
      if (request && isAuthority(key)) authority = value;
      else add.push({ header: { key, value }, append_action: action });
    }
  };
  each(ops?.set, 'OVERWRITE_IF_EXISTS_OR_ADD');
  each(ops?.add, 'APPEND_IF_EXISTS_OR_ADD');
  return { add, authority };
}

/** The Envoy header operations of a VirtualService `headers` block (absent: none). */
export function translateHeaders(h: Headers | undefined): HeaderOperations {
  const req = options(h?.request, true);
  const res = options(h?.response, false);
  return {
    requestHeadersToAdd: req.add,
    requestHeadersToRemove: [...(h?.request?.remove ?? [])],
    responseHeadersToAdd: res.add,
    responseHeadersToRemove: [...(h?.response?.remove ?? [])],
    authority: req.authority,
  };
}

/** The route / weighted-cluster fields of header operations, empty lists left out (proto3 canonical form). */
export function headerFields(ops: HeaderOperations): {
  request_headers_to_add?: HeaderOption[];
  request_headers_to_remove?: string[];
  response_headers_to_add?: HeaderOption[];
  response_headers_to_remove?: string[];
} {
  return {
    ...(ops.requestHeadersToAdd.length > 0 ? { request_headers_to_add: ops.requestHeadersToAdd } : {}),
    ...(ops.requestHeadersToRemove.length > 0
      ? { request_headers_to_remove: ops.requestHeadersToRemove }
      : {}),
    ...(ops.responseHeadersToAdd.length > 0 ? { response_headers_to_add: ops.responseHeadersToAdd } : {}),
    ...(ops.responseHeadersToRemove.length > 0
      ? { response_headers_to_remove: ops.responseHeadersToRemove }
      : {}),
  };
}
