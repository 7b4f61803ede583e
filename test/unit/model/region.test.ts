import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createEmrApi } from '../../../src/aws/emrClient';
import { ExplorerModel } from '../../../src/model/explorerModel';
import { ExplorerRowBuilder } from '../../../src/model/explorerNodes';
import { NO_FILTER } from '../../../src/model/sessionFilter';
import { validateSettings, type ConnectionSettings } from '../../../src/model/settings';
import { DEFAULT_KEY_PAIR, LocalEmrServer } from '../../localEmr/server';
import { overrideEnvironment } from '../support/environment';

const QUIET = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * The Region: an unset setting means the SDK's chain (AWS_REGION, the profile's region, then
 * a default the view names), an explicit setting wins, and the view's header says which.
 */
describe('the Region in use', function () {
  this.timeout(20_000);
  let dir: string;
  let restore: () => void;
  const models: ExplorerModel[] = [];

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emr-region-'));
    fs.writeFileSync(path.join(dir, 'config'), '[profile dublin]\nregion = eu-west-1\n[profile plain]\noutput = json\n[default]\nregion = ap-south-1\n');
    fs.writeFileSync(
      path.join(dir, 'credentials'),
      ['dublin', 'plain', 'default'].map((p) => `[${p}]\naws_access_key_id = ${DEFAULT_KEY_PAIR.accessKeyId}\naws_secret_access_key = ${DEFAULT_KEY_PAIR.secretAccessKey}\n`).join(''),
    );
    const names = Object.keys(process.env).filter((n) => n.startsWith('AWS_'));
    restore = overrideEnvironment({
      ...Object.fromEntries(names.map((n) => [n, undefined])),
      AWS_CONFIG_FILE: path.join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
    });
  });
  afterEach(() => {
    for (const m of models.splice(0)) {
      m.dispose();
    }
    restore();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A model with no custom endpoint, connected (no request is sent), and its header. */
  async function header(connection: Partial<ConnectionSettings>): Promise<string> {
    const model = new ExplorerModel({
      createApi: (c) => createEmrApi(c, QUIET),
      settings: { connection: { profile: '', requestTimeoutMs: 5_000, ...connection }, pageSize: 5 },
      filter: NO_FILTER,
    });
    models.push(model);
    await model.getApi();
    return model.connectionLabel;
  }

  it("a profile whose config says region = eu-west-1 is shown and used in eu-west-1 when the setting is empty", async () => {
    assert.strictEqual(await header({ profile: 'dublin' }), 'dublin · eu-west-1');
  });

  it('an explicit region setting wins over the profile', async () => {
    assert.strictEqual(await header({ profile: 'dublin', region: 'us-west-2' }), 'dublin · us-west-2');
  });

  it('AWS_REGION wins over the profile, as in the SDK', async () => {
    process.env.AWS_REGION = 'eu-central-1';
    assert.strictEqual(await header({ profile: 'dublin' }), 'dublin · eu-central-1');
  });

  it('with no Region anywhere, the default is used and named as the default', async () => {
    assert.strictEqual(await header({ profile: 'plain' }), 'plain · us-east-1 (default Region)');
  });

  it('the default chain uses the region of AWS_PROFILE, and names that profile', async () => {
    process.env.AWS_PROFILE = 'dublin';
    assert.strictEqual(await header({}), 'dublin · eu-west-1');
    delete process.env.AWS_PROFILE;
    assert.strictEqual(await header({}), 'default chain · ap-south-1');
  });

  it('with a custom endpoint, the header names the Region and the endpoint, and the listing says where nothing was found', async () => {
    const server = await LocalEmrServer.start({ applications: 0 });
    try {
      const model = new ExplorerModel({
        createApi: (c) => createEmrApi(c, QUIET),
        settings: { connection: { profile: 'dublin', endpoint: server.url, requestTimeoutMs: 5_000 }, pageSize: 5 },
        filter: NO_FILTER,
      });
      models.push(model);
      await model.applications.loadNext();
      assert.strictEqual(model.connectionLabel, `dublin · eu-west-1 · ${server.url}`);
      assert.strictEqual((await model.getApi()).region, 'eu-west-1', 'requests are signed for the profile Region');
      const rows = new ExplorerRowBuilder(model).roots();
      assert.deepStrictEqual(rows.map((r) => (r.kind === 'empty' ? r.message : r.kind)), [`No applications in ${server.url}`]);
    } finally {
      await server.close();
    }
  });
});

describe('the region setting', () => {
  it('an empty setting leaves the Region to the SDK chain, with no warning', () => {
    const { settings, warnings } = validateSettings({ region: '' });
    assert.strictEqual(settings.connection.region, undefined);
    assert.deepStrictEqual(warnings, []);
  });

  it('a well-formed name that is not an EMR Serverless Region, such as us-east-9, is used but warned about', () => {
    const { settings, warnings } = validateSettings({ region: 'us-east-9' });
    assert.strictEqual(settings.connection.region, 'us-east-9');
    assert.strictEqual(warnings.length, 1);
    assert.match(warnings[0], /emrServerless\.region "us-east-9" is not a Region where EMR Serverless is offered/);
  });

  it('a name that is not a Region name at all is ignored with a warning, and the SDK chain decides', () => {
    const { settings, warnings } = validateSettings({ region: 'mars-north-1a' });
    assert.strictEqual(settings.connection.region, undefined);
    assert.match(warnings[0], /"mars-north-1a" is not an AWS Region name; using the Region of AWS_REGION or the profile instead/);
  });
});
