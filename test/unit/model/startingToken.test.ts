import * as assert from 'assert';
import type { ListingPosition } from '../../../src/model/listingPosition';
import { encodeStartingToken, parseStartingToken, StartingTokenError } from '../../../src/model/startingToken';
import { AwsClientEnvironment } from '../support/awsClients';

const b64 = (json: string) => Buffer.from(json, 'utf8').toString('base64');

/**
 * botocore itself, as the oracle: its TokenEncoder on dicts, and PageIterator's own starting
 * token parser (paginate.py) on texts, for ListSessions (input token `nextToken`).
 */
const BOTOCORE_ORACLE = `
import json, sys
from botocore.paginate import PageIterator, TokenDecoder, TokenEncoder
cases = json.load(sys.stdin)
def parse(text):
    it = PageIterator.__new__(PageIterator)
    it._starting_token = text
    it._token_decoder = TokenDecoder()
    it._input_token = ["nextToken"]
    token, index = it._parse_starting_token()
    return [token, index]
print(json.dumps({
    "encoded": [TokenEncoder().encode(d) for d in cases["encode"]],
    "parsed": [parse(t) for t in cases["parse"]],
}))
`;

describe('AWS CLI / boto3 starting tokens', function () {
  this.timeout(30_000);
  let clients: AwsClientEnvironment;
  before(() => (clients = AwsClientEnvironment.create()));
  after(() => clients.dispose());

  it('writes the example token of the pagination reference byte for byte', () => {
    assert.strictEqual(
      encodeStartingToken({ pageToken: 'tok2', rowsTakenFromPage: 1 }),
      'eyJuZXh0VG9rZW4iOiAidG9rMiIsICJib3RvX3RydW5jYXRlX2Ftb3VudCI6IDF9',
    );
  });

  it('writes exactly what botocore prints mid-page, in the first page and on a page boundary, and nothing at the start', async () => {
    const token = 'eyJ2IjoxfQ-_AbC==';
    const cases: { position: ListingPosition; dict: Record<string, unknown> }[] = [
      { position: { pageToken: token, rowsTakenFromPage: 3 }, dict: { nextToken: token, boto_truncate_amount: 3 } },
      { position: { pageToken: undefined, rowsTakenFromPage: 7 }, dict: { nextToken: null, boto_truncate_amount: 7 } },
      { position: { pageToken: token, rowsTakenFromPage: 0 }, dict: { nextToken: token } },
      {
        position: { pageToken: 'x'.repeat(1024), rowsTakenFromPage: 49 },
        dict: { nextToken: 'x'.repeat(1024), boto_truncate_amount: 49 },
      },
    ];
    const oracle = JSON.parse(
      await clients.runPython(BOTOCORE_ORACLE, JSON.stringify({ encode: cases.map((c) => c.dict), parse: [] })),
    ) as {
      encoded: string[];
    };
    assert.deepStrictEqual(
      cases.map((c) => encodeStartingToken(c.position)),
      oracle.encoded,
    );
    assert.strictEqual(
      encodeStartingToken({ pageToken: undefined, rowsTakenFromPage: 0 }),
      undefined,
      'the start needs no token',
    );
  });

  it('reads every kind of token to the same service token and row count as botocore does', async () => {
    const service = 'AbC-_12==';
    const texts = [
      b64(`{"nextToken": "${service}", "boto_truncate_amount": 4}`),
      b64('{"nextToken": null, "boto_truncate_amount": 2}'),
      b64(`{"nextToken": "${service}"}`),
      b64(`{"boto_truncate_amount":5,"nextToken":"${service}"}`),
      b64('{"nextToken": "None", "boto_truncate_amount": 1}'),
      service,
      'eyJhbGciOiJIUzI1NiJ9-abc_',
      `${service}___6`,
      'None___3',
      'abc___def',
      'a____5',
    ];
    const oracle = JSON.parse(await clients.runPython(BOTOCORE_ORACLE, JSON.stringify({ encode: [], parse: texts }))) as {
      parsed: [{ nextToken: string | null }, number][];
    };
    const ours = texts.map((text) => {
      const { position } = parseStartingToken(text);
      return [{ nextToken: position.pageToken ?? null }, position.rowsTakenFromPage];
    });
    // botocore keeps 'None' as text but never sends it (paginate.py, _inject_token_into_kwargs).
    const sent = oracle.parsed.map(([token, index]) => [
      { nextToken: token.nextToken === 'None' ? null : token.nextToken },
      index,
    ]);
    assert.deepStrictEqual(ours, sent);
  });

  it('says which kind of token it read', () => {
    assert.strictEqual(parseStartingToken(b64('{"nextToken": "abc"}')).format, 'botocore');
    assert.strictEqual(parseStartingToken('abc___2').format, 'legacy');
    assert.strictEqual(parseStartingToken('abc-_=').format, 'service');
  });

  it('reads back every position it writes', () => {
    for (const pageToken of [undefined, 'a', 'tok-_=', 'Z'.repeat(1024)]) {
      for (const rowsTakenFromPage of [0, 1, 49, 5000]) {
        const position = { pageToken, rowsTakenFromPage };
        const token = encodeStartingToken(position);
        if (token === undefined) {
          assert.deepStrictEqual(position, { pageToken: undefined, rowsTakenFromPage: 0 });
          continue;
        }
        assert.deepStrictEqual(parseStartingToken(token), { position, format: 'botocore' });
      }
    }
  });

  it('ignores the whitespace and double quotes around a token copied out of the CLI output', () => {
    const token = encodeStartingToken({ pageToken: 'tok', rowsTakenFromPage: 2 }) ?? '';
    assert.deepStrictEqual(parseStartingToken(`  "${token}"\n`).position, { pageToken: 'tok', rowsTakenFromPage: 2 });
  });

  const invalid: [string, string, RegExp][] = [
    ['an empty token', '  ', /empty/],
    [
      'a token of another paginator',
      b64('{"Marker": "abc", "boto_truncate_amount": 1}'),
      /another paginator: it holds Marker, boto_truncate_amount/,
    ],
    ['a token with binary values', b64('{"nextToken": "abc", "boto_encoded_keys": [["nextToken"]]}'), /another paginator/],
    ['a token without nextToken', b64('{"boto_truncate_amount": 1}'), /another paginator/],
    ['a negative row count', b64('{"nextToken": "abc", "boto_truncate_amount": -1}'), /boto_truncate_amount/],
    ['a fractional row count', b64('{"nextToken": "abc", "boto_truncate_amount": 1.5}'), /boto_truncate_amount/],
    ['a row count as text', b64('{"nextToken": "abc", "boto_truncate_amount": "3"}'), /boto_truncate_amount/],
    ['a nextToken that is a number', b64('{"nextToken": 12}'), /neither a string nor null/],
    ['a nextToken the service never issues', b64('{"nextToken": "a b/c"}'), /not a ListSessions token/],
    ['an empty nextToken', b64('{"nextToken": ""}'), /not a ListSessions token/],
    ['base64 JSON that is not an object (botocore fails on it too)', 'MTIz', /no JSON object/],
    ['text with spaces', 'not a token', /not a ListSessions token/],
    ['a URL', 'https://example.com/?nextToken=abc', /not a ListSessions token/],
    ['a token longer than the service allows', 'a'.repeat(1025), /not a ListSessions token/],
    ['"___" twice, which botocore rejects', 'a___b___1', /more than once/],
  ];
  for (const [what, text, message] of invalid) {
    it(`rejects ${what} with a message that says why`, () => {
      assert.throws(
        () => parseStartingToken(text),
        (error: unknown) => error instanceof StartingTokenError && message.test(error.message),
      );
    });
  }

  it('refuses to write a position no listing can have', () => {
    assert.throws(() => encodeStartingToken({ pageToken: 'abc', rowsTakenFromPage: -1 }), RangeError);
    assert.throws(() => encodeStartingToken({ pageToken: 'abc', rowsTakenFromPage: 0.5 }), RangeError);
    assert.throws(() => encodeStartingToken({ pageToken: 'a"b', rowsTakenFromPage: 1 }), RangeError);
  });
});
