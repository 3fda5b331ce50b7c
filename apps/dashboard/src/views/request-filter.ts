// The request log's filter language. A query is whitespace-separated terms, all of which must hold (AND):
//   free text           matches any column (case-insensitive substring)
//   key:value           matches one column: source, destination, method, path, status, flags, route, cluster,
//                       endpoint, reporter, proxy, service, authority, id (substring, case-insensitive)
//   status:5xx          a status class (1xx..5xx); status:0 or status:503 is exact
//   flags:FI            one of the comma-separated response flags, exactly (flags:- for none)
//   -term / -key:value  negation
// Double quotes group a value with spaces (`path:"/a b"`). An unknown key is treated as free text, so typing never
// hides every row by accident.
import type { RequestRecord } from '@minimesh/cli/dashboard-protocol';
import { formatClock } from './view-format.js';

export const FILTER_KEYS = [
  'source',
  'destination',
  'method',
  'path',
  'status',
  'flags',
  'route',
  'cluster',
  'endpoint',
  'reporter',
  'proxy',
  'service',
  'authority',
  'id',
] as const;

export type FilterKey = (typeof FILTER_KEYS)[number];

export interface FilterTerm {
  /** Undefined for free text. */
  readonly key?: FilterKey;
  /** Lower-cased. */
  readonly value: string;
  readonly negate: boolean;
}

const KEY_SET: ReadonlySet<string> = new Set(FILTER_KEYS);

/** Splits a query into words, honouring double quotes. */
function words(query: string): string[] {
  const out: string[] = [];
  const re = /(?:[^\s"]+|"[^"]*"?)+/g;
  for (const m of query.matchAll(re)) out.push(m[0].replaceAll('"', ''));
  return out.filter((w) => w.length > 0);
}

/** Parses a filter query into terms; never throws (an empty query is no terms, which matches everything). */
export function parseFilter(query: string): FilterTerm[] {
  const terms: FilterTerm[] = [];
  for (const raw of words(query)) {
    let word = raw;
    let negate = false;
    if (word.startsWith('-') && word.length > 1) {
      negate = true;
      word = word.slice(1);
    }
    const colon = word.indexOf(':');
    const key = colon > 0 ? word.slice(0, colon).toLowerCase() : '';
    if (KEY_SET.has(key)) {
      const value = word.slice(colon + 1).toLowerCase();
      if (value.length === 0) continue;
      terms.push({ key: key as FilterKey, value, negate });
    } else {
      terms.push({ value: word.toLowerCase(), negate });
    }
  }
  return terms;
}

function workloadText(r: RequestRecord['source']): string {
  return `${r.namespace}/${r.workload} ${r.app} ${r.version ?? ''} ${r.pod ?? ''}`.toLowerCase();
}

function columnText(record: RequestRecord, key: FilterKey): string {
  switch (key) {
    case 'source':
      return workloadText(record.source);
    case 'destination':
      return workloadText(record.destination);
    case 'method':
      return record.method.toLowerCase();
    case 'path':
      return record.path.toLowerCase();
    case 'status':
      return String(record.status);
    case 'flags':
      return record.flags.toLowerCase();
    case 'route':
      return (record.route ?? '').toLowerCase();
    case 'cluster':
      return (record.cluster ?? '').toLowerCase();
    case 'endpoint':
      return record.endpoint ?? '';
    case 'reporter':
      return record.reporter;
    case 'proxy':
      return record.proxy.toLowerCase();
    case 'service':
      return (record.service ?? '').toLowerCase();
    case 'authority':
      return record.authority.toLowerCase();
    case 'id':
      return String(record.id);
  }
}

function matchesKey(record: RequestRecord, key: FilterKey, value: string): boolean {
  if (key === 'status') {
    const cls = /^([1-5])xx$/.exec(value);
    if (cls) return Math.floor(record.status / 100) === Number(cls[1]);
    return String(record.status) === value;
  }
  if (key === 'flags') {
    return record.flags
      .toLowerCase()
      .split(',')
      .some((f) => f.trim() === value);
  }
  if (key === 'id') return String(record.id) === value;
  return columnText(record, key).includes(value);
}

function matchesText(record: RequestRecord, value: string): boolean {
  for (const key of FILTER_KEYS) {
    if (columnText(record, key).includes(value)) return true;
  }
  return formatClock(record.time).includes(value) || String(record.durationMs).includes(value);
}

/** Whether a record satisfies every term. */
export function matchesFilter(record: RequestRecord, terms: readonly FilterTerm[]): boolean {
  for (const term of terms) {
    const hit = term.key ? matchesKey(record, term.key, term.value) : matchesText(record, term.value);
    if (hit === term.negate) return false;
  }
  return true;
}

/**
 * The newest `limit` records satisfying the terms, newest first, and how many matched in all. `records` is oldest
 * first (the store's order, at most REQUEST_CAP long), so one linear walk from the end suffices.
 */
export function selectRows(
  records: readonly RequestRecord[],
  terms: readonly FilterTerm[],
  limit: number,
): { rows: RequestRecord[]; matched: number } {
  const rows: RequestRecord[] = [];
  let matched = 0;
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i];
    if (r === undefined || !matchesFilter(r, terms)) continue;
    matched++;
    if (rows.length < limit) rows.push(r);
  }
  return { rows, matched };
}
