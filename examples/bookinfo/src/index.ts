// The bookinfo apps as functions, for tests and for embedding; each app's main.ts runs one from env.

export * from './books-api/books-api-app.js';
export * from './common/app-config.js';
export * from './common/app-server.js';
export * from './common/b3.js';
export * from './common/forward-headers.js';
export * from './common/upstream.js';
export * from './details/details-app.js';
export * from './details/external-book.js';
export * from './httpbin/httpbin-app.js';
export * from './load-client/load-options.js';
export * from './load-client/load-report.js';
export * from './load-client/load-run.js';
export * from './load-client/load-server.js';
export * from './productpage/productpage-app.js';
export * from './ratings/ratings-app.js';
export * from './reviews/reviews-app.js';
