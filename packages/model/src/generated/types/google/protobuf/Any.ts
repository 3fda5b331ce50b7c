// Original file: null

import type { AnyExtension } from '../../../proto-loader-types.js';

export type Any = AnyExtension | {
  type_url: string;
  value: Buffer | Uint8Array | string;
}

export type Any__Output = AnyExtension | {
  type_url?: string;
  value?: Buffer;
}
