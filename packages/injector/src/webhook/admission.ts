// AdmissionReview handling, independent of HTTP: a decoded request body in, the AdmissionReview to answer out.
// It echoes the request's apiVersion (admission.k8s.io/v1 or v1beta1) and uid. A pod that gets a sidecar is
// answered `allowed: true` with a base64 RFC 6902 patch (`patchType: JSONPatch`); a skip is `allowed: true` with
// no patch; a body or injection error is `allowed: false` with a message, as Istio answers, so that the
// webhook's `failurePolicy: Fail` keeps a pod without its sidecar from starting.
import { InjectorError } from '../errors.js';
import type { InjectOptions, InjectReport } from '../inject/inject.js';
import { inject } from '../inject/inject.js';
import type { PodLike, StringMap } from '../types.js';
import { isRecord } from '../types.js';

export const ADMISSION_VERSIONS = ['admission.k8s.io/v1', 'admission.k8s.io/v1beta1'] as const;
export type AdmissionVersion = (typeof ADMISSION_VERSIONS)[number];

export interface AdmissionResponse {
  uid: string;
  allowed: boolean;
  patchType?: 'JSONPatch';
  /** base64 of the JSON patch. */
  patch?: string;
  status?: { message: string; code?: number };
  warnings?: string[];
}

export interface AdmissionReviewOut {
  apiVersion: AdmissionVersion;
  kind: 'AdmissionReview';
  response: AdmissionResponse;
}

/** What happened to one request, for metrics and logs. */
export type AdmissionOutcome = 'injected' | 'skipped' | 'failed' | 'invalid';

export interface AdmissionResult {
  review: AdmissionReviewOut;
  outcome: AdmissionOutcome;
  report?: InjectReport;
}

/**
 * Istio's parseInjectEnvs: `/inject/cluster/<id>/net/<network>` (pairs after /inject; "--slash--" stands for
 * "/" in a value) sets ISTIO_META_CLUSTER_ID and ISTIO_META_NETWORK for this request.
 */
export function parseInjectPath(path: string): StringMap {
  const parts = path
    .replace(/\/+$/, '')
    .split('/')
    .filter((p) => p !== '');
  const out: StringMap = {};
  if (parts[0] !== 'inject') return out;
  for (let i = 1; i + 1 < parts.length; i += 2) {
    const key = parts[i] ?? '';
    const value = (parts[i + 1] ?? '').replace(/--slash--/g, '/');
    if (key === 'cluster') out.ISTIO_META_CLUSTER_ID = value;
    else if (key === 'net' || key === 'network') out.ISTIO_META_NETWORK = value;
  }
  return out;
}

function refuse(
  apiVersion: AdmissionVersion,
  uid: string,
  message: string,
  outcome: AdmissionOutcome,
): AdmissionResult {
  return {
    review: { apiVersion, kind: 'AdmissionReview', response: { uid, allowed: false, status: { message } } },
    outcome,
  };
}

/** Answers one AdmissionReview (already JSON-decoded). Never throws. */
export function reviewAdmission(
  body: unknown,
  options: InjectOptions = {},
  path = '/inject',
): AdmissionResult {
  const version: AdmissionVersion =
    isRecord(body) && body.apiVersion === 'admission.k8s.io/v1beta1'
      ? 'admission.k8s.io/v1beta1'
      : 'admission.k8s.io/v1';
  if (
    !isRecord(body) ||
    body.kind !== 'AdmissionReview' ||
    !ADMISSION_VERSIONS.includes(body.apiVersion as AdmissionVersion)
  ) {
    return refuse(
      version,
      '',
      'expected an AdmissionReview of apiVersion admission.k8s.io/v1 or v1beta1',
      'invalid',
    );
  }
  const request = body.request;
  if (!isRecord(request) || typeof request.uid !== 'string' || request.uid === '') {
    return refuse(version, '', 'the AdmissionReview has no request with a uid', 'invalid');
  }
  const uid = request.uid;
  const allow = (warnings: string[]): AdmissionResult => ({
    review: {
      apiVersion: version,
      kind: 'AdmissionReview',
      response: { uid, allowed: true, ...(warnings.length ? { warnings } : {}) },
    },
    outcome: 'skipped',
  });
  const kind = isRecord(request.kind) ? request.kind : {};
  if (kind.kind !== undefined && (kind.kind !== 'Pod' || (kind.group ?? '') !== '')) {
    return allow([`minimesh injector: ${String(kind.kind)} is not a Pod; nothing injected`]);
  }
  // Sidecars are added when a pod is created; a running pod's containers cannot change, so UPDATE is let through.
  if (request.operation !== undefined && request.operation !== 'CREATE') return allow([]);
  if (!isRecord(request.object))
    return refuse(version, uid, 'the request has no object (the pod)', 'invalid');
  const namespace =
    typeof request.namespace === 'string' && request.namespace !== '' ? request.namespace : undefined;
  const pathEnvs = parseInjectPath(path);
  try {
    const pod = request.object as PodLike;
    const result = inject(pod, {
      ...options,
      ...(namespace !== undefined ? { namespace } : {}),
      ...(Object.keys(pathEnvs).length > 0 ? { proxyEnvs: { ...options.proxyEnvs, ...pathEnvs } } : {}),
    });
    if (!result.report.injected) return { ...allow([]), report: result.report };
    const response: AdmissionResponse = { uid, allowed: true };
    if (result.patch.length > 0) {
      response.patchType = 'JSONPatch';
      response.patch = Buffer.from(JSON.stringify(result.patch)).toString('base64');
    }
    return {
      review: { apiVersion: version, kind: 'AdmissionReview', response },
      outcome: 'injected',
      report: result.report,
    };
  } catch (e) {
    const message =
      e instanceof InjectorError ? `${e.code} ${e.message}` : `injection failed: ${(e as Error).message}`;
    return refuse(version, uid, message, 'failed');
  }
}
