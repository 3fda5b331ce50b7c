// Fixed-rate load: RATE requests/s for SECONDS over keep-alive connections (undici Pool), latency per request from
// when it was sent (p50/p90/p99) and from when it was due (dueP50/dueP99: a stall counts for every request it
// delays, no coordinated omission; includes the pacer's 1 ms timer granularity). Prints a
// JSON line: { sent, ok, errors, p50, p90, p99, max, dueP50, dueP99 } in ms.
// The first WARMUP seconds (default 1) run at the same rate and are not recorded: the pacer's fresh connections
// (TCP handshakes through every hop, first requests on each) are not what a steady 1,000 requests/s costs.
//   node bench/pacer.mjs URL RATE SECONDS [WARMUP]
import { performance } from 'node:perf_hooks';
import hdr from 'hdr-histogram-js';
import { Pool } from 'undici';

const [url, rateArg, secondsArg, warmupArg] = process.argv.slice(2);
const rate = Number(rateArg ?? 1000);
const seconds = Number(secondsArg ?? 5);
const warmup = Math.round(rate * Number(warmupArg ?? 1));
const target = new URL(url);
const pool = new Pool(target.origin, { connections: 64, pipelining: 1 });
// Microseconds, 1 µs to 60 s, 3 significant digits.
const build = () =>
  hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 60_000_000,
    numberOfSignificantValueDigits: 3,
  });
// From the moment the request was handed to the client (service time) and from when it was due (includes the
// pacer's own timer lateness and any queueing: the coordinated-omission-free figure).
const histogram = build();
const fromDue = build();
const total = Math.round(rate * seconds) + warmup;
let sent = 0;
let done = 0;
let ok = 0;
let errors = 0;
const start = performance.now();

function fire(due, recorded) {
  const t0 = performance.now();
  pool
    .request({ method: 'GET', path: target.pathname, headers: { host: target.host } })
    .then(async (r) => {
      await r.body.dump();
      if (!recorded) return;
      if (r.statusCode === 200) ok++;
      else errors++;
    })
    .catch(() => {
      if (recorded) errors++;
    })
    .finally(() => {
      const now = performance.now();
      if (!recorded) {
        if (++done === total) finish();
        return;
      }
      histogram.recordValue(Math.max(1, Math.round((now - t0) * 1000)));
      fromDue.recordValue(Math.max(1, Math.round((now - due) * 1000)));
      if (++done === total) finish();
    });
}

function tick() {
  const now = performance.now();
  const due = Math.min(total, Math.floor(((now - start) * rate) / 1000) + 1);
  while (sent < due) {
    fire(start + (sent * 1000) / rate, sent >= warmup);
    sent++;
  }
  if (sent < total) setTimeout(tick, 1);
}

function finish() {
  const ms = (q, h = histogram) => h.getValueAtPercentile(q) / 1000;
  const result = {
    sent: sent - warmup,
    ok,
    errors,
    p50: ms(50),
    p90: ms(90),
    p99: ms(99),
    max: histogram.maxValue / 1000,
  };
  Object.assign(result, { dueP50: ms(50, fromDue), dueP99: ms(99, fromDue) });
  console.log(JSON.stringify(result));
  pool.close().then(() => process.exit(0));
}

tick();
