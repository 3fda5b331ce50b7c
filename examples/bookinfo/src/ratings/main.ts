// `node dist/ratings/main.js`: the ratings service, configured by env (PORT, HOST, POD_NAME, SERVICE_VERSION).
import process from 'node:process';
import { runMain } from '../common/app-server.js';
import { ratingsConfigFromEnv, startRatings } from './ratings-app.js';

await runMain('ratings', () => startRatings(ratingsConfigFromEnv(process.env)));
