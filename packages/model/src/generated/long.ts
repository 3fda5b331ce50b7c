// 64-bit integers arrive as strings (--longs=String); this shape only types the permissive inputs.
export interface Long {
  low: number;
  high: number;
  unsigned: boolean;
}
