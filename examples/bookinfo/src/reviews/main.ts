// `node dist/reviews/main.js`: the reviews service; SERVICE_VERSION (v1, v2, v3) picks stars and their colour.
import process from 'node:process';
import { runMain } from '../common/app-server.js';
import { reviewsConfigFromEnv, startReviews } from './reviews-app.js';

await runMain('reviews', () => startReviews(reviewsConfigFromEnv(process.env)));
