import * as assert from 'assert';
import {
  LISTING_END,
  LISTING_START,
  positionAfterRows,
  positionInPage,
  skipLeadingRows,
  type PageRecord,
} from '../../../src/model/listingPosition';

/** Three pages of 5, 5 and 2 rows, as a listing with page size 5 records them. */
const PAGES: PageRecord[] = [
  { requestToken: undefined, rowCount: 5, nextToken: 't1' },
  { requestToken: 't1', rowCount: 5, nextToken: 't2' },
  { requestToken: 't2', rowCount: 2, nextToken: undefined },
];

describe('listing position', () => {
  const cases: [number, ReturnType<typeof positionAfterRows>][] = [
    [0, LISTING_START],
    [3, { pageToken: undefined, rowsTakenFromPage: 3 }],
    [5, { pageToken: 't1', rowsTakenFromPage: 0 }],
    [6, { pageToken: 't1', rowsTakenFromPage: 1 }],
    [10, { pageToken: 't2', rowsTakenFromPage: 0 }],
    [11, { pageToken: 't2', rowsTakenFromPage: 1 }],
    [12, LISTING_END],
  ];
  for (const [rows, expected] of cases) {
    it(`after ${rows} of 12 rows, names the page and rows a resume must skip`, () => {
      assert.deepStrictEqual(positionAfterRows(PAGES, rows), expected);
    });
  }

  it('puts a cut at the end of a page at the start of the next page, as botocore does', () => {
    assert.deepStrictEqual(positionInPage(PAGES[0] as PageRecord, 5), { pageToken: 't1', rowsTakenFromPage: 0 });
    assert.strictEqual(positionInPage(PAGES[2] as PageRecord, 2), LISTING_END);
  });

  it('steps over empty pages that still carry a next token', () => {
    const pages: PageRecord[] = [
      { requestToken: undefined, rowCount: 0, nextToken: 'e1' },
      { requestToken: 'e1', rowCount: 3, nextToken: undefined },
    ];
    assert.deepStrictEqual(positionAfterRows(pages, 0), { pageToken: 'e1', rowsTakenFromPage: 0 });
    assert.deepStrictEqual(positionAfterRows(pages, 2), { pageToken: 'e1', rowsTakenFromPage: 2 });
  });

  it('is the start before any page, and refuses more rows than the pages hold', () => {
    assert.deepStrictEqual(positionAfterRows([], 0), LISTING_START);
    assert.throws(() => positionAfterRows(PAGES, 13), RangeError);
    assert.throws(() => positionAfterRows(PAGES, -1), RangeError);
    assert.throws(() => positionInPage(PAGES[0] as PageRecord, 6), RangeError);
  });

  it('drops the rows already taken, across pages shorter than the count', () => {
    const skip = skipLeadingRows<number>(7);
    assert.deepStrictEqual([skip([1, 2, 3]), skip([4, 5, 6, 7, 8, 9]), skip([10])], [[], [8, 9], [10]]);
    const none = skipLeadingRows<number>(0);
    assert.deepStrictEqual(none([1, 2]), [1, 2]);
    assert.throws(() => skipLeadingRows(-1), RangeError);
  });
});
