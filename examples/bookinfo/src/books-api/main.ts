// `node dist/books-api/main.js`: the external book service of the egress task (PORT defaults to 18090).
import process from 'node:process';
import { runMain } from '../common/app-server.js';
import { booksApiConfigFromEnv, startBooksApi } from './books-api-app.js';

await runMain('books-api', () => startBooksApi(booksApiConfigFromEnv(process.env)));
