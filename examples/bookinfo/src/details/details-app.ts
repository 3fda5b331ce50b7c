// details: the book's publishing facts, as Istio's details.rb serves them: built in (v1), or fetched from an
// external book service (v2, ENABLE_EXTERNAL_BOOK_SERVICE=true; see external-book.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';
import { type Env, envFlag, instanceName, type ListenConfig, listenConfig } from '../common/app-config.js';
import { type AppServer, type LogSink, startServer } from '../common/app-server.js';
import { copyHeaders, SERVICE_COPIED_HEADERS } from '../common/forward-headers.js';
import { sendJson, splitUrl } from '../common/respond.js';
import { meshDispatcher } from '../common/upstream.js';
import { externalBookBaseUrl, fetchExternalDetails } from './external-book.js';

export interface DetailsConfig {
  readonly listen: ListenConfig;
  readonly version: string;
  readonly podName: string;
  /** Base URL of the external book service when details fetches from one (v2), else undefined (v1). */
  readonly externalBookUrl?: string;
  readonly dispatcher?: Dispatcher;
  readonly log?: LogSink;
}

export function detailsConfigFromEnv(env: Env): DetailsConfig {
  const version = env.SERVICE_VERSION?.trim() || 'v1';
  const external = envFlag(env, 'ENABLE_EXTERNAL_BOOK_SERVICE') === true;
  return {
    listen: listenConfig(env, 9080),
    version,
    podName: instanceName(env, 'details', version),
    ...(external ? { externalBookUrl: externalBookBaseUrl(env) } : {}),
  };
}

/** The details of book `id` (one book: every id gets the same facts, as in Istio). */
export function bookDetails(id: number, podName: string): Record<string, unknown> {
  return {
    id,
    author: 'William Shakespeare',
    year: 1595,
    type: 'paperback',
    pages: 200,
    publisher: 'PublisherA',
    language: 'English',
    'ISBN-10': '1234567890',
    'ISBN-13': '123-1234567890',
    podname: podName,
  };
}

export function detailsHandler(config: DetailsConfig) {
  const external = config.externalBookUrl;
  const dispatcher = external === undefined ? undefined : (config.dispatcher ?? meshDispatcher());
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const { path } = splitUrl(req);
    if (path === '/health') {
      sendJson(res, 200, { status: 'Details is healthy' });
      return;
    }
    // Like WEBrick's mount_proc, /details serves its whole subtree; the id is the last path segment.
    if (path === '/details' || path.startsWith('/details/')) {
      const last =
        path
          .split('/')
          .filter((p) => p !== '')
          .pop() ?? '';
      if (!/^-?\d+$/.test(last)) {
        sendJson(res, 400, { error: 'please provide numeric product id' });
        return;
      }
      const id = Number(last);
      if (external === undefined || dispatcher === undefined) {
        sendJson(res, 200, bookDetails(id, config.podName));
        return;
      }
      try {
        const headers = copyHeaders(req.headers, SERVICE_COPIED_HEADERS);
        sendJson(res, 200, await fetchExternalDetails(external, id, headers, dispatcher, config.podName));
      } catch (err) {
        // details.rb rescues every failure of the lookup into a 400 with the error's text.
        sendJson(res, 400, { error: (err as Error).message });
      }
      return;
    }
    sendJson(res, 404, { error: `no route for ${path}` });
  };
}

export function startDetails(config: DetailsConfig): Promise<AppServer> {
  const log = config.log;
  return startServer(detailsHandler(config), {
    name: config.podName,
    listen: config.listen,
    ...(log ? { log } : {}),
  });
}
