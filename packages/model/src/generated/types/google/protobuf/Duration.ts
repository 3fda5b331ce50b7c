// Original file: null

import type { Long } from '../../../long.js';

export interface Duration {
  'seconds'?: (number | string | Long);
  'nanos'?: (number);
}

export interface Duration__Output {
  'seconds'?: (string);
  'nanos'?: (number);
}
