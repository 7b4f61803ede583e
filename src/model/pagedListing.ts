import { LISTING_END, LISTING_START, positionAfterRows, skipLeadingRows, type ListingPosition, type PageRecord } from './listingPosition';

/** One page as the service returned it. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextToken?: string;
}

/**
 * Opens a pager that resumes at `startingToken` (or the start when undefined). Each `next()`
 * sends exactly one request, abortable through `signal`.
 */
export type OpenPager<T> = (startingToken: string | undefined, signal: AbortSignal) => AsyncIterator<Page<T>>;

export type ListingStatus = 'notStarted' | 'loading' | 'loaded' | 'failed';

/**
 * Empty pages in a row after which one load stops and leaves it to the user to keep looking.
 * EMR Serverless, like other AWS list operations, may answer a page with no items and a
 * nextToken (most often under a filter); a listing can hold long runs of them.
 */
export const MAX_EMPTY_PAGES_PER_LOAD = 10;

export interface PagedListingOptions<T> {
  /** The item's identity; an item listed again under the same key replaces the earlier copy. */
  readonly keyOf: (item: T) => string;
  /**
   * When the item last changed, if the service says (`updatedAt`). A copy with an older time
   * than the row shown is ignored, and so is a copy without a time (one made up here, such as
   * a session just started whose GetSession failed) when the row shown has one; when neither
   * has a time, the later copy wins.
   */
  readonly updatedAtOf?: (item: T) => Date | undefined;
  /**
   * Whether `candidate` can describe the item after `shown` by what the item is (a session's
   * lifecycle only goes forward), whatever its time says; a copy that cannot is ignored too.
   */
  readonly canFollow?: (shown: T, candidate: T) => boolean;
  /** Called when rows, status or error changed (not for the first page's own start). */
  readonly onDidChange: () => void;
  /**
   * Called with the rows a page just brought, as they now stand in the listing: new rows and
   * rows listed again that replaced the copy shown (not those ignored as older). Rows changed
   * through `update` or `insertFirst` are not passed here; their caller knows them.
   */
  readonly onRowsTaken?: (rows: readonly T[]) => void;
  /**
   * Where the listing starts: its first request sends `start.pageToken` and the first
   * `start.rowsTakenFromPage` rows that come back are skipped (botocore's
   * `boto_truncate_amount`). The start of the listing when omitted.
   */
  readonly start?: ListingPosition;
}

/**
 * A lazily paged list: the rows loaded so far, the continuation token, and whether a load is
 * in flight or failed. One AbortController per listing: `dispose()` aborts what is in flight and
 * a late answer is never applied. A second `loadNext()` while one is loading joins it.
 *
 * One load asks page after page, one request each, until at least one new row arrives, the
 * listing ends, a page fails, or {@link MAX_EMPTY_PAGES_PER_LOAD} empty pages came in a row
 * (then `stoppedOnEmptyPages` is true and the next `loadNext()` keeps looking).
 * A row listed again (states change between pages, and a filter by state groups rows by state)
 * is updated where it stands, never appended twice.
 */
export class PagedListing<T> {
  private readonly rows: T[] = [];
  /** Position in `rows` of each key. Rows are never removed, so positions hold. */
  private readonly positions = new Map<string, number>();
  private readonly controller = new AbortController();
  private pager: AsyncIterator<Page<T>> | undefined;
  private token: string | undefined;
  private hasStarted = false;
  private inFlight: Promise<void> | undefined;
  private lastError: unknown;
  private disposed = false;
  private emptyInARow = 0;
  private stoppedEmpty = false;
  /** Every page fetched, in order, with its tokens: what `position` is computed from. */
  private readonly pages: PageRecord[] = [];
  /** Rows of pages taken so far, as the service returned them: shown, listed again, or skipped at the start. */
  private rowsTaken: number;
  /** Rows of the last page not taken yet, because a load stopped at its limit in the middle of it. */
  private pending: T[] = [];
  private readonly skipAtStart: (items: readonly T[]) => readonly T[];

