// A health dot plus its word, coloured like Kiali; the word keeps it readable without colour.
import type { Health } from '@minimesh/cli/dashboard-protocol';
import { HEALTH_COLOR } from './metric-format.js';

export function HealthBadge({ health, compact = false }: { health: Health; compact?: boolean }) {
  return (
    <span class={`health health-${health}`} data-health={health} title={`health: ${health}`}>
      <span class="health-dot" style={{ background: HEALTH_COLOR[health] }} aria-hidden="true" />
      {compact ? null : <span class="health-word">{health}</span>}
    </span>
  );
}
