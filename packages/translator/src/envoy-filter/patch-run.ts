// One application of EnvoyFilter patches to one proxy's resources: the message sink, the patches that changed the
// resource being patched, and the guard that keeps a bad patch from breaking a resource or throwing. Invariant:
// every resource this returns strictly encodes (assertMessage) or is the builder's original.
import { assertMessage, CodecError } from '@minimesh/model';
import type { MessageSink } from '../messages.js';
import { EnvoyFilterMessageCode, reportPatch } from './codes.js';
import type { CompiledPatch } from './compile-patches.js';
import { cloneValue, type ObjectForm } from './proto-merge.js';

export class PatchRun {
  readonly sink: MessageSink;
  readonly #touched = new Set<CompiledPatch>();

  constructor(sink: MessageSink) {
    this.sink = sink;
  }

  /** Records that `patch` changed the resource being patched. */
  applied(patch: CompiledPatch): void {
    this.#touched.add(patch);
  }

  /** A MERGE of a typed_config of another type than the patched object's: reported, the patch skipped there. */
  typeMismatch(patch: CompiledPatch, what: string, existing: unknown, given: unknown): void {
    reportPatch(
      this.sink,
      patch,
      EnvoyFilterMessageCode.TypeMismatch,
      'Error',
      `cannot MERGE typed_config ${String(given)} into ${what}, whose typed_config is ${String(existing)}; the patch is skipped there`,
      ['patch', 'value'],
    );
  }

  /**
   * Patches a copy of `original` (a message of `typeName`) with `patch`, which returns the result or undefined
   * to remove it. When a patch throws or the result no longer encodes, the original is kept and the patches that
   * changed it are reported. With `copy` false, `patch` gets the original itself and must not modify it (it
   * builds a new value instead, sharing what it does not change).
   */
  guard<T extends object>(
    typeName: string,
    original: T,
    label: string,
    patch: (copy: T) => T | undefined,
    copy = true,
  ): T | undefined {
    this.#touched.clear();
    let result: T | undefined;
    let problem: string | undefined;
    try {
      result = patch(copy ? cloneValue(original) : original);
      if (result !== undefined && this.#touched.size > 0) assertMessage(typeName, result as ObjectForm);
    } catch (error) {
      problem = error instanceof CodecError ? error.message : `patching failed: ${(error as Error).message}`;
    }
    const touched = [...this.#touched];
    this.#touched.clear();
    if (problem === undefined) return result;
    for (const p of touched)
      reportPatch(
        this.sink,
        p,
        EnvoyFilterMessageCode.BrokenResult,
        'Error',
        `the patched ${label} is no longer a valid ${typeName} (${problem}); it is kept as it was before patching`,
      );
    return original;
  }

  /** A fresh copy of an ADD value: the compiled patch is shared by every proxy and must stay unchanged. */
  static copy<T>(patch: CompiledPatch): T {
    return cloneValue(patch.value ?? {}) as T;
  }
}
