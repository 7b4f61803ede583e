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
 * A lazily paged list: the rows loaded so far, the continuation token, and whether a load is
 * in flight or failed. One AbortController per listing: `dispose()` aborts what is in flight and
 * a late answer is never applied. A second `loadNext()` while one is loading joins it.
 */
export class PagedListing<T> {
  private readonly rows: T[] = [];
  private readonly keys = new Set<string>();
  private readonly controller = new AbortController();
  private pager: AsyncIterator<Page<T>> | undefined;
  private token: string | undefined;
  private hasStarted = false;
  private inFlight: Promise<void> | undefined;
  private lastError: unknown;
  private disposed = false;

  constructor(
    private readonly open: OpenPager<T>,
    private readonly keyOf: (item: T) => string,
    private readonly onDidChange: () => void,
  ) {}

  get items(): readonly T[] {
    return this.rows;
  }

  /** Whether a first page has arrived. */
  get started(): boolean {
    return this.hasStarted;
  }

  /** True until the service has said there are no more pages. */
  get hasMore(): boolean {
    return !this.hasStarted || this.token !== undefined;
  }

  get error(): unknown {
    return this.lastError;
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

  /** Loads exactly one more page, or joins the load already in flight. */
  loadNext(): Promise<void> {
    if (this.inFlight) {
      return this.inFlight;
    }
    if (this.disposed || !this.hasMore) {
      return Promise.resolve();
    }
    const signal = this.controller.signal;
    this.lastError = undefined;
    this.inFlight = this.fetchPage(signal).finally(() => {
      if (!signal.aborted) {
        this.inFlight = undefined;
        this.onDidChange();
      }
    });
    if (this.hasStarted) {
      // Show the spinner on "Load more"; a first page is awaited by whoever asked for it.
      this.onDidChange();
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

  private async fetchPage(signal: AbortSignal): Promise<void> {
    try {
      this.pager ??= this.open(this.token, signal);
      const result = await this.pager.next();
      if (signal.aborted) {
        return;
      }
      this.hasStarted = true;
      if (result.done) {
        this.token = undefined;
        return;
      }
      for (const item of result.value.items) {
        const key = this.keyOf(item);
        if (!this.keys.has(key)) {
          this.keys.add(key);
          this.rows.push(item);
        }
      }
      this.token = result.value.nextToken || undefined;
    } catch (error) {
      if (signal.aborted) {
        return;
      }
      // A failed pager cannot go on; the next load reopens it from the last good token.
      this.pager = undefined;
      this.lastError = error ?? new Error('Unknown error');
    }
  }
}
