// xDS matching semantics as pure functions over the generated Envoy types: the one implementation shared by the
// proxy (live traffic) and the translator's simulator (offline). Each matcher has a compile form (build once, then
// `match` per request or connection, no string building unless `explain`) and a plain form (compiles per call).
export {
  type Cidr,
  cidrContains,
  compileCidrRange,
  formatIp,
  type IpAddress,
  isLoopback,
  parseCidr,
  parseIp,
  sameIp,
} from './cidr.js';
export {
  type CompiledVirtualHosts,
  compileVirtualHosts,
  type DomainMismatch,
  getPortStart,
  type HostNormalization,
  hostLookupKey,
  matchVirtualHost,
  normalizeAuthority,
  type PortHandling,
  type VirtualHostMatch,
  type VirtualHostMatchOptions,
} from './domain-match.js';
export {
  type CompiledFilterChains,
  type ConnectionInfo,
  compileFilterChains,
  type FilterChainField,
  type FilterChainMatchResult,
  type FilterChainMismatch,
  matchFilterChain,
} from './filter-chain-match.js';
export { type CompiledHeaderMatcher, compileHeaderMatcher, matchHeaders } from './header-matcher.js';
export {
  type ExplainOption,
  type MatchResult,
  type MismatchReason,
  type RouteMismatchField,
  XDS_MATCH_CONFIG_ERROR,
  XdsMatchError,
} from './match-result.js';
export { checkRandom, parseInt64, parseUint64, type RandomValue } from './numbers.js';
export {
  type CompiledPathMatcher,
  compilePathMatcher,
  isConnectRequest,
  type PathMatchOptions,
  type PathSpecifier,
} from './path-match.js';
export { type CompiledQueryMatcher, compileQueryMatcher, matchQueryParameters } from './query-matcher.js';
export {
  type HttpHeaders,
  type HttpRequest,
  type NormalizedRequest,
  normalizeRequest,
  parseQueryFirstValues,
  RequestHeaders,
  type RequestTls,
  toRequestHeaders,
} from './request.js';
export {
  type CompiledRoute,
  type CompiledRoutes,
  compileRoute,
  compileRoutes,
  matchRoute,
  type RouteMatchEnv,
  type RouteMatchOptions,
} from './route-match.js';
export {
  type ClusterSelection,
  type ClusterSpecifier,
  type CompiledRouteConfig,
  compileRouteConfig,
  type RouteRequestOptions,
  type RouteRequestResult,
  type RouteRequestTrace,
  routeRequest,
} from './route-request.js';
export {
  type CompiledRuntimeFraction,
  compileRuntimeFraction,
  evaluateFractionalPercent,
  evaluateRuntimeFraction,
  fractionDenominator,
  type RuntimeValues,
} from './runtime-fraction.js';
export {
  type CompiledStringMatcher,
  compileRegexMatcher,
  compileStringMatcher,
  matchString,
} from './string-matcher.js';
export {
  type ClusterWeight,
  type CompiledWeightedClusters,
  compileWeightedClusters,
  type PickWeightedClusterOptions,
  pickWeightedCluster,
  type WeightedClusterMismatch,
  type WeightedClusterPick,
} from './weighted-clusters.js';
