// The EnvoyFilter patches that apply to one proxy, as istiod 1.30 prepares them (pilot/pkg/model/envoyfilter.go
// convertToEnvoyFilterWrapper, push_context.go EnvoyFilters): filters of the root namespace and the proxy's
// namespace that select it, in the registry's order (priority, root namespace first, namespace/name); each
// configPatches[i] whose proxy match (version regex, metadata) fits, with its value converted from proto3 JSON into
// the model's typed xDS object form. A value that does not convert (unknown field, unknown or misplaced @type, wrong
// value type) becomes a message and the patch is skipped; it never throws.
import {
  CodecError,
  compileRe2,
  type EnvoyConfigObjectPatch,
  type EnvoyFilter,
  fromProto3Json,
  type LoadedResource,
} from '@minimesh/model';
import type { MessageSeverity, MessageSink } from '../messages.js';
import type { MeshProxy } from '../proxy.js';
import type { PushContext } from '../push-context.js';
import { EnvoyFilterMessageCode } from './codes.js';
import type { ObjectForm } from './proto-merge.js';

export type ApplyTo = NonNullable<EnvoyConfigObjectPatch['applyTo']>;
export type PatchOperation = NonNullable<NonNullable<EnvoyConfigObjectPatch['patch']>['operation']>;
export type PatchContext = 'ANY' | 'SIDECAR_INBOUND' | 'SIDECAR_OUTBOUND' | 'GATEWAY';
export type PatchMatch = NonNullable<EnvoyConfigObjectPatch['match']>;

/** The message each applyTo's value decodes as (istio pkg/config/xds BuildXDSObjectFromStruct). */
export const VALUE_TYPES: Readonly<Partial<Record<ApplyTo, string>>> = {
  LISTENER: 'envoy.config.listener.v3.Listener',
  LISTENER_FILTER: 'envoy.config.listener.v3.ListenerFilter',
  FILTER_CHAIN: 'envoy.config.listener.v3.FilterChain',
  NETWORK_FILTER: 'envoy.config.listener.v3.Filter',
  HTTP_FILTER: 'envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter',
  ROUTE_CONFIGURATION: 'envoy.config.route.v3.RouteConfiguration',
  VIRTUAL_HOST: 'envoy.config.route.v3.VirtualHost',
  HTTP_ROUTE: 'envoy.config.route.v3.Route',
  CLUSTER: 'envoy.config.cluster.v3.Cluster',
  EXTENSION_CONFIG: 'envoy.config.core.v3.TypedExtensionConfig',
  BOOTSTRAP: 'envoy.config.bootstrap.v3.Bootstrap',
};

/** One configPatches entry ready to apply. */
export interface CompiledPatch {
  readonly applyTo: ApplyTo;
  readonly operation: PatchOperation;
  /** The match, or a match-everything `{ context: 'ANY' }` when the patch has none (as istiod does). */
  readonly match: PatchMatch;
  /** The value in object form (undefined for REMOVE). */
  readonly value?: ObjectForm;
  readonly filter: LoadedResource<EnvoyFilter>;
  /** Index in spec.configPatches. */
  readonly index: number;
}

/** Node metadata a proxy match may test: what the agent sends for this proxy (string values only). */
export function proxyMetadata(proxy: MeshProxy): Record<string, string> {
  return {
    NAMESPACE: proxy.namespace,
    NAME: proxy.workloadName,
    ...(proxy.istioVersion === undefined ? {} : { ISTIO_VERSION: proxy.istioVersion }),
    ...(proxy.serviceAccount === undefined ? {} : { SERVICE_ACCOUNT: proxy.serviceAccount }),
  };
}

/** istiod proxyMatch: version regex (unanchored, as Go's MatchString; no version means no match) and metadata. */
function proxyMatches(
  match: PatchMatch,
  proxy: MeshProxy,
  metadata: Readonly<Record<string, string>>,
): boolean {
  const pm = match.proxy;
  if (pm === undefined) return true;
  const version = pm.proxyVersion;
  if (version !== undefined && version !== '') {
    // istiod fails closed on patterns over 1024 characters.
    if (version.length > 1024 || proxy.istioVersion === undefined || proxy.istioVersion === '') return false;
    try {
      if (!compileRe2(version).matcher(proxy.istioVersion).find()) return false;
    } catch {
      return false; // validation reports a pattern that does not compile; it matches nothing
    }
  }
  for (const [k, v] of Object.entries(pm.metadata ?? {})) if (metadata[k] !== v) return false;
  return true;
}

/** The operations that insert into a list; on other applyTo values istiod turns them into ADD. */
const INSERTS = new Set<PatchOperation>(['INSERT_BEFORE', 'INSERT_AFTER', 'INSERT_FIRST']);
const LIST_MEMBERS = new Set<ApplyTo>(['HTTP_FILTER', 'NETWORK_FILTER', 'HTTP_ROUTE', 'LISTENER_FILTER']);

/** One configPatches entry compiled: the patch, or the problem to report (or neither: validation reports it). */
interface Compiled {
  readonly patch?: CompiledPatch;
  readonly problem?: {
    readonly code: string;
    readonly severity: MessageSeverity;
    readonly text: string;
    readonly path: (string | number)[];
  };
}

