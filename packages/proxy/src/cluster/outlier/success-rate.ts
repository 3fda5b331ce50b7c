// The interval sweep's statistics (Envoy's processSuccessRateEjections), for one origin (external: HTTP status
// codes; local: connect failures, resets and timeouts): among the hosts not ejected whose last interval had enough
// requests, success-rate outliers are those below mean - stdev_factor * stdev (population stdev, over hosts with at
// least success_rate_request_volume requests, when there are at least success_rate_minimum_hosts of them), and
// failure-percentage outliers those with 100 - success rate >= failure_percentage_threshold (over hosts with at
// least failure_percentage_request_volume requests, at least failure_percentage_minimum_hosts of them). Rates are
// percentages.

export interface HostRate<H> {
  readonly host: H;
  /** Success rate of the last complete interval, percent. */
  readonly rate: number;
  /** Requests in that interval. */
  readonly volume: number;
}

export interface SweepSettings {
  readonly successRateMinimumHosts: number;
  readonly successRateRequestVolume: number;
  readonly successRateStdevFactor: number;
  readonly failurePercentageThreshold: number;
  readonly failurePercentageMinimumHosts: number;
  readonly failurePercentageRequestVolume: number;
}

export interface SweepResult<H> {
  /** Mean success rate and ejection threshold (mean - factor * stdev); -1 when not computed (as /clusters prints). */
  readonly average: number;
  readonly ejectionThreshold: number;
  /** Hosts whose rate is shown: volume of at least the smaller of the two request volumes. */
  readonly shown: readonly HostRate<H>[];
  readonly successRateOutliers: readonly H[];
  readonly failurePercentageOutliers: readonly H[];
}

export function sweep<H>(rates: readonly HostRate<H>[], hostCount: number, s: SweepSettings): SweepResult<H> {
  const none: SweepResult<H> = {
    average: -1,
    ejectionThreshold: -1,
    shown: [],
    successRateOutliers: [],
    failurePercentageOutliers: [],
  };
  // Too few hosts in the cluster for either detector: nothing is computed.
  if (hostCount < s.successRateMinimumHosts && hostCount < s.failurePercentageMinimumHosts) return none;
  const shown = rates.filter(
    (r) => r.volume >= Math.min(s.successRateRequestVolume, s.failurePercentageRequestVolume),
  );
  const forRate = rates.filter((r) => r.volume >= s.successRateRequestVolume);
  const forPercentage = rates.filter((r) => r.volume >= s.failurePercentageRequestVolume);
  let average = -1;
  let ejectionThreshold = -1;
  const successRateOutliers: H[] = [];
  if (forRate.length > 0 && forRate.length >= s.successRateMinimumHosts) {
    const mean = forRate.reduce((sum, r) => sum + r.rate, 0) / forRate.length;
    const variance = forRate.reduce((sum, r) => sum + (r.rate - mean) ** 2, 0) / forRate.length;
    average = mean;
    ejectionThreshold = mean - s.successRateStdevFactor * Math.sqrt(variance);
    for (const r of forRate) if (r.rate < ejectionThreshold) successRateOutliers.push(r.host);
  }
  const failurePercentageOutliers: H[] = [];
  if (forPercentage.length > 0 && forPercentage.length >= s.failurePercentageMinimumHosts) {
    for (const r of forPercentage) {
      if (100 - r.rate >= s.failurePercentageThreshold) failurePercentageOutliers.push(r.host);
    }
  }
  return { average, ejectionThreshold, shown, successRateOutliers, failurePercentageOutliers };
}
