// The catalogue (one book, as in Istio) and the messages productpage shows when a backend fails.

export interface Product {
  readonly id: number;
  readonly title: string;
  /** Trusted HTML (it is ours), rendered unescaped. */
  readonly descriptionHtml: string;
}

export const PRODUCTS: readonly Product[] = [
  {
    id: 0,
    title: 'The Comedy of Errors',
    descriptionHtml:
      '<a href="https://en.wikipedia.org/wiki/The_Comedy_of_Errors">Wikipedia Summary</a>: The Comedy of Errors is one of <b>William Shakespeare\'s</b> early plays. It is his shortest and one of his most farcical comedies, with a major part of the humour coming from slapstick and mistaken identity, in addition to puns and word play.',
  },
];

export function productById(id: number): Product | undefined {
  return PRODUCTS[id];
}

export const DETAILS_UNAVAILABLE = 'Sorry, product details are currently unavailable for this book.';
export const REVIEWS_UNAVAILABLE = 'Sorry, product reviews are currently unavailable for this book.';
export const RATINGS_UNAVAILABLE_FOR_BOOK = 'Sorry, product ratings are currently unavailable for this book.';
