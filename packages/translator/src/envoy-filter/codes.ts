// Message codes of EnvoyFilter patching (minimesh's own: istioctl analyze has none for these) and the one way
// patch problems are reported: at the EnvoyFilter's configPatches[i] with its file and line.
import type { MessageSeverity, MessageSink } from '../messages.js';
import type { CompiledPatch } from './compile-patches.js';

export const EnvoyFilterMessageCode = {
  /** A patch value that is not the message its applyTo names (unknown field, unknown @type, wrong value). */
  InvalidValue: 'TR0701',
  /** A MERGE whose typed_config @type differs from the patched object's: nothing to merge it with. */
  TypeMismatch: 'TR0702',
  /** A patched resource that no longer encodes: the resource is kept as it was before any patch. */
  BrokenResult: 'TR0703',
  /** A patch minimesh does not apply (BOOTSTRAP, EXTENSION_CONFIG). */
  NotApplied: 'TR0704',
} as const;

/** Reports a problem with one patch, placed at `configPatches[i]` (or deeper, `path` inside it). */
export function reportPatch(
  sink: MessageSink,
  patch: CompiledPatch,
  code: string,
  severity: MessageSeverity,
  text: string,
  path: (string | number)[] = [],
): void {
  sink.about(patch.filter, code, severity, `configPatches[${patch.index}]: ${text}`, [
    'spec',
    'configPatches',
    patch.index,
    ...path,
  ]);
}
