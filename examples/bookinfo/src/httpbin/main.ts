// `node dist/httpbin/main.js`: httpbin (PORT defaults to 8080), SERVICE_VERSION names v1 or v2.
import process from 'node:process';
import { runMain } from '../common/app-server.js';
import { httpbinConfigFromEnv, startHttpbin } from './httpbin-app.js';

await runMain('httpbin', () => startHttpbin(httpbinConfigFromEnv(process.env)));
