/**
 * "Created by me" in the explorer model, against the local endpoint: the caller from STS
 * GetCallerIdentity, asked once per connection, and the tree showing that caller's sessions.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import { stsEndpointFor } from '../../../src/aws/stsClient';
import { ExplorerModel } from '../../../src/model/explorerModel';
import { ExplorerRowBuilder } from '../../../src/model/explorerNodes';
import {
  describeFilter,
  isFilterActive,
  NO_FILTER,
  parseStoredFilter,
  type SessionFilter,
} from '../../../src/model/sessionFilter';
import { DEFAULT_KEY_PAIR, SESSION_KEY_PAIR } from '../../localEmr/server';
import { LocalEmrConnection } from '../support/localEmrConnection';

const ALICE = 'arn:aws:iam::123456789012:user/alice';
const BOB = 'arn:aws:sts::123456789012:assumed-role/DataEngineer/bob';
/** A second profile in the connection's files, holding temporary credentials of bob's role session. */
const BOB_PROFILE = 'data-engineer-bob';

describe('"Created by me" against the local endpoint', function () {
  this.timeout(30_000);
  let local: LocalEmrConnection;
  let appId: string;
  const models: ExplorerModel[] = [];

  before(async () => {
    local = await LocalEmrConnection.start({
      seed: 17,
      applications: 1,
      sessionsPerApplication: 30,
      credentials: [DEFAULT_KEY_PAIR, SESSION_KEY_PAIR],
    });
    const k = SESSION_KEY_PAIR;
    fs.appendFileSync(process.env.AWS_CONFIG_FILE ?? '', `\n[profile ${BOB_PROFILE}]\nregion = us-east-1\n`);
    fs.appendFileSync(
      process.env.AWS_SHARED_CREDENTIALS_FILE ?? '',
      `\n[${BOB_PROFILE}]\naws_access_key_id = ${k.accessKeyId}\naws_secret_access_key = ${k.secretAccessKey}\naws_session_token = ${k.sessionToken}\n`,
    );
    appId = local.server.store.listApplications()[0]?.id ?? '';
    // A session of another session of the same role, which "me" as bob must not include.
    local.server.store.addSession(appId, {
      name: 'carol as DataEngineer',
      createdBy: 'arn:aws:sts::123456789012:assumed-role/DataEngineer/carol',
    });
  });
  after(async () => {
    models.forEach((m) => m.dispose());
    await local?.close();
  });
  beforeEach(() => {
    local.server.faults.clear();
    local.server.resetRequests();
  });

  function newModel(filter: SessionFilter = NO_FILTER, pageSize = 10): ExplorerModel {
    const model = new ExplorerModel({ createApi: local.createApi, settings: { connection: local.settings(), pageSize }, filter });
    models.push(model);
    return model;
  }
  const creators = (model: ExplorerModel) =>
    new ExplorerRowBuilder(model).sessions(appId).flatMap((n) => (n.kind === 'session' ? [n.session.createdBy] : []));

  it('asks STS who the caller is once per connection, and again for another Region', async () => {
    const model = newModel();
    assert.strictEqual((await model.callerIdentity()).arn, ALICE, "the local profile's key pair is alice");
    await model.callerIdentity();
    assert.strictEqual(local.server.count('GetCallerIdentity'), 1);
    model.updateSettings({ connection: local.settings({ region: 'eu-west-1' }), pageSize: 10 });
    assert.strictEqual((await model.callerIdentity()).account, '123456789012');
    assert.strictEqual(local.server.count('GetCallerIdentity'), 2);
    model.updateSettings({ connection: local.settings(), pageSize: 10 });
    await model.callerIdentity();
    assert.strictEqual(local.server.count('GetCallerIdentity'), 2, 'the first connection is still known');
  });

  it("rejects with STS's AccessDenied when GetCallerIdentity is denied, and asks again next time", async () => {
    local.server.faults.inject({ operation: 'GetCallerIdentity', kind: 'accessDenied', times: 1 });
    const model = newModel();
    await assert.rejects(
      model.callerIdentity(),
      (error: Error) => error.name === 'AccessDenied' && /sts:GetCallerIdentity/.test(error.message),
    );
    assert.deepStrictEqual(model.filter, NO_FILTER);
    assert.strictEqual((await model.callerIdentity()).arn, ALICE);
    assert.strictEqual(local.server.count('GetCallerIdentity'), 2);
  });

  it("shows only the caller's loaded sessions, from the pages already loaded, and counts the others on Load more", async () => {
    const model = newModel(NO_FILTER, 20);
    await model.sessions(appId).loadNext();
    const loaded = model.loadedSessions(appId);
    const requests = local.server.count('ListSessions');
    await model.callerIdentity();
    model.setFilter({ ...NO_FILTER, createdByMe: true });
    assert.strictEqual(local.server.count('ListSessions'), requests, 'no page is asked for again');
    const shown = creators(model);
    const alices = loaded.filter((s) => s.createdBy === ALICE).length;
    assert.ok(alices > 0 && alices < loaded.length, `the first page mixes creators: ${alices} of ${loaded.length}`);
    assert.deepStrictEqual(shown, Array(alices).fill(ALICE));
    assert.deepStrictEqual(
      model.shownSessions(appId),
      loaded.filter((s) => s.createdBy === ALICE),
    );
    const more = new ExplorerRowBuilder(model).sessions(appId).find((n) => n.kind === 'loadMore');
    assert.ok(more?.kind === 'loadMore' && more.hidden === loaded.length - alices, 'Load more says how many are hidden');
    model.setFilter(NO_FILTER);
    assert.strictEqual(creators(model).length, loaded.length, 'every loaded session is back');
  });

  it("keeps each shown session's row through redraws, and gives no row to a session that \"created by me\" hides", async () => {
    const model = newModel(NO_FILTER, 20);
    const rows = new ExplorerRowBuilder(model);
    await model.sessions(appId).loadNext();
    await model.callerIdentity();
    const first = rows.sessions(appId).flatMap((n) => (n.kind === 'session' ? [n] : []));
    const other = first.find((n) => n.session.createdBy !== ALICE);
    const mine = first.find((n) => n.session.createdBy === ALICE);
    assert.ok(other && mine);
    model.setFilter({ ...NO_FILTER, createdByMe: true });
    const filtered = rows.sessions(appId);
    assert.ok(filtered.includes(mine), 'the same row object stands for a session still shown');
    assert.ok(!filtered.includes(other));
    assert.strictEqual(rows.sessionNode(appId, other.session.sessionId ?? ''), undefined, 'a hidden session has no row to reveal');
    assert.strictEqual(rows.sessionNode(appId, mine.session.sessionId ?? ''), mine);
    await model.sessions(appId).loadNext();
    const more = rows.sessions(appId);
    assert.deepStrictEqual(more.slice(0, filtered.length - 1), filtered.slice(0, -1), 'a page more keeps the rows drawn before');
    model.setFilter(NO_FILTER);
    assert.ok(rows.sessions(appId).includes(other), 'the hidden session is shown again with its row');
    assert.strictEqual(rows.sessionNode(appId, other.session.sessionId ?? ''), other);
  });

  it('shows an assumed-role caller the sessions of the same role session name, and not those of other sessions of the role', async () => {
    const model = newModel(NO_FILTER, 50);
    model.updateSettings({ connection: local.settings({ profile: BOB_PROFILE }), pageSize: 50 });
    assert.strictEqual((await model.callerIdentity()).arn, BOB);
    model.setFilter({ ...NO_FILTER, createdByMe: true });
    await model.sessions(appId).loadNext();
    const all = model.loadedSessions(appId);
    assert.ok(all.some((s) => s.createdBy?.endsWith('/DataEngineer/carol')));
    assert.deepStrictEqual(
      creators(model),
      all.filter((s) => s.createdBy === BOB).map(() => BOB),
    );
  });

  it('asks for the caller of a new connection by itself while "created by me" is on, and shows its sessions', async () => {
    const model = newModel(NO_FILTER, 50);
    await model.callerIdentity();
    model.setFilter({ ...NO_FILTER, createdByMe: true });
    const asked = local.server.count('GetCallerIdentity');
    model.updateSettings({ connection: local.settings({ profile: BOB_PROFILE }), pageSize: 50 });
    await model.sessions(appId).loadNext();
    await waitUntil(() => model.callerArn === BOB);
    assert.strictEqual(local.server.count('GetCallerIdentity'), asked + 1);
    assert.ok(creators(model).every((c) => c === BOB) && creators(model).length > 0);
  });
});

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++) {
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.ok(condition(), 'the condition came true');
}

