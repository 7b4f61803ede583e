/**
 * The tree's own listing handed to the AWS CLI and boto3, and back: the explorer model loads
 * sessions from the local endpoint (Load All stopping mid-page at its cap, a session started
 * here put first), the command it copies is run for real, and its sessions must be exactly the
 * rest of the listing. A NextToken the CLI prints, listed from in the model, gives exactly the
 * rows after it.
 */
import * as assert from 'assert';
import type { Session } from '@aws-sdk/client-emr-serverless';
import { BULK_LOAD_REDRAW_MS, ExplorerModel } from '../../../src/model/explorerModel';
import { ManualClock } from '../../localEmr/clock';
import { ManualTimers } from '../support/manualTimers';
import { silentLogger } from '../support/silentLogger';
import { LISTING_END } from '../../../src/model/listingPosition';
import { listSessionsCliCommand, listSessionsPython } from '../../../src/model/listSessionsCommand';
import { NO_FILTER, type SessionFilter } from '../../../src/model/sessionFilter';
import { parseStartingToken } from '../../../src/model/startingToken';
import { AwsClientEnvironment } from '../support/awsClients';
import { LocalEmrConnection } from '../support/localEmrConnection';

const PAGE_SIZE = 7;

describe("the explorer's listing, copied as an AWS CLI command and run for real", function () {
  this.timeout(120_000);
  let local: LocalEmrConnection;
  let clients: AwsClientEnvironment;
  let appId: string;
  const models: ExplorerModel[] = [];

  before(async () => {
    local = await LocalEmrConnection.start({ seed: 23, applications: 1, sessionsPerApplication: 60 });
    clients = AwsClientEnvironment.create();
    appId = local.server.store.listApplications()[0]?.id ?? '';
  });
  after(async () => {
    models.forEach((m) => m.dispose());
    clients?.dispose();
    await local?.close();
  });

  function newModel(filter: SessionFilter = NO_FILTER): ExplorerModel {
    const model = new ExplorerModel({ createApi: local.createApi, settings: { connection: local.settings(), pageSize: PAGE_SIZE }, filter });
    models.push(model);
    return model;
  }

  /** The listing as the service holds it, for the filter the model resolved. */
  function expectedIds(model: ExplorerModel): string[] {
    const { params } = model.listingToCopy(appId, 1);
    return local.server.store.listSessions(appId, params).map((s) => s.sessionId ?? '');
  }

  /** The environment of this process (it holds the connection's profile files) for `aws` and python. */
  function profileEnv(): NodeJS.ProcessEnv {
    return { ...process.env, AWS_PAGER: '', AWS_EC2_METADATA_DISABLED: 'true' };
  }

  it('resumes after the last loaded row when Load All stopped mid-page and a started session sits first', async () => {
    const model = newModel();
    await model.sessions(appId).loadNext();
    const result = await model.loadAll(appId, { maxItems: PAGE_SIZE + 3 });
    assert.deepStrictEqual(result, { loaded: PAGE_SIZE + 3, stoppedBy: 'maxItems' });
    const started: Session = {
      applicationId: appId,
      sessionId: 'started-here-1',
      arn: 'arn:aws:emr-serverless:us-east-1:123456789012:/applications/x/sessions/started-here-1',
      name: 'started here',
      state: 'SUBMITTED',
      stateDetails: '',
      releaseLabel: 'emr-7.9.0',
      executionRoleArn: 'arn:aws:iam::123456789012:role/x',
      createdBy: 'arn:aws:iam::123456789012:user/me',
      createdAt: new Date(),
      updatedAt: new Date(),
    } as Session;
    model.addStartedSession(appId, started);
    assert.strictEqual(model.sessions(appId).items[0]?.sessionId, 'started-here-1', 'the started session is shown first');

    const copy = model.listingToCopy(appId, 1000);
    assert.deepStrictEqual(copy.position, { pageToken: copy.position?.pageToken, rowsTakenFromPage: 3 });
    assert.ok(copy.position?.pageToken, 'the cut is in the second page');
    const command = listSessionsCliCommand(copy);
    assert.match(command, /--page-size 7 --max-items 1000 --starting-token \S+ --region us-east-1 --profile local-emr --endpoint-url /);
    const output = await clients.runCliCommand(command, profileEnv());
    assert.deepStrictEqual(
      output.sessions.map((s) => s.sessionId),
      expectedIds(model).slice(PAGE_SIZE + 3),
    );
    assert.strictEqual(output.NextToken, undefined, 'the CLI listed to the end');
  });

  it('copies a boto3 script that resumes at the same place, with a state filter', async () => {
    const model = newModel({ states: ['TERMINATED', 'FAILED'], createdAt: { kind: 'any' } });
    await model.loadAll(appId, { maxItems: PAGE_SIZE + 2 });
    const copy = model.listingToCopy(appId, 4);
    const printed = await clients.runPython(listSessionsPython(copy), undefined, profileEnv());
    const lines = printed.trim().split('\n');
    const ids = lines.filter((l) => !l.startsWith('NextToken:')).map((l) => l.split('\t')[0]);
    assert.deepStrictEqual(ids, expectedIds(model).slice(PAGE_SIZE + 2, PAGE_SIZE + 6));
    assert.ok(lines.some((l) => l.startsWith('NextToken: ')), 'the script stopped at MaxItems and printed a NextToken');
  });

  it('lists from a NextToken the AWS CLI printed, exactly the rows after it, and back from the start', async () => {
    const model = newModel();
    const fromStart = model.listingToCopy(appId, 10);
    assert.doesNotMatch(listSessionsCliCommand(fromStart), /--starting-token/, 'an application never expanded is copied from the start');
    const output = await clients.runCliCommand(listSessionsCliCommand(fromStart), profileEnv());
    assert.ok(output.NextToken, 'the CLI stopped at --max-items 10 mid-page and printed a NextToken');
    const expected = expectedIds(model);
    assert.deepStrictEqual(
      output.sessions.map((s) => s.sessionId),
      expected.slice(0, 10),
    );

    model.listFromPosition(appId, parseStartingToken(output.NextToken).position);
    const listing = model.sessions(appId);
    while (listing.hasMore) {
      await listing.loadNext();
      assert.strictEqual(listing.error, undefined);
    }
    assert.deepStrictEqual(
      listing.items.map((s) => s.sessionId),
      expected.slice(10),
    );
    assert.strictEqual(listing.position, LISTING_END);

    model.listFromStart(appId);
    await model.sessions(appId).loadNext();
    assert.deepStrictEqual(
      model.sessions(appId).items.map((s) => s.sessionId),
      expected.slice(0, PAGE_SIZE),
    );
  });

  it('stops Load All when cancelled between pages, leaving a prefix that Load more continues without a gap', async () => {
    const model = newModel();
    let pages = 0;
    const result = await model.loadAll(appId, { maxItems: 1000, isCancelled: () => pages >= 2, onProgress: () => pages++ });
    assert.deepStrictEqual(result, { loaded: 2 * PAGE_SIZE, stoppedBy: 'cancelled' });
    const listing = model.sessions(appId);
    assert.ok(listing.hasMore, '"Load more" is still there');
    await listing.loadNext();
    assert.deepStrictEqual(
      listing.items.map((s) => s.sessionId),
      expectedIds(model).slice(0, 3 * PAGE_SIZE),
    );
  });

  it('tells listeners of a Load All at most once per 250 ms of its clock, and once at the end', async () => {
    const timers = new ManualTimers(new ManualClock());
    const model = new ExplorerModel({
      createApi: local.createApi,
      settings: { connection: local.settings(), pageSize: PAGE_SIZE },
      filter: NO_FILTER,
      live: { pollIntervalSeconds: 0, log: silentLogger, clock: timers },
    });
    models.push(model);
    await model.sessions(appId).loadNext();
    const fired: number[] = [];
    model.onDidChange((id) => id === appId && fired.push(timers.now()));
    let pages = 0;
    const result = await model.loadAll(appId, {
      maxItems: 1000,
      onProgress: () => {
        pages++;
        // Every other page takes 250 ms of the clock.
        if (pages % 2 === 0) {
          timers.advance(BULK_LOAD_REDRAW_MS);
        }
      },
    });
    assert.strictEqual(result.stoppedBy, 'end');
    assert.ok(pages >= 6, `${pages} pages`);
    const during = fired.slice(0, -1);
    assert.ok(during.length >= 2, 'the tree was redrawn while loading');
    for (let i = 1; i < during.length; i++) {
      assert.ok((during[i] ?? 0) - (during[i - 1] ?? 0) >= BULK_LOAD_REDRAW_MS, `redraws at ${during.join(', ')}`);
    }
    assert.ok(fired.length <= Math.floor(pages / 2) + 1, `${fired.length} redraws for ${pages} pages`);
  });
});
