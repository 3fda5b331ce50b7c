// The decision trace of one logged request (`#/requests/<id>`): the simulator's walk on the config version live when
// the request was made, shown as the request's path listener -> filter chain -> route config -> virtual host ->
// route (its VirtualService file:line and match) -> weighted pick -> subset/cluster -> endpoint, then what the route
// adds on the way (fault, retries, timeout, mirror, rewrite) and the simulator's own lines (why earlier routes did
// not match).
import type { DecisionTrace } from '@minimesh/cli/dashboard-protocol';
import type { ComponentChildren } from 'preact';
import { SourceRefText } from '../components/source-ref.js';
import { useLoad } from '../components/use-load.js';
import type { Send } from '../state.js';
import { TraceExtras, TraceOutcome } from './trace-extras.js';
import { formatClock, formatDuration, parseIstioCluster, statusText } from './view-format.js';

export interface TracePanelProps {
  readonly requestId: number;
  readonly send: Send;
  onClose(): void;
}

function Step(props: { label: string; children: ComponentChildren; missing?: boolean }) {
  return (
    <li class={props.missing ? 'trace-step missing' : 'trace-step'}>
      <span class="trace-step-label">{props.label}</span>
      <div class="trace-step-body">{props.children}</div>
    </li>
  );
}

function WeightedPick({ trace }: { trace: DecisionTrace }) {
  const pick = trace.result.weighted;
  if (!pick) return null;
  return (
    <Step label="weighted pick">
      <table class="data compact">
        <thead>
          <tr>
            <th scope="col">cluster</th>
            <th scope="col">weight</th>
            <th scope="col">share</th>
          </tr>
        </thead>
        <tbody>
          {pick.clusters.map((c, i) => (
            <tr key={c.name} class={i === pick.index ? 'chosen' : undefined}>
              <td>
                <code>{c.name}</code>
                {i === pick.index ? <strong class="chosen-mark"> chosen</strong> : null}
              </td>
              <td class="num">{c.weight}</td>
              <td class="num">
                {pick.totalWeight > 0 ? `${((c.weight / pick.totalWeight) * 100).toFixed(0)}%` : '-'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="hint">
        random value {pick.selectedValue} of total weight {pick.totalWeight}
      </p>
    </Step>
  );
}

function ClusterStep({ trace }: { trace: DecisionTrace }) {
  const cluster = trace.result.cluster;
  if (!cluster) return null;
  const parts = parseIstioCluster(cluster);
  return (
    <Step label="subset / cluster">
      <code>{cluster}</code>
      {parts ? (
        <p class="hint">
          {parts.direction} to <code>{parts.host}</code> port {parts.port}
          {parts.subset ? (
            <>
              {' '}
              subset <strong>{parts.subset}</strong>
            </>
          ) : (
            ' (no subset)'
          )}
        </p>
      ) : null}
      {trace.service ? (
        <p class="hint" data-testid="trace-service">
          <SourceRefText ref_={trace.service} />
        </p>
      ) : null}
      {trace.rule ? (
        <p class="hint" data-testid="trace-rule">
          <SourceRefText ref_={trace.rule} />
        </p>
      ) : null}
    </Step>
  );
}

function EndpointStep({ trace }: { trace: DecisionTrace }) {
  const endpoints = trace.result.endpoints;
  if (!endpoints) return null;
  const served = trace.request.endpoint;
  return (
    <Step label="endpoint" missing={endpoints.length === 0}>
      {endpoints.length === 0 ? <span>no healthy endpoint</span> : null}
      <ul class="plain">
        {endpoints.map((ep) => (
          <li key={ep} class={ep === served ? 'chosen' : undefined}>
            <code>{ep}</code> {trace.endpointWorkloads[ep] ?? ''}
            {ep === served ? <strong class="chosen-mark"> served this request</strong> : null}
          </li>
        ))}
      </ul>
      {served && !endpoints.includes(served) ? (
        <p class="hint">
          served by <code>{served}</code> {trace.endpointWorkloads[served] ?? ''}
        </p>
      ) : null}
      {trace.workload ? (
        <p class="hint" data-testid="trace-workload">
          <SourceRefText ref_={trace.workload} />
        </p>
      ) : null}
    </Step>
  );
}

function RouteStep({ trace }: { trace: DecisionTrace }) {
  const { result, matched } = trace;
  if (!result.route) return null;
  const config = result.config;
  return (
    <Step label="route">
      <code>{result.route.name ?? `#${result.route.index}`}</code>
      <span class="hint"> (route #{result.route.index} of the virtual host)</span>
      {matched ? (
        <div>
          <SourceRefText ref_={matched} />
        </div>
      ) : config ? (
        <div>
          <SourceRefText
            ref_={{
              kind: config.kind,
              namespace: config.namespace,
              name: config.name,
              ...(config.file === undefined ? {} : { file: config.file }),
              ...(config.line === undefined ? {} : { line: config.line }),
              ...(config.httpIndex === undefined ? {} : { field: `spec.http[${config.httpIndex}]` }),
            }}
          />
        </div>
      ) : (
        <p class="hint">no Istio resource behind this route (generated default)</p>
      )}
    </Step>
  );
}

export function TraceView({ trace }: { trace: DecisionTrace }) {
  const { request, result, call } = trace;
  return (
    <>
      <p class="trace-summary">
        <strong>{request.method}</strong> <code>{request.authority}</code>
        <code>{request.path}</code> from {request.source.workload} to {request.destination.workload}:{' '}
        <strong>{statusText(request)}</strong> {request.flags !== '-' ? <code>{request.flags}</code> : null}{' '}
        in {formatDuration(request.durationMs)} at {formatClock(request.time)}
      </p>
      <p class={trace.exactVersion ? 'trace-version' : 'trace-version inexact'}>
        Simulated on proxy <code>{trace.proxy}</code> with config version {trace.configVersion}{' '}
        {trace.exactVersion
          ? '(the version live when the request was made)'
          : `(version ${request.configVersion} is no longer kept; the current config was used, so this may differ)`}
      </p>
      <p class="hint">
        call: port {call.port}, host <code>{call.host}</code>, path <code>{call.path ?? '/'}</code>
        {call.headers && Object.keys(call.headers).length > 0
          ? `, headers ${Object.entries(call.headers)
              .map(([k, v]) => `${k}=${v}`)
              .join(' ')}`
          : ''}
      </p>
      <ol class="trace-steps">
        <Step label="listener" missing={!result.listener}>
          <code>{result.listener ?? 'none matched'}</code>
        </Step>
        {result.filterChain ? (
          <Step label="filter chain">
            <code>{result.filterChain}</code>{' '}
            {result.networkFilter ? <span class="hint">{result.networkFilter}</span> : null}
          </Step>
        ) : null}
        {result.routeConfig ? (
          <Step label="route config">
            <code>{result.routeConfig}</code>
          </Step>
        ) : null}
        {result.virtualHost ? (
          <Step label="virtual host">
            <code>{result.virtualHost}</code>
          </Step>
        ) : null}
        <RouteStep trace={trace} />
        <WeightedPick trace={trace} />
        <ClusterStep trace={trace} />
        <EndpointStep trace={trace} />
        <TraceExtras result={result} />
        <TraceOutcome result={result} />
      </ol>
      <h4>Simulator steps</h4>
      <ol class="trace-lines">
        {result.trace.map((line, i) => (
          <li
            key={i}
            class={/not match|no match|does not|did not|none /i.test(line) ? 'no-match' : undefined}
          >
            <code>{line}</code>
          </li>
        ))}
      </ol>
    </>
  );
}

/** Fetches and shows the trace of one request; `data-testid="trace"`. */
export function TracePanel({ requestId, send, onClose }: TracePanelProps) {
  const loaded = useLoad(String(requestId), () => send({ op: 'trace', requestId }));
  return (
    <section
      class="trace-panel"
      data-testid="trace"
      aria-label={`Decision trace of request ${requestId}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <header class="panel-header">
        <h3>Why request {requestId} went there</h3>
        <button type="button" onClick={onClose} aria-label="Close the trace">
          Close
        </button>
      </header>
      {loaded.status === 'loading' || loaded.status === 'idle' ? <p class="hint">Simulating…</p> : null}
      {loaded.status === 'error' ? <p class="error-text">Trace failed: {loaded.message}</p> : null}
      {loaded.status === 'ok' ? <TraceView trace={loaded.value} /> : null}
    </section>
  );
}