  constructor(
    private readonly open: OpenPager<T>,
    private readonly options: PagedListingOptions<T>,
  ) {
    const start = options.start ?? LISTING_START;
    this.token = start.pageToken;
    this.rowsTaken = 0;
    this.skipAtStart = skipLeadingRows(start.rowsTakenFromPage);
  }

  get items(): readonly T[] {
    return this.rows;
  }

  /** Whether a first load has ended with at least one page answered. */
  get started(): boolean {
    return this.hasStarted;
  }

  /** True until the service has said there are no more pages and every row of them is taken. */
  get hasMore(): boolean {
    return !this.hasStarted || this.token !== undefined || this.pending.length > 0;
  }

  /**
   * Where the rows taken from pages end, as botocore would resume there (see listingPosition):
   * mid-page when a load stopped at its limit inside a page, else the start of the next page;
   * `LISTING_END` when nothing is left. Rows put first by `insertFirst` are not from a page and
   * do not move it. Before the first page it is the listing's start.
   */
  get position(): ListingPosition | typeof LISTING_END {
    if (!this.hasMore) {
      return LISTING_END;
    }
    if (this.pages.length === 0) {
      return this.start;
    }
    return positionAfterRows(this.pages, this.rowsTaken);
  }

  /** Where the listing started (`LISTING_START` unless it was opened from a token). */
  get start(): ListingPosition {
    return this.options.start ?? LISTING_START;
  }

  get error(): unknown {
    return this.lastError;
  }

  /** Pages in a row that brought no new row, since the last one that did (or the start). */
  get emptyPagesInARow(): number {
    return this.emptyInARow;
  }

  /**
   * True when the last load ended on {@link MAX_EMPTY_PAGES_PER_LOAD} empty pages with more to
   * ask for; it stays true while the next load runs, until that one ends.
   */
  get stoppedOnEmptyPages(): boolean {
    return this.stoppedEmpty && this.lastError === undefined && this.token !== undefined;
  }

  get status(): ListingStatus {
    if (this.inFlight) {
      return 'loading';
    }
    if (this.lastError !== undefined) {
      return 'failed';
    }
    return this.hasStarted ? 'loaded' : 'notStarted';
  }

  /**
   * Loads until at least one new row arrives (see the class comment), or joins the load
   * already in flight. With `limit` (a positive integer), it adds at most that many new rows
   * and keeps the rest of the page for the next load, so the listing can stop in the middle
   * of a page (botocore's MaxItems). Never rejects: a failure is kept in `error`.
   */
  loadNext(limit = Number.POSITIVE_INFINITY): Promise<void> {
    if (this.inFlight) {
      return this.inFlight;
    }
    if (this.disposed || !this.hasMore) {
      return Promise.resolve();
    }
    const signal = this.controller.signal;
    this.lastError = undefined;
    this.inFlight = this.load(signal, limit).finally(() => {
      if (!signal.aborted) {
        this.inFlight = undefined;
        this.options.onDidChange();
      }
    });
    if (this.hasStarted) {
      // Show the spinner on "Load more"; a first load is awaited by whoever asked for it.
      this.options.onDidChange();
    }
    return this.inFlight;
  }

  /** Resolves when no load is in flight. */
  whenIdle(): Promise<void> {
    return this.inFlight ?? Promise.resolve();
  }

  dispose(): void {
    this.disposed = true;
    this.controller.abort();
  }

