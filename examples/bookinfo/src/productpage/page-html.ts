// The HTML of /productpage and /. It keeps the markers Istio's task checks look for: "Reviews served by:
// <podname>", star elements with class `glyphicon glyphicon-star` inside `<font color="black|red">` with a
// `text-black-500`/`text-red-500` colour class, and the error texts of details, reviews and ratings.
import { isObject } from '../common/upstream.js';
import type { BackendAnswer } from './backends.js';
import type { Product } from './products.js';

export function escapeHtml(s: string): string {
  return s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function str(v: unknown): string {
  return escapeHtml(v === undefined || v === null ? '' : String(v));
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;color:#222}
nav{background:#1f2937;color:#fff;padding:12px 24px;display:flex;justify-content:space-between;align-items:center}
nav a,nav button{color:#fff}main{max-width:960px;margin:0 auto;padding:0 24px}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:6px 10px;text-align:left}
.reviews{display:flex;gap:32px;flex-wrap:wrap}.review{flex:1;min-width:280px}
.text-black-500{color:black}.text-red-500{color:#dc2626}.error{color:#dc2626}`;

function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

function nav(user: string | undefined): string {
  const right =
    user === undefined
      ? `<form method="post" action="login" name="login_form">
<input id="username" name="username" placeholder="Username" required>
<input id="password" name="passwd" type="password" placeholder="Password">
<button type="submit" id="sign-in-button">Sign in</button>
</form>`
      : `<span class="user">${escapeHtml(user)}</span> <a href="logout">Sign out</a>`;
  return `<nav><a href="#">BookInfo Sample</a><div>${right}</div></nav>`;
}

function detailsSection(details: BackendAnswer): string {
  if (details.status !== 200 || !isObject(details.body)) {
    const error = isObject(details.body) ? str(details.body.error) : '';
    return `<section id="details"><h4 class="error">Error fetching product details</h4>
<p>${error}</p></section>`;
  }
  const d = details.body;
  return `<section id="details"><h4>Book Details</h4>
<table>
<tr><th>Type:</th><td>${str(d.type)}</td></tr>
<tr><th>Pages:</th><td>${str(d.pages)}</td></tr>
<tr><th>Publisher:</th><td>${str(d.publisher)}</td></tr>
<tr><th>Language:</th><td>${str(d.language)}</td></tr>
<tr><th>ISBN-10:</th><td>${str(d['ISBN-10'])}</td></tr>
<tr><th>ISBN-13:</th><td>${str(d['ISBN-13'])}</td></tr>
</table></section>`;
}

/** Full stars then empty ones, five in all; the colour is the reviews version's (black for v2, red for v3). */
function stars(count: number, color: string): string {
  const c = escapeHtml(color);
  const n = Math.max(0, Math.min(5, Math.trunc(count)));
  const full = '<span class="glyphicon glyphicon-star" aria-hidden="true">&#9733;</span>\n'.repeat(n);
  const empty = '<span class="glyphicon glyphicon-star-empty" aria-hidden="true">&#9734;</span>\n'.repeat(
    5 - n,
  );
  return `<font color="${c}" class="stars text-${c}-500">\n${full}${empty}</font>`;
}

function rating(review: Record<string, unknown>): string {
  const r = review.rating;
  if (!isObject(r)) return '';
  if (typeof r.stars === 'number' && r.stars > 0)
    return stars(r.stars, typeof r.color === 'string' ? r.color : 'black');
  if (r.error !== undefined) return `<p class="error">${str(r.error)}</p>`;
  return '';
}

function reviewsSection(reviews: BackendAnswer): string {
  if (reviews.status !== 200 || !isObject(reviews.body)) {
    const error = isObject(reviews.body) ? str(reviews.body.error) : '';
    return `<section id="reviews"><h4 class="error">Error fetching product reviews</h4>
<p>${error}</p></section>`;
  }
  const body = reviews.body;
  const list = Array.isArray(body.reviews) ? body.reviews.filter(isObject) : [];
  const cluster =
    body.clustername !== undefined && body.clustername !== 'null'
      ? ` on cluster ${str(body.clustername)}`
      : '';
  const items = list.map(
    (review) => `<div class="review">
${rating(review)}
<blockquote><p>${str(review.text)}</p></blockquote>
<small>${str(review.reviewer)}</small>
<div class="served-by">Reviews served by: ${str(body.podname)}${cluster}</div>
</div>`,
  );
  return `<section id="reviews"><h4>Book Reviews</h4>
<div class="reviews">
${items.join('\n')}
</div></section>`;
}

export interface PageModel {
  readonly product: Product | undefined;
  readonly details: BackendAnswer;
  readonly reviews: BackendAnswer;
  readonly user: string | undefined;
}

export function productPageHtml(model: PageModel): string {
  const product = model.product;
  const head =
    product === undefined
      ? ''
      : `<h1>${escapeHtml(product.title)}</h1>
<p class="description">${product.descriptionHtml}</p>`;
  return layout(
    'Simple Bookstore App',
    `${nav(model.user)}
<main>
${head}
${detailsSection(model.details)}
${reviewsSection(model.reviews)}
</main>`,
  );
}

/** The service graph table of `/` with links that request the product page as a normal or test user. */
export function indexHtml(services: readonly { name: string; url: string; calls: string }[]): string {
  const rows = services
    .map(
      (s) =>
        `<tr><td>${escapeHtml(s.name)}</td><td>${escapeHtml(s.url)}</td><td>${escapeHtml(s.calls)}</td></tr>`,
    )
    .join('\n');
  return layout(
    'Simple Bookstore App',
    `<main>
<h3>Hello! This is a simple bookstore application consisting of three services as shown below</h3>
<table>
<tr><th>service</th><th>address</th><th>calls</th></tr>
${rows}
</table>
<p>Click on one of the links below to auto generate a request to the backend as a real user or a tester</p>
<ul>
<li><a href="/productpage?u=normal">Normal user</a></li>
<li><a href="/productpage?u=test">Test user</a></li>
</ul>
</main>`,
  );
}
