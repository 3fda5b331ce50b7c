// `node dist/details/main.js`: the details service, configured by env (PORT, HOST, POD_NAME).
import process from 'node:process';
import { runMain } from '../common/app-server.js';
import { detailsConfigFromEnv, startDetails } from './details-app.js';

await runMain('details', () => startDetails(detailsConfigFromEnv(process.env)));
