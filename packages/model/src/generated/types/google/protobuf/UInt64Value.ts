// Original file: null

import type { Long } from '../../../long.js';

export interface UInt64Value {
  'value'?: (number | string | Long);
}

export interface UInt64Value__Output {
  'value'?: (string);
}
