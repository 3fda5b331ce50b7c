// Errors for misuse of the registry API. Building a registry from loaded resources never throws for their
// content (the loader reported problems already); these are thrown for inputs the API itself rejects.
import { ModelError } from '../errors/model-error.js';

/** Stable codes: match on these, never on message text. */
export const RegistryErrorCode = {
  /** Two resources with the same resourceKey given to buildRegistry, or twice in one apply's upserts. */
  Duplicate: 'MM_REGISTRY_DUPLICATE',
  /** One apply both upserts and removes the same key. */
  Conflict: 'MM_REGISTRY_CONFLICT',
  /** An option out of range: an empty domainSuffix or rootNamespace. */
  InvalidOption: 'MM_REGISTRY_INVALID_OPTION',
  /** A caller-supplied workload without name or address, or two with the same namespace and name. */
  InvalidWorkload: 'MM_REGISTRY_INVALID_WORKLOAD',
} as const;
export type RegistryErrorCode = (typeof RegistryErrorCode)[keyof typeof RegistryErrorCode];

export class RegistryError extends ModelError {
  override readonly code: RegistryErrorCode;
  constructor(code: RegistryErrorCode, message: string) {
    super(code, message);
    this.name = 'RegistryError';
    this.code = code;
  }
}
