// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/common/ratelimit/v3/ratelimit.proto

export const VhRateLimitsOptions = {
  /**
   * Use the virtual host rate limits unless the route has a rate limit policy.
   */
  OVERRIDE: 'OVERRIDE',
  /**
   * Use the virtual host rate limits even if the route has a rate limit policy.
   */
  INCLUDE: 'INCLUDE',
  /**
   * Ignore the virtual host rate limits even if the route does not have a rate limit policy.
   */
  IGNORE: 'IGNORE',
} as const;

export type VhRateLimitsOptions =
  /**
   * Use the virtual host rate limits unless the route has a rate limit policy.
   */
  | 'OVERRIDE'
  | 0
  /**
   * Use the virtual host rate limits even if the route has a rate limit policy.
   */
  | 'INCLUDE'
  | 1
  /**
   * Ignore the virtual host rate limits even if the route does not have a rate limit policy.
   */
  | 'IGNORE'
  | 2

export type VhRateLimitsOptions__Output = typeof VhRateLimitsOptions[keyof typeof VhRateLimitsOptions]
