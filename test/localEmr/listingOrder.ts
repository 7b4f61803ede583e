/**
 * Listing order of ListApplications and ListSessions, and cursor-based paging.
 *
 * Order: without a `states` filter, newest first (createdAt descending), ties broken by id
 * ascending. With a `states` filter (one or several states), results are grouped by state;
 * the groups follow the model's enum order (for sessions SUBMITTED, STARTING, STARTED, IDLE,
 * BUSY, FAILED, TERMINATING, TERMINATED; for applications CREATING, CREATED, STARTING, STARTED,
 * STOPPING, STOPPED, TERMINATED) whatever order the filter lists them in, and inside a group the
 * order is again createdAt descending, then id ascending.
 *
 * A page token carries the sort key of the last item returned, not an index: the next page
 * starts right after that key. Items created later (newer than the cursor) therefore never
 * shift the remaining pages, and a removed item never causes a skip.
 */

/** Position of an item in a listing: group, creation time (epoch ms), id. */
export interface SortKey {
  g: number;
  t: number;
  i: string;
}

/**
 * The position before every item, for a token that resumes at the very start (an empty first
 * page). Groups are 0 or more, so group -1 sorts first.
 */
export const BEFORE_FIRST: SortKey = { g: -1, t: 0, i: '' };

export interface Keyed<T> {
  key: SortKey;
  item: T;
}

/** Negative when `a` comes first. */
export function compareKeys(a: SortKey, b: SortKey): number {
  if (a.g !== b.g) {
    return a.g - b.g;
  }
  if (a.t !== b.t) {
    return b.t - a.t;
  }
  return a.i < b.i ? -1 : a.i > b.i ? 1 : 0;
}

export function sortKeyed<T>(items: Keyed<T>[]): Keyed<T>[] {
  return items.sort((a, b) => compareKeys(a.key, b.key));
}

/** Group of an item: 0 without a states filter, else the index of its state in the enum order. */
export function groupOf(state: string, enumOrder: readonly string[], grouped: boolean): number {
  return grouped ? enumOrder.indexOf(state) : 0;
}

export interface Page<T> {
  items: T[];
  /** Key of the last item returned, when more items follow. */
  nextAfter?: SortKey;
}

/** The `limit` items that follow `after` (from the start when absent) in a sorted listing. */
export function pageAfter<T>(sorted: readonly Keyed<T>[], after: SortKey | undefined, limit: number): Page<T> {
  let start = 0;
  if (after) {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeys((sorted[mid] as Keyed<T>).key, after) <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    start = lo;
  }
  const slice = sorted.slice(start, start + limit);
  const page: Page<T> = { items: slice.map((k) => k.item) };
  const last = slice[slice.length - 1];
  if (last && start + limit < sorted.length) {
    page.nextAfter = last.key;
  }
  return page;
}
