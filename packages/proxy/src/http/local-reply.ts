// Envoy's local reply bodies and response code details for the replies the proxy makes itself.

export const LocalReply = {
  noRoute: { status: 404, body: '', details: 'route_not_found' },
  clusterNotFound: { status: 503, body: '', details: 'cluster_not_found' },
  noHealthyUpstream: { status: 503, body: 'no healthy upstream', details: 'no_healthy_upstream' },
  connectFailure: {
    status: 503,
    body: 'upstream connect error or disconnect/reset before headers. reset reason: connection failure',
    details: 'upstream_reset_before_response_started{connection_failure}',
  },
  reset: {
    status: 503,
    body: 'upstream connect error or disconnect/reset before headers. reset reason: connection termination',
    details: 'upstream_reset_before_response_started{connection_termination}',
  },
  overflow: {
    status: 503,
    body: 'upstream connect error or disconnect/reset before headers. reset reason: overflow',
    details: 'upstream_reset_before_response_started{overflow}',
  },
  timeout: { status: 504, body: 'upstream request timeout', details: 'upstream_response_timeout' },
  streamIdle: { status: 408, body: 'stream timeout', details: 'stream_idle_timeout' },
  faultAbort: { status: 0, body: 'fault filter abort', details: 'fault_filter_abort' },
  payloadTooLarge: { status: 413, body: 'Payload Too Large', details: 'request_payload_too_large' },
} as const;
