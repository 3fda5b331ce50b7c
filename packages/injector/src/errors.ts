// Errors of the injector as classes with stable codes. A code never changes meaning once released; the message
// is a sentence for people. Callers branch on `code`, never on the message.

export const InjectorErrorCode = {
  /** The pod is not a pod: no spec, containers not a list, a container without a name. */
  InvalidPod: 'INJ001',
  /** A `sidecar.istio.io/*`, `traffic.sidecar.istio.io/*` or `proxy.istio.io/config` annotation is invalid. */
  InvalidAnnotation: 'INJ002',
  /** The injection template could not be applied (unknown template name, bad override JSON, ...). */
  TemplateFailed: 'INJ003',
  /** An admission request body is not an AdmissionReview this webhook can answer. */
  InvalidAdmissionReview: 'INJ004',
  /** A YAML document given to kube-inject could not be parsed or injected. */
  InvalidManifest: 'INJ005',
  /** The webhook server's TLS files are missing or unreadable. */
  TlsConfig: 'INJ006',
  /** A flag or configuration file of the injector command is invalid. */
  InvalidConfig: 'INJ007',
} as const;
export type InjectorErrorCode = (typeof InjectorErrorCode)[keyof typeof InjectorErrorCode];

export class InjectorError extends Error {
  readonly code: InjectorErrorCode;
  constructor(code: InjectorErrorCode, message: string) {
    super(message);
    this.name = 'InjectorError';
    this.code = code;
  }
}

export class InvalidPodError extends InjectorError {
  constructor(message: string) {
    super(InjectorErrorCode.InvalidPod, message);
    this.name = 'InvalidPodError';
  }
}

export class InvalidAnnotationError extends InjectorError {
  /** Every invalid annotation found, each as `invalid value 'v' for annotation 'k': reason`. */
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(InjectorErrorCode.InvalidAnnotation, problems.join('; '));
    this.name = 'InvalidAnnotationError';
    this.problems = problems;
  }
}

export class TemplateError extends InjectorError {
  constructor(message: string) {
    super(InjectorErrorCode.TemplateFailed, message);
    this.name = 'TemplateError';
  }
}

export class AdmissionReviewError extends InjectorError {
  constructor(message: string) {
    super(InjectorErrorCode.InvalidAdmissionReview, message);
    this.name = 'AdmissionReviewError';
  }
}

export class ManifestError extends InjectorError {
  /** 1-based line of the document in the input, when known. */
  readonly line: number | undefined;
  /** The code of the injection error inside the document (INJ002, INJ003, ...), or INJ005 for bad YAML. */
  readonly reason: InjectorErrorCode;
  constructor(message: string, line?: number, cause?: unknown) {
    super(InjectorErrorCode.InvalidManifest, line === undefined ? message : `line ${line}: ${message}`);
    this.name = 'ManifestError';
    this.line = line;
    this.reason = cause instanceof InjectorError ? cause.code : InjectorErrorCode.InvalidManifest;
    if (cause !== undefined) this.cause = cause;
  }
}

export class TlsConfigError extends InjectorError {
  constructor(message: string) {
    super(InjectorErrorCode.TlsConfig, message);
    this.name = 'TlsConfigError';
  }
}
