// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/type/v3/ratelimit_unit.proto

/**
 * Identifies the unit of of time for rate limit.
 */
export const RateLimitUnit = {
  /**
   * The time unit is not known.
   */
  UNKNOWN: 'UNKNOWN',
  /**
   * The time unit representing a second.
   */
  SECOND: 'SECOND',
  /**
   * The time unit representing a minute.
   */
  MINUTE: 'MINUTE',
  /**
   * The time unit representing an hour.
   */
  HOUR: 'HOUR',
  /**
   * The time unit representing a day.
   */
  DAY: 'DAY',
  /**
   * The time unit representing a month.
   */
  MONTH: 'MONTH',
  /**
   * The time unit representing a year.
   */
  YEAR: 'YEAR',
} as const;

/**
 * Identifies the unit of of time for rate limit.
 */
export type RateLimitUnit =
  /**
   * The time unit is not known.
   */
  | 'UNKNOWN'
  | 0
  /**
   * The time unit representing a second.
   */
  | 'SECOND'
  | 1
  /**
   * The time unit representing a minute.
   */
  | 'MINUTE'
  | 2
  /**
   * The time unit representing an hour.
   */
  | 'HOUR'
  | 3
  /**
   * The time unit representing a day.
   */
  | 'DAY'
  | 4
  /**
   * The time unit representing a month.
   */
  | 'MONTH'
  | 5
  /**
   * The time unit representing a year.
   */
  | 'YEAR'
  | 6

/**
 * Identifies the unit of of time for rate limit.
 */
export type RateLimitUnit__Output = typeof RateLimitUnit[keyof typeof RateLimitUnit]