describe('the "created by me" filter', () => {
  it('is a filter the header names, and is not restored after a reload', () => {
    const filter: SessionFilter = { ...NO_FILTER, states: ['IDLE'], createdByMe: true };
    assert.strictEqual(describeFilter(filter), 'IDLE · created by me');
    assert.ok(isFilterActive({ ...NO_FILTER, createdByMe: true }));
    assert.deepStrictEqual(parseStoredFilter(JSON.parse(JSON.stringify(filter))), { ...NO_FILTER, states: ['IDLE'] });
  });
});

describe('where STS requests go', () => {
  it("goes to STS's own endpoint for no custom endpoint or one of AWS's, and to any other custom endpoint", () => {
    assert.strictEqual(stsEndpointFor(undefined), undefined);
    assert.strictEqual(stsEndpointFor('https://vpce-0123.emr-serverless.us-east-1.vpce.amazonaws.com'), undefined);
    assert.strictEqual(stsEndpointFor('https://emr-serverless.cn-north-1.amazonaws.com.cn'), undefined);
    assert.strictEqual(stsEndpointFor('http://127.0.0.1:4599'), 'http://127.0.0.1:4599');
    assert.strictEqual(stsEndpointFor('https://proxy.example.com/aws'), 'https://proxy.example.com/aws');
    assert.strictEqual(stsEndpointFor('https://notamazonaws.com'), 'https://notamazonaws.com');
  });
});
