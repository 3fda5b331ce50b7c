// Errors of the proxy, each a class with a stable code. ConfigRejectedError is what the xDS client turns into a
// NACK: its message is the error_detail sent to the control plane, naming the resource and the field.

/** Stable codes of ProxyError. */
export const ProxyErrorCode = {
  /** A resource the proxy cannot honour (the xDS client NACKs it and keeps the last good config). */
  ConfigRejected: 'PROXY_CONFIG_REJECTED',
  /** An invalid startProxy option or CLI flag. */
  InvalidOption: 'PROXY_INVALID_OPTION',
  /** A discovery response that is not a valid DiscoveryResponse (bad bytes). */
  BadResponse: 'PROXY_BAD_DISCOVERY_RESPONSE',
  /** A listener could not be bound (address in use, permission). */
  BindFailed: 'PROXY_BIND_FAILED',
} as const;
export type ProxyErrorCode = (typeof ProxyErrorCode)[keyof typeof ProxyErrorCode];

export class ProxyError extends Error {
  readonly code: ProxyErrorCode;
  constructor(code: ProxyErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ProxyError';
    this.code = code;
  }
}

/** A resource the proxy refuses; `resource` is its name, `message` starts with the type and the name. */
export class ConfigRejectedError extends ProxyError {
  readonly resource: string;
  constructor(kind: string, resource: string, detail: string, options?: { cause?: unknown }) {
    super(ProxyErrorCode.ConfigRejected, `${kind} ${JSON.stringify(resource)}: ${detail}`, options);
    this.name = 'ConfigRejectedError';
    this.resource = resource;
  }
}

export class InvalidOptionError extends ProxyError {
  constructor(message: string) {
    super(ProxyErrorCode.InvalidOption, message);
    this.name = 'InvalidOptionError';
  }
}

/** The text of any thrown value, for NACK details and logs. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
