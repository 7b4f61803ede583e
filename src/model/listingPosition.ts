/**
 * Where a ListSessions listing stands, in the terms of botocore's resume token, so that the
 * tree, the AWS CLI and boto3 can hand a position to each other exactly.
 *
 * A position is "the page fetched with `pageToken`, after its first `rowsTakenFromPage`
 * rows". botocore (`paginate.py`, `PageIterator._truncate_response` and
 * `_handle_first_request`) records a MaxItems cut the same way: it resends the token that
 * fetched the page and drops the rows already taken. That is exact only because the service
 * returns the same page for the same token, page size and filters; so a listing that wants to
 * hand its position on must also keep its page size and its resolved ListSessions parameters
 * (see `toListSessionsParams`, resolved once per listing).
 */

/**
 * A position in a listing.
 *
 * - `pageToken`: the service `nextToken` that was sent to fetch the page the cut falls in;
 *   `undefined` for the first page.
 * - `rowsTakenFromPage`: how many rows of that page, as the service returned it, are already
 *   loaded (an integer, 0 or more). Rows the listing dropped as duplicates still count.
 *
 * `{ pageToken: undefined, rowsTakenFromPage: 0 }` is the start of the listing.
 */
export interface ListingPosition {
  readonly pageToken: string | undefined;
  readonly rowsTakenFromPage: number;
}

export const LISTING_START: ListingPosition = { pageToken: undefined, rowsTakenFromPage: 0 };

/** The end of a listing: nothing is left to resume. */
export const LISTING_END = 'end';

/**
 * What a listing keeps of each page it has fetched, to compute positions: the token it sent
 * (`undefined` for the first page), how many rows came back, and the `nextToken` the page
 * returned (`undefined` or empty on the last page).
 */
export interface PageRecord {
  readonly requestToken: string | undefined;
  readonly rowCount: number;
  readonly nextToken: string | undefined;
}

/**
 * The position after `rowsTaken` rows of one page. A fully taken page becomes the start of
 * the next one (`{ pageToken: page.nextToken, rowsTakenFromPage: 0 }`), which is botocore's
 * page-boundary token, or `LISTING_END` after the last page.
 * Throws RangeError when `rowsTaken` is not an integer from 0 to `page.rowCount`.
 */
export function positionInPage(page: PageRecord, rowsTaken: number): ListingPosition | typeof LISTING_END {
  if (!Number.isInteger(rowsTaken) || rowsTaken < 0 || rowsTaken > page.rowCount) {
    throw new RangeError(`rowsTaken must be an integer from 0 to ${page.rowCount}, not ${rowsTaken}`);
  }
  if (rowsTaken < page.rowCount) {
    return { pageToken: page.requestToken, rowsTakenFromPage: rowsTaken };
  }
  return page.nextToken ? { pageToken: page.nextToken, rowsTakenFromPage: 0 } : LISTING_END;
}

/**
 * The position after the first `rowsLoaded` rows of a listing whose pages, in order, are
 * `pages`: the first one fetched with the listing's starting token (none from the start),
 * each next one with the previous `nextToken`. Rows count as the service returned them: a
 * listing resumed from a token with `rowsTakenFromPage` k adds the k rows it skipped.
 * With no pages and no rows it is the start. Throws RangeError when `rowsLoaded` is negative,
 * not an integer, or more than the pages hold.
 */
export function positionAfterRows(pages: readonly PageRecord[], rowsLoaded: number): ListingPosition | typeof LISTING_END {
  if (!Number.isInteger(rowsLoaded) || rowsLoaded < 0) {
    throw new RangeError(`rowsLoaded must be a non-negative integer, not ${rowsLoaded}`);
  }
  let left = rowsLoaded;
  for (const page of pages) {
    if (left <= page.rowCount) {
      return positionInPage(page, left);
    }
    left -= page.rowCount;
  }
  if (left === 0) {
    return LISTING_START;
  }
  throw new RangeError(`rowsLoaded (${rowsLoaded}) is more than the ${rowsLoaded - left} rows of the pages given`);
}

/**
 * Drops the first `count` rows of a listing resumed at a position's `pageToken`, across as
 * many pages as it takes: call the returned function on each page's items in order. This is
 * botocore's `boto_truncate_amount` applied on the SDK side. Unlike botocore, which drops rows
 * from the first page only, it keeps dropping on the next pages when a page is shorter than
 * `count` (a page size smaller than the one that made the token), so no row comes twice.
 * Throws RangeError for a negative or fractional `count`.
 */
export function skipLeadingRows<T>(count: number): (items: readonly T[]) => readonly T[] {
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`count must be a non-negative integer, not ${count}`);
  }
  let left = count;
  return (items) => {
    if (left === 0) {
      return items;
    }
    const dropped = Math.min(left, items.length);
    left -= dropped;
    return items.slice(dropped);
  };
}
