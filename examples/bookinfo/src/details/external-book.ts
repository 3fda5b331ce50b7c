// details v2's external book service (Istio's details.rb with ENABLE_EXTERNAL_BOOK_SERVICE=true): the facts of
// the book come from a Google-Books-style API outside the mesh, which the egress task opens with a
// ServiceEntry. Our EXTERNAL_BOOK_URL points it anywhere (a local server in the egress task); without it the
// URL is Istio's: https://www.googleapis.com, or http:// with DO_NOT_ENCRYPT=true.
import type { Dispatcher } from 'undici';
import type { Env } from '../common/app-config.js';
import { getJson, isObject } from '../common/upstream.js';

/** The ISBN Istio's details v2 looks up: an edition of The Comedy of Errors with Shakespeare as sole author. */
export const EXTERNAL_ISBN = '0486424618';

/** Deadline of the external call in milliseconds (details.rb: read_timeout = 5). */
export const EXTERNAL_TIMEOUT_MS = 5000;

export function externalBookBaseUrl(env: Env): string {
  const explicit = env.EXTERNAL_BOOK_URL?.trim();
  if (explicit) return explicit.replace(/\/+$/, '');
  return env.DO_NOT_ENCRYPT === 'true' ? 'http://www.googleapis.com' : 'https://www.googleapis.com';
}

function isbnOf(info: Record<string, unknown>, type: string): unknown {
  const ids = Array.isArray(info.industryIdentifiers) ? info.industryIdentifiers.filter(isObject) : [];
  return ids.find((i) => i.type === type)?.identifier;
}

/**
 * The details of book `id` from the external service. Throws with a sentence when the service cannot be
 * reached or answers something else than a volume (details answers 400 with it, as details.rb does).
 */
export async function fetchExternalDetails(
  baseUrl: string,
  id: number,
  headers: Record<string, string>,
  dispatcher: Dispatcher,
  podName: string,
): Promise<Record<string, unknown>> {
  const url = `${baseUrl}/books/v1/volumes?q=isbn:${EXTERNAL_ISBN}`;
  const r = await getJson(url, { dispatcher, headers, timeoutMs: EXTERNAL_TIMEOUT_MS });
  if (!r.ok) throw new Error(`cannot reach the external book service ${baseUrl}: ${r.error}`);
  if (r.status !== 200) throw new Error(`the external book service ${baseUrl} answered ${r.status}`);
  const items = isObject(r.body) && Array.isArray(r.body.items) ? r.body.items : [];
  const first = items[0];
  const info = isObject(first) && isObject(first.volumeInfo) ? first.volumeInfo : undefined;
  if (info === undefined)
    throw new Error(`the external book service ${baseUrl} has no volume for ISBN ${EXTERNAL_ISBN}`);
  const authors = Array.isArray(info.authors) ? info.authors : [];
  return {
    id,
    author: authors[0],
    year: info.publishedDate,
    type: info.printType === 'BOOK' ? 'paperback' : 'unknown',
    pages: info.pageCount,
    publisher: info.publisher,
    language: info.language === 'en' ? 'English' : 'unknown',
    'ISBN-10': isbnOf(info, 'ISBN_10'),
    'ISBN-13': isbnOf(info, 'ISBN_13'),
    podname: podName,
  };
}