/**
 * Compiled configPatches per loaded EnvoyFilter (immutable, so shared by every proxy and push that sees that
 * version of it); the compiled values are never modified: patching always copies them.
 */
const compiledCache = new WeakMap<LoadedResource<EnvoyFilter>, readonly Compiled[]>();

function compiledOf(filter: LoadedResource<EnvoyFilter>): readonly Compiled[] {
  let out = compiledCache.get(filter);
  if (out === undefined) {
    out = (filter.object.spec.configPatches ?? []).map((cp, index) => compileOne(filter, cp, index));
    compiledCache.set(filter, out);
  }
  return out;
}

/**
 * The problems of one EnvoyFilter's patches (values that do not decode, patches minimesh does not apply), whatever
 * proxy it selects: what an analyzer (`istioctl analyze` style) reports for it.
 */
export function reportEnvoyFilterProblems(filter: LoadedResource<EnvoyFilter>, sink: MessageSink): void {
  for (const { problem } of compiledOf(filter))
    if (problem !== undefined) sink.about(filter, problem.code, problem.severity, problem.text, problem.path);
}

/** The patches for `proxy`, in application order; problems of the EnvoyFilters that select it go to `sink`. */
export function compilePatches(
  proxy: MeshProxy,
  push: PushContext,
  sink: MessageSink,
  metadata: Readonly<Record<string, string>> = proxyMetadata(proxy),
): CompiledPatch[] {
  const out: CompiledPatch[] = [];
  for (const filter of push.registry.envoyFiltersFor(proxy.namespace, proxy.labels)) {
    for (const { patch, problem } of compiledOf(filter)) {
      if (problem !== undefined)
        sink.about(filter, problem.code, problem.severity, problem.text, problem.path);
      if (patch !== undefined && proxyMatches(patch.match, proxy, metadata)) out.push(patch);
    }
  }
  return out;
}

function compileOne(
  filter: LoadedResource<EnvoyFilter>,
  cp: EnvoyConfigObjectPatch,
  index: number,
): Compiled {
  const at = ['spec', 'configPatches', index];
  const applyTo = cp.applyTo;
  const op = cp.patch?.operation;
  // Validation reports these; istiod's wrapper skips a patch without one too. Waypoint patches are ambient only.
  if (applyTo === undefined || applyTo === 'INVALID' || op === undefined || op === 'INVALID') return {};
  if (cp.match?.context === 'WAYPOINT') return {};
  const typeName = VALUE_TYPES[applyTo];
  if (typeName === undefined) return {};
  let value: ObjectForm | undefined;
  const raw = cp.patch?.value;
  // istiod's validation rejects an unknown @type and only warns about an unknown field (istiod then applies the
  // value without it). minimesh decodes strictly and skips both: it cannot know what a field it lacks would do.
  if (raw !== undefined && op !== 'REMOVE') {
    try {
      value = fromProto3Json(typeName, raw) as ObjectForm;
    } catch (error) {
      const codec = error instanceof CodecError;
      const path = codec && error.path !== '' ? error.path.split(/[.[\]]+/).filter((s) => s !== '') : [];
      const reason = error instanceof Error ? error.message : String(error);
      return {
        problem: {
          code: EnvoyFilterMessageCode.InvalidValue,
          severity: 'Error',
          text: `configPatches[${index}]: the ${applyTo} patch value is not a valid ${typeName}: ${reason}; the patch is skipped`,
          path: [...at, 'patch', 'value', ...path.map((s) => (/^\d+$/.test(s) ? Number(s) : s))],
        },
      };
    }
  } else if (op !== 'REMOVE') {
    return {}; // validation reports a missing value
  }
  if (applyTo === 'BOOTSTRAP' || applyTo === 'EXTENSION_CONFIG') {
    const what = applyTo === 'BOOTSTRAP' ? 'bootstrap the agent writes' : 'ECDS extension configs';
    return {
      problem: {
        code: EnvoyFilterMessageCode.NotApplied,
        severity: 'Info',
        text: `configPatches[${index}]: applyTo ${applyTo} patches the ${what}, which minimesh does not generate; the patch is not applied`,
        path: [...at, 'applyTo'],
      },
    };
  }
  const operation: PatchOperation = INSERTS.has(op) && !LIST_MEMBERS.has(applyTo) ? 'ADD' : op;
  const patch: CompiledPatch = {
    applyTo,
    operation,
    match: cp.match ?? { context: 'ANY' },
    ...(value === undefined ? {} : { value }),
    filter,
    index,
  };
  return { patch };
}

/** istiod patchContextMatch: the patch's context is the one being patched, or ANY (the default). */
export function contextMatches(patch: CompiledPatch, context: PatchContext): boolean {
  const c = patch.match.context ?? 'ANY';
  return c === 'ANY' || c === context;
}

/** ADD of a whole listener or cluster with context ANY only adds for sidecar outbound and gateways (istiod). */
export function addContextMatches(patch: CompiledPatch, context: PatchContext): boolean {
  const c = patch.match.context ?? 'ANY';
  if (c === 'ANY') return context === 'SIDECAR_OUTBOUND' || context === 'GATEWAY';
  return c === context;
}
