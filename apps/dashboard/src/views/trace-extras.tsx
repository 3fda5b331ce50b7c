// What a matched route adds on the way (fault injection, retries, timeout, mirrors, rewrite, redirect, direct
// response) and the simulated outcome, as steps of the trace panel's list.
import type { DecisionTrace } from '@minimesh/cli/dashboard-protocol';
import type { ComponentChildren } from 'preact';

type SimulationResult = DecisionTrace['result'];

function Extra(props: { label: string; children: ComponentChildren; tone?: 'bad' | 'note' }) {
  return (
    <li class={`trace-step ${props.tone ?? ''}`}>
      <span class="trace-step-label">{props.label}</span>
      <div class="trace-step-body">{props.children}</div>
    </li>
  );
}

function applies(flag: boolean): string {
  return flag ? 'applies to this request' : 'does not apply to this request';
}

export function TraceExtras({ result }: { result: SimulationResult }) {
  const { fault, retries, mirrors, rewrite, redirect, directResponse } = result;
  return (
    <>
      {fault?.delay ? (
        <Extra label="fault: delay" tone={fault.delay.applies ? 'bad' : 'note'}>
          {fault.delay.fixedDelay} for {fault.delay.percent}% of requests; {applies(fault.delay.applies)}
        </Extra>
      ) : null}
      {fault?.abort ? (
        <Extra label="fault: abort" tone={fault.abort.applies ? 'bad' : 'note'}>
          {fault.abort.httpStatus !== undefined
            ? `HTTP ${fault.abort.httpStatus}`
            : `gRPC ${fault.abort.grpcStatus}`}{' '}
          for {fault.abort.percent}% of requests; {applies(fault.abort.applies)}
        </Extra>
      ) : null}
      {retries ? (
        <Extra label="retries">
          {retries.numRetries} on <code>{retries.retryOn}</code>
          {retries.perTryTimeout ? `, per try timeout ${retries.perTryTimeout}` : ''}
          {retries.retriableStatusCodes && retries.retriableStatusCodes.length > 0
            ? `, statuses ${retries.retriableStatusCodes.join(', ')}`
            : ''}
        </Extra>
      ) : null}
      {result.timeout !== undefined ? (
        <Extra label="timeout">{result.timeout === '0s' ? 'disabled (0s)' : result.timeout}</Extra>
      ) : null}
      {(mirrors ?? []).map((m) => (
        <Extra key={m.cluster} label="mirror" tone={m.exists ? undefined : 'bad'}>
          <code>{m.cluster}</code> for {m.percent}% of requests; {applies(m.applies)}
          {m.exists ? '' : ' (the cluster does not exist: Envoy drops the mirror silently)'}
        </Extra>
      ))}
      {rewrite ? (
        <Extra label="rewrite">
          {rewrite.path ? (
            <>
              path to <code>{rewrite.path}</code>{' '}
            </>
          ) : null}
          {rewrite.authority ? (
            <>
              authority to <code>{rewrite.authority}</code>
            </>
          ) : null}
        </Extra>
      ) : null}
      {redirect ? (
        <Extra label="redirect">
          {redirect.status} to <code>{redirect.location}</code>
        </Extra>
      ) : null}
      {directResponse ? (
        <Extra label="direct response">
          {directResponse.status}
          {directResponse.body ? (
            <>
              {' '}
              body <code>{directResponse.body}</code>
            </>
          ) : null}
        </Extra>
      ) : null}
    </>
  );
}

const GOOD_OUTCOMES: ReadonlySet<string> = new Set(['routed', 'redirect', 'direct_response', 'passthrough']);

export function TraceOutcome({ result }: { result: SimulationResult }) {
  const good = GOOD_OUTCOMES.has(result.outcome) && result.error === undefined;
  return (
    <Extra label="outcome" tone={good ? undefined : 'bad'}>
      <strong>{result.outcome}</strong>
      {result.status !== undefined ? ` status ${result.status}` : ''}
      {result.responseFlag ? (
        <>
          {' '}
          flags <code>{result.responseFlag}</code>
        </>
      ) : null}
      {result.error ? (
        <p class="error-text">Envoy would reject a resource on the way: {result.error}</p>
      ) : null}
    </Extra>
  );
}