  private async load(signal: AbortSignal, limit: number): Promise<void> {
    let answered = false;
    let emptyThisLoad = 0;
    let stoppedEmpty = false;
    try {
      if (this.pending.length > 0) {
        if (this.takePending(limit) > 0) {
          this.emptyInARow = 0;
          return;
        }
        if (this.token === undefined) {
          return;
        }
      }
      for (;;) {
        const requestToken = this.token;
        this.pager ??= this.open(requestToken, signal);
        const result = await this.pager.next();
        if (signal.aborted) {
          return;
        }
        answered = true;
        if (result.done) {
          this.token = undefined;
          return;
        }
        const raw = result.value.items;
        const items = this.skipAtStart(raw);
        this.token = result.value.nextToken || undefined;
        this.pages.push({ requestToken, rowCount: raw.length, nextToken: this.token });
        this.rowsTaken += raw.length - items.length;
        this.pending = [...items];
        const added = this.takePending(limit);
        if (added > 0) {
          this.emptyInARow = 0;
          return;
        }
        this.emptyInARow++;
        emptyThisLoad++;
        if (this.token === undefined) {
          return;
        }
        if (emptyThisLoad >= MAX_EMPTY_PAGES_PER_LOAD) {
          stoppedEmpty = true;
          return;
        }
      }
    } catch (error) {
      if (signal.aborted) {
        return;
      }
      // A failed pager cannot go on; the next load reopens it from the last good token.
      this.pager = undefined;
      this.lastError = error ?? new Error('Unknown error');
    } finally {
      if (!signal.aborted) {
        this.stoppedEmpty = stoppedEmpty;
        // Once a page has been answered, a failure later in the same load keeps its token,
        // so Retry goes on from there.
        this.hasStarted ||= answered;
      }
    }
  }

  /** The row with this key, if loaded. */
  find(key: string): T | undefined {
    const position = this.positions.get(key);
    return position === undefined ? undefined : this.rows[position];
  }

  /**
   * Replaces a loaded row in place with a newer copy (from GetSession, or a state set locally
   * after TerminateSession), keeping its position. A copy with an older `updatedAt` than the
   * row shown, or one that `canFollow` rules out, is ignored. Returns whether the row was replaced; unknown keys are not added.
   */
  update(item: T): boolean {
    const position = this.positions.get(this.options.keyOf(item));
    if (position === undefined || this.disposed || this.isOlder(item, this.rows[position] as T)) {
      return false;
    }
    this.rows[position] = item;
    return true;
  }

  /**
   * Puts a row the service has not listed yet (a session just started) first, or updates it
   * in place when it is already there. Later pages that list it again update it, never add it.
   */
  insertFirst(item: T): void {
    if (this.disposed) {
      return;
    }
    if (this.positions.has(this.options.keyOf(item))) {
      this.update(item);
      return;
    }
    this.rows.unshift(item);
    for (const [key, position] of this.positions) {
      this.positions.set(key, position + 1);
    }
    this.positions.set(this.options.keyOf(item), 0);
  }

  /**
   * Takes rows of the page in hand, in order, until `limit` new ones are added: appends new
   * rows and updates, in place, rows listed again. Returns how many were new.
   */
  private takePending(limit: number): number {
    let added = 0;
    let taken = 0;
    const accepted: T[] = [];
    for (const item of this.pending) {
      if (added >= limit) {
        break;
      }
      taken++;
      const key = this.options.keyOf(item);
      const position = this.positions.get(key);
      if (position === undefined) {
        this.positions.set(key, this.rows.length);
        this.rows.push(item);
        accepted.push(item);
        added++;
      } else if (!this.isOlder(item, this.rows[position] as T)) {
        this.rows[position] = item;
        accepted.push(item);
      }
    }
    this.pending = taken === this.pending.length ? [] : this.pending.slice(taken);
    this.rowsTaken += taken;
    if (accepted.length > 0) {
      this.options.onRowsTaken?.(accepted);
    }
    return added;
  }

  private isOlder(candidate: T, shown: T): boolean {
    if (this.options.canFollow && !this.options.canFollow(shown, candidate)) {
      return true;
    }
    const candidateTime = this.options.updatedAtOf?.(candidate)?.getTime();
    const shownTime = this.options.updatedAtOf?.(shown)?.getTime();
    if (shownTime === undefined) {
      return false;
    }
    return candidateTime === undefined || candidateTime < shownTime;
  }
}
