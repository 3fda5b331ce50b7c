// Shows where an Istio resource (or a field of it) lives: `Kind namespace/name` then `file:line` and the field path.
import type { SourceRef } from '@minimesh/cli/dashboard-protocol';
import { refLocation, refName } from '../views/view-format.js';

export interface SourceRefProps {
  readonly ref_: SourceRef;
  /** Hide the kind and name (when the row already says them). */
  readonly locationOnly?: boolean;
}

export function SourceRefText({ ref_, locationOnly }: SourceRefProps) {
  const location = refLocation(ref_);
  return (
    <span class="source-ref" title={`${refName(ref_)}${location ? ` at ${location}` : ''}`}>
      {locationOnly ? null : <span class="source-ref-name">{refName(ref_)}</span>}
      {location ? (
        <>
          {locationOnly ? '' : ' at '}
          <code class="source-ref-loc">{location}</code>
        </>
      ) : null}
      {ref_.field ? (
        <>
          {' '}
          <code class="source-ref-field">{ref_.field}</code>
        </>
      ) : null}
    </span>
  );
}
