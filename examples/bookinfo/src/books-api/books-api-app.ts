// books-api: a stand-in for the Google Books API that details v2 reads, run OUTSIDE the mesh (no manifest, no
// sidecar) for the egress task: `PORT=18090 node dist/books-api/main.js`. The mesh reaches it only through
// the ServiceEntry in networking/egress/ (books.external.test:18090 -> 127.0.0.1:18090).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Env, instanceName, type ListenConfig, listenConfig } from '../common/app-config.js';
import { type AppServer, type LogSink, startServer } from '../common/app-server.js';
import { sendJson, splitUrl } from '../common/respond.js';

/** The port the egress task's ServiceEntry names. */
export const BOOKS_API_PORT = 18090;

export interface BooksApiConfig {
  readonly listen: ListenConfig;
  readonly podName: string;
  readonly log?: LogSink;
}

export function booksApiConfigFromEnv(env: Env): BooksApiConfig {
  return { listen: listenConfig(env, BOOKS_API_PORT), podName: instanceName(env, 'books-api', 'v1') };
}

/** The one volume this API knows, in the Google Books shape details v2 reads. */
const VOLUMES: Readonly<Record<string, Record<string, unknown>>> = {
  '0486424618': {
    title: 'The Comedy of Errors',
    authors: ['William Shakespeare'],
    publisher: 'Dover Publications',
    publishedDate: '2002',
    industryIdentifiers: [
      { type: 'ISBN_10', identifier: '0486424618' },
      { type: 'ISBN_13', identifier: '9780486424613' },
    ],
    pageCount: 80,
    printType: 'BOOK',
    language: 'en',
  },
};

export function booksApiHandler(config: BooksApiConfig) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const { path, query } = splitUrl(req);
    if (path !== '/books/v1/volumes' || req.method !== 'GET') {
      sendJson(res, 404, { error: { code: 404, message: `no route for ${req.method} ${path}` } });
      return;
    }
    const q = query.get('q') ?? '';
    const isbn = q.startsWith('isbn:') ? q.slice('isbn:'.length) : undefined;
    const volume = isbn === undefined ? undefined : VOLUMES[isbn];
    if (volume === undefined) {
      sendJson(res, 200, { kind: 'books#volumes', totalItems: 0, servedBy: config.podName });
      return;
    }
    sendJson(res, 200, {
      kind: 'books#volumes',
      totalItems: 1,
      items: [{ kind: 'books#volume', id: `isbn-${isbn}`, volumeInfo: volume }],
      servedBy: config.podName,
    });
  };
}

export function startBooksApi(config: BooksApiConfig): Promise<AppServer> {
  const log = config.log;
  return startServer(booksApiHandler(config), {
    name: config.podName,
    listen: config.listen,
    ...(log ? { log } : {}),
  });
}
