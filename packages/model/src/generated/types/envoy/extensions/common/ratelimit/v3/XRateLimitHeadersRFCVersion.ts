// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/common/ratelimit/v3/ratelimit.proto

/**
 * Defines the version of the standard to use for X-RateLimit headers.
 */
export const XRateLimitHeadersRFCVersion = {
  /**
   * X-RateLimit headers disabled.
   */
  OFF: 'OFF',
  /**
   * Use `draft RFC Version 03 <https://tools.ietf.org/id/draft-polli-ratelimit-headers-03.html>`_ where 3 headers will be added:
   * 
   * * ``X-RateLimit-Limit`` - indicates the request-quota associated to the
   * client in the current time-window followed by the description of the
   * quota policy. The value is returned by the maximum tokens of the token bucket.
   * * ``X-RateLimit-Remaining`` - indicates the remaining requests in the
   * current time-window. The value is returned by the remaining tokens in the token bucket.
   * * ``X-RateLimit-Reset`` - indicates the number of seconds until reset of
   * the current time-window. The value is returned by the remaining fill interval of the token bucket.
   */
  DRAFT_VERSION_03: 'DRAFT_VERSION_03',
} as const;

/**
 * Defines the version of the standard to use for X-RateLimit headers.
 */
export type XRateLimitHeadersRFCVersion =
  /**
   * X-RateLimit headers disabled.
   */
  | 'OFF'
  | 0
  /**
   * Use `draft RFC Version 03 <https://tools.ietf.org/id/draft-polli-ratelimit-headers-03.html>`_ where 3 headers will be added:
   * 
   * * ``X-RateLimit-Limit`` - indicates the request-quota associated to the
   * client in the current time-window followed by the description of the
   * quota policy. The value is returned by the maximum tokens of the token bucket.
   * * ``X-RateLimit-Remaining`` - indicates the remaining requests in the
   * current time-window. The value is returned by the remaining tokens in the token bucket.
   * * ``X-RateLimit-Reset`` - indicates the number of seconds until reset of
   * the current time-window. The value is returned by the remaining fill interval of the token bucket.
   */
  | 'DRAFT_VERSION_03'
  | 1

/**
 * Defines the version of the standard to use for X-RateLimit headers.
 */
export type XRateLimitHeadersRFCVersion__Output = typeof XRateLimitHeadersRFCVersion[keyof typeof XRateLimitHeadersRFCVersion]
