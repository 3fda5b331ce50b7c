import { it } from 'vitest';
import { ConfigHistory } from '../../src/dashboard/config/config-history.js';
import { decisionTrace } from '../../src/dashboard/config/decision-trace.js';
import { load, MANIFESTS, DR_ALL, SHIFT_50, nodeIdOf, reviewsRecord, reviews } from './config-fixtures.js';
it('x', async () => {
  const r = await load(MANIFESTS, DR_ALL, SHIFT_50);
  const h = new ConfigHistory(); h.record(1, 0, r);
  const t = decisionTrace(reviewsRecord(nodeIdOf(r, 'productpage-v1'), reviews('v3'), 5), h);
  console.log(JSON.stringify(t.matched), JSON.stringify(t.result.config));
  const i = decisionTrace(reviewsRecord(nodeIdOf(r, 'reviews-v1'), 'inbound|9080||', 5, {reporter: 'destination'}), h);
  console.log(JSON.stringify(i.call), i.result.trace.join('\n'));
});
