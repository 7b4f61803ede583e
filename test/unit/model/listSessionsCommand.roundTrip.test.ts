/**
 * The copied AWS CLI command and boto3 script, run for real against the local endpoint: from
 * a position the SDK's listing reached, their sessions must be exactly the rest of the
 * listing, and the NextToken they print must let the SDK carry on exactly.
 *
 * Every `aws` and `python3` run starts in `before`, at once, so the suite takes about as long
 * as the slowest run; each test then awaits and checks its own.
 */
import * as assert from 'assert';
import { ListSessionsCommand, type EMRServerlessClient, type SessionSummary } from '@aws-sdk/client-emr-serverless';
import {
  LISTING_END,
  positionAfterRows,
  skipLeadingRows,
  type ListingPosition,
  type PageRecord,
} from '../../../src/model/listingPosition';
import { listSessionsCliCommand, listSessionsPython, type ListingToCopy } from '../../../src/model/listSessionsCommand';
import { sessionsToJson } from '../../../src/model/sessionExport';
import { toListSessionsParams, type ListSessionsParams, type SessionFilter } from '../../../src/model/sessionFilter';
import { parseStartingToken } from '../../../src/model/startingToken';
import { LocalEmrServer } from '../../localEmr/server';
import { sdkClient } from '../localEmr/helpers';
import { AwsClientEnvironment } from '../support/awsClients';

const PAGE_SIZE = 7;
const DAY = 86_400_000;

interface Listing {
  pages: PageRecord[];
  sessions: SessionSummary[];
}

interface CliOutput {
  sessions: { sessionId: string }[];
  NextToken?: string;
}

