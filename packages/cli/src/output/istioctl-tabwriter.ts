// Go's text/tabwriter as istioctl configures it (minwidth 0, tabwidth 8, padchar ' ', no flags): each line is cells
// separated by '\t'; every cell but a line's last is padded with spaces to its column's widest cell plus `padding`;
// a line's last cell is printed as is. Widths count code points (Go counts runes). Also Go's sort.Slice as it
// behaves on istioctl's short lists: an insertion sort (pdqsort's path for up to 12 elements), so comparators that
// are not strict orders (istioctl's route sort) give the same order istioctl prints.

/** The lines of a tabwriter flush: `rows` are the cells of each line (no trailing newline per line). */
export function tabwrite(rows: readonly (readonly string[])[], padding: number): string {
  // Invariant: columns are aligned over the whole table, as Go aligns a block of consecutive lines that all have
  // the column; istioctl's tables have the same number of cells on every line, so the block is the table.
  const widths: number[] = [];
  for (const row of rows)
    for (let i = 0; i < row.length - 1; i++) {
      const w = [...(row[i] ?? '')].length + padding;
      if (w > (widths[i] ?? 0)) widths[i] = w;
    }
  return rows
    .map((row) =>
      row
        .map((cell, i) =>
          i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - [...cell].length),
        )
        .join(''),
    )
    .map((line) => `${line}\n`)
    .join('');
}

/** Go's sort.Slice on short slices (insertion sort with `less`), in place; returns `items`. */
export function goSort<T>(items: T[], less: (a: T, b: T) => boolean): T[] {
  for (let i = 1; i < items.length; i++)
    for (let j = i; j > 0 && less(items[j] as T, items[j - 1] as T); j--) {
      const t = items[j] as T;
      items[j] = items[j - 1] as T;
      items[j - 1] = t;
    }
  return items;
}
