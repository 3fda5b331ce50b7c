// Original file: null

import type { Long } from '../../../long.js';

export interface Int64Value {
  'value'?: (number | string | Long);
}

export interface Int64Value__Output {
  'value'?: (string);
}
