// `node dist/productpage/main.js`: the front end; it reaches details, reviews and ratings by name through
// HTTP_PROXY (the sidecar) when set.
import process from 'node:process';
import { runMain } from '../common/app-server.js';
import { productpageConfigFromEnv, startProductpage } from './productpage-app.js';

await runMain('productpage', () => startProductpage(productpageConfigFromEnv(process.env)));