describe('copied AWS CLI and boto3 listings, run for real', function () {
  this.timeout(120_000);
  let server: LocalEmrServer;
  let client: EMRServerlessClient;
  let clients: AwsClientEnvironment;
  let appId: string;
  const runs = new Map<string, Promise<unknown>>();

  /** The whole listing through the SDK, one ListSessions request per page, keeping each page's tokens. */
  async function listAll(params: ListSessionsParams): Promise<Listing> {
    const listing: Listing = { pages: [], sessions: [] };
    let token: string | undefined;
    do {
      const page = await client.send(
        new ListSessionsCommand({ applicationId: appId, ...params, maxResults: PAGE_SIZE, nextToken: token }),
      );
      const rows = page.sessions ?? [];
      listing.pages.push({ requestToken: token, rowCount: rows.length, nextToken: page.nextToken });
      listing.sessions.push(...rows);
      token = page.nextToken;
    } while (token);
    return listing;
  }

  /** The rest of a listing from a position, through the SDK, as the tree would resume it. */
  async function listFrom(position: ListingPosition, params: ListSessionsParams): Promise<string[]> {
    const skip = skipLeadingRows<SessionSummary>(position.rowsTakenFromPage);
    const ids: string[] = [];
    let token = position.pageToken;
    do {
      const page = await client.send(
        new ListSessionsCommand({ applicationId: appId, ...params, maxResults: PAGE_SIZE, nextToken: token }),
      );
      ids.push(...skip(page.sessions ?? []).map((s) => s.sessionId ?? ''));
      token = page.nextToken;
    } while (token);
    return ids;
  }

  interface Case {
    title: string;
    filter: SessionFilter;
    /** Rows the tree has loaded when the command is copied; a function of the listing's length. */
    cut: (length: number) => number;
    maxItems?: number;
    useProfile?: boolean;
  }

  const now = Date.now();
  const cases: Case[] = [
    {
      title: 'a cut in the middle of the first page',
      filter: { states: [], createdAt: { kind: 'any' } },
      cut: () => 3,
      maxItems: 10,
    },
    {
      title: 'a cut on a page boundary, signed with --profile',
      filter: { states: [], createdAt: { kind: 'any' } },
      cut: () => 2 * PAGE_SIZE,
      maxItems: 2 * PAGE_SIZE,
      useProfile: true,
    },
    {
      title: 'a cut in the middle of a later page, with a state filter',
      filter: { states: ['TERMINATED', 'IDLE', 'FAILED'], createdAt: { kind: 'any' } },
      cut: () => PAGE_SIZE + 4,
    },
    {
      title: 'a cut in the middle of a later page, with a created-at range in milliseconds',
      filter: {
        states: [],
        createdAt: {
          kind: 'range',
          after: new Date(now - 75 * DAY + 123).toISOString(),
          before: new Date(now - 2 * DAY - 456).toISOString(),
        },
      },
      cut: (length) => Math.min(PAGE_SIZE + 5, length - 1),
    },
    {
      title: 'a cut mid-page, with the last 30 days and a state filter',
      filter: { states: ['TERMINATED', 'FAILED'], createdAt: { kind: 'relative', preset: '30d' } },
      cut: (length) => Math.min(PAGE_SIZE + 2, length - 1),
    },
  ];

  interface Prepared {
    listing: Listing;
    params: ListSessionsParams;
    cut: number;
    position: ListingPosition;
    copy: ListingToCopy;
  }
  const prepared = new Map<string, Prepared>();

  before(async () => {
    server = await LocalEmrServer.start({ seed: 11, applications: 2, sessionsPerApplication: 90 });
    client = sdkClient(server);
    clients = AwsClientEnvironment.create();
    appId = server.store.listApplications()[0]?.id ?? '';
    for (const c of cases) {
      const params = toListSessionsParams(c.filter, now);
      const listing = await listAll(params);
      const cut = c.cut(listing.sessions.length);
      assert.ok(
        listing.pages.length >= 2 && cut > 0 && cut < listing.sessions.length,
        `${c.title}: the listing has ${listing.sessions.length} rows`,
      );
      const position = positionAfterRows(listing.pages, cut);
      assert.notStrictEqual(position, LISTING_END);
      const copy: ListingToCopy = {
        applicationId: appId,
        params,
        pageSize: PAGE_SIZE,
        position: position as ListingPosition,
        region: 'us-east-1',
        endpoint: server.url,
        ...(c.maxItems ? { maxItems: c.maxItems } : {}),
        ...(c.useProfile ? { profile: AwsClientEnvironment.PROFILE } : {}),
      };
      prepared.set(c.title, { listing, params, cut, position: position as ListingPosition, copy });
      const env = c.useProfile ? clients.envWithoutKeys : clients.env;
      runs.set(c.title, clients.runCliCommand(listSessionsCliCommand(copy), env));
    }
    const firstCase = prepared.get(cases[2]?.title ?? '') as Prepared;
    runs.set(
      'python',
      clients.runPython(
        listSessionsPython({ ...firstCase.copy, maxItems: 5, profile: AwsClientEnvironment.PROFILE }),
        undefined,
        clients.envWithoutKeys,
      ),
    );
    // Settle every run now, so a failure is reported by its own test rather than as unhandled.
    for (const run of runs.values()) {
      run.catch(() => undefined);
    }
  });
  after(async () => {
    await Promise.allSettled(runs.values());
    client?.destroy();
    clients?.dispose();
    await server?.close();
  });

  for (const c of cases) {
    it(`the AWS CLI continues the listing with no gap and no duplicate after ${c.title}`, async () => {
      const { listing, params, cut, position } = prepared.get(c.title) as Prepared;
      const output = (await runs.get(c.title)) as CliOutput;
      const ids = listing.sessions.map((s) => s.sessionId);
      const printed = output.sessions.map((s) => s.sessionId);
      const end = c.maxItems ? cut + c.maxItems : ids.length;
      assert.deepStrictEqual(printed, ids.slice(cut, end), `from position ${JSON.stringify(position)}`);
      if (!c.maxItems) {
        assert.strictEqual(output.NextToken, undefined, 'the CLI listed to the end');
        return;
      }
      // The CLI's own NextToken, read back, lets the SDK carry on exactly.
      assert.ok(output.NextToken, 'the CLI printed a NextToken');
      const parsed = parseStartingToken(output.NextToken);
      assert.strictEqual(parsed.format, 'botocore');
      assert.deepStrictEqual(await listFrom(parsed.position, params), ids.slice(end));
    });
  }

  it('prints a mid-page NextToken with boto_truncate_amount, and one on a page boundary without it', async () => {
    const [mid, boundary] = (await Promise.all([
      runs.get(cases[0]?.title ?? ''),
      runs.get(cases[1]?.title ?? ''),
    ])) as CliOutput[];
    assert.deepStrictEqual(parseStartingToken(mid?.NextToken ?? '').position.rowsTakenFromPage, (3 + 10) % PAGE_SIZE);
    assert.deepStrictEqual(parseStartingToken(boundary?.NextToken ?? '').position.rowsTakenFromPage, 0);
  });

  it('the boto3 script lists the same rows as the tree would next, and its NextToken resumes exactly', async () => {
    const { listing, params, cut } = prepared.get(cases[2]?.title ?? '') as Prepared;
    const stdout = (await runs.get('python')) as string;
    const lines = stdout.trimEnd().split('\n');
    const tokenLine = lines.pop() ?? '';
    const printed = lines.map((line) => line.split('\t')[0]);
    const ids = listing.sessions.map((s) => s.sessionId);
    assert.deepStrictEqual(printed, ids.slice(cut, cut + 5));
    const match = /^NextToken: (\S+)$/.exec(tokenLine);
    assert.ok(match, `last line: ${tokenLine}`);
    assert.deepStrictEqual(await listFrom(parseStartingToken(match[1] ?? '').position, params), ids.slice(cut + 5));
  });

  it('exports sessions in the shape the AWS CLI prints, with the same values and ISO 8601 times', async () => {
    // The state-filtered run lists every member of the rest of its listing.
    const { listing, cut } = prepared.get(cases[2]?.title ?? '') as Prepared;
    const cli = (await runs.get(cases[2]?.title ?? '')) as { sessions: Record<string, unknown>[] };
    assert.ok(cli.sessions.length > 0);
    const exported = JSON.parse(sessionsToJson(listing.sessions.slice(cut))) as { sessions: Record<string, unknown>[] };
    assert.deepStrictEqual(Object.keys(exported), ['sessions']);
    assert.strictEqual(exported.sessions.length, cli.sessions.length);
    exported.sessions.forEach((ours, i) => {
      const theirs = cli.sessions[i] as Record<string, unknown>;
      assert.deepStrictEqual(Object.keys(ours), Object.keys(theirs), 'the same members in the same order');
      for (const [key, value] of Object.entries(theirs)) {
        if (key === 'createdAt' || key === 'updatedAt') {
          assert.match(ours[key] as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
          assert.strictEqual(
            Date.parse(ours[key] as string),
            Date.parse(value as string),
            `${key} of ${String(theirs['sessionId'])}`,
          );
        } else {
          assert.deepStrictEqual(ours[key], value, key);
        }
      }
    });
  });
});
