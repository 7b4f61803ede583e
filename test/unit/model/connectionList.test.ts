import * as assert from 'assert';
import {
  connectionName,
  resolveConnections,
  withConnectionAdded,
  withConnectionChanged,
  withConnectionRemoved,
} from '../../../src/model/connectionList';
import type { ExplorerSettings } from '../../../src/model/settings';

const SHORTHAND: ExplorerSettings = {
  connection: { profile: 'dev', region: 'eu-west-1', requestTimeoutMs: 30_000 },
  pageSize: 25,
};

describe('emrServerless.connections', () => {
  it('uses the profile, region and endpoint settings as the one connection when the list is empty or absent', () => {
    for (const raw of [undefined, []]) {
      const { connections, warnings, fromList } = resolveConnections(raw, SHORTHAND);
      assert.strictEqual(fromList, false);
      assert.deepStrictEqual(warnings, []);
      assert.strictEqual(connections.length, 1);
      assert.strictEqual(connections[0].settings, SHORTHAND);
      assert.strictEqual(connections[0].name, 'dev · eu-west-1');
    }
  });

  it('names each connection "profile · region", or by its label, and gives it the shared page size and timeout', () => {
    const { connections } = resolveConnections(
      [
        { profile: 'prod', region: 'eu-west-1' },
        { profile: '', region: 'us-east-1', label: 'Sandbox' },
        { profile: 'prod', region: 'us-west-2', endpoint: 'http://127.0.0.1:4599/' },
      ],
      SHORTHAND,
    );
    assert.deepStrictEqual(
      connections.map((c) => c.name),
      ['prod · eu-west-1', 'Sandbox', 'prod · us-west-2'],
    );
    assert.deepStrictEqual(
      connections.map((c) => c.settings.pageSize),
      [25, 25, 25],
    );
    assert.strictEqual(connections[2].settings.connection.endpoint, 'http://127.0.0.1:4599');
    assert.strictEqual(connections[0].settings.connection.requestTimeoutMs, 30_000);
    assert.strictEqual(new Set(connections.map((c) => c.id)).size, 3);
    assert.strictEqual(connectionName({ profile: '', region: 'us-east-1' }), 'default chain · us-east-1');
  });

  it('drops each bad entry with a message naming it, and keeps the others', () => {
    const { connections, warnings } = resolveConnections(
      [
        'prod',
        { region: 'eu-west-1' },
        { profile: 'prod', region: 'Ireland' },
        { profile: 'prod', region: 'eu-west-1' },
        { profile: 'prod', region: 'eu-west-1', label: 'again' },
        { profile: 'qa', region: 'eu-west-1', endpoint: 'not a url' },
      ],
      SHORTHAND,
    );
    assert.deepStrictEqual(
      connections.map((c) => c.name),
      ['prod · eu-west-1', 'qa · eu-west-1'],
    );
    assert.strictEqual(warnings.length, 5);
    assert.match(warnings[0], /entry 1 is not an object/);
    assert.match(warnings[1], /entry 2 has no "profile"/);
    assert.match(warnings[2], /entry 3 needs a "region" such as "eu-west-1", not "Ireland"/);
    assert.match(warnings[3], /entry 5 repeats the profile, Region and endpoint of another entry/);
    assert.match(warnings[4], /entry 6: "not a url" is not a URL.*Nothing is sent for this connection/);
    // The entry whose endpoint cannot be used stays, and sends nothing: its row says why.
    assert.ok(connections[1].settings.connection.endpointError);
    assert.strictEqual(connections[1].settings.connection.endpoint, undefined);
  });

  it('says that a setting which is not a list is ignored, and falls back to the shorthand', () => {
    const { connections, warnings } = resolveConnections({ profile: 'prod' }, SHORTHAND);
    assert.strictEqual(connections[0].settings, SHORTHAND);
    assert.match(warnings[0], /must be a list/);
  });

  it('warns about a Region where EMR Serverless is not offered, and uses it as written', () => {
    const { connections, warnings } = resolveConnections([{ profile: 'prod', region: 'us-east-9' }], SHORTHAND);
    assert.strictEqual(connections[0].settings.connection.region, 'us-east-9');
    assert.match(warnings[0], /not a Region where EMR Serverless is offered/);
  });

  it('adds a connection after the shorthand one, so adding never hides the connection the tree showed', () => {
    const added = withConnectionAdded([], { profile: 'prod', region: 'eu-west-1' }, { profile: 'dev' }, 'us-east-2');
    assert.deepStrictEqual(added, [
      { profile: 'dev', region: 'us-east-2' },
      { profile: 'prod', region: 'eu-west-1' },
    ]);
    assert.strictEqual(
      withConnectionAdded(added ?? [], { profile: 'dev', region: 'us-east-2', label: 'x' }, undefined, undefined),
      undefined,
    );
  });

  it('removes exactly the entry of a connection, leaving entries it cannot read alone', () => {
    const list: unknown[] = [
      { profile: 'prod', region: 'eu-west-1' },
      'junk',
      { profile: 'prod', region: 'us-west-2', endpoint: 'http://127.0.0.1:4599/', label: 'local' },
    ];
    const { connections } = resolveConnections(list, SHORTHAND);
    assert.deepStrictEqual(withConnectionRemoved(list, connections[1].id), [list[0], 'junk']);
    assert.deepStrictEqual(withConnectionRemoved(list, connections[0].id), ['junk', list[2]]);
  });

  it('gives one entry another Region or profile, keeping its endpoint, label and place, and refuses one that would repeat another', () => {
    const list = [
      { profile: 'prod', region: 'us-east-1' },
      'junk',
      { profile: 'prod', region: 'us-west-2', endpoint: 'http://127.0.0.1:4599/', label: 'local' },
    ];
    const { connections } = resolveConnections(list, SHORTHAND);
    assert.deepStrictEqual(withConnectionChanged(list, connections[1].id, { region: 'eu-west-1' }), [
      list[0],
      'junk',
      { profile: 'prod', region: 'eu-west-1', endpoint: 'http://127.0.0.1:4599/', label: 'local' },
    ]);
    assert.deepStrictEqual(withConnectionChanged(list, connections[0].id, { profile: '' }), [{ profile: '', region: 'us-east-1' }, 'junk', list[2]]);
    const moved = [{ profile: 'prod', region: 'us-east-1' }, { profile: 'prod', region: 'us-west-2' }];
    assert.strictEqual(withConnectionChanged(moved, resolveConnections(moved, SHORTHAND).connections[1].id, { region: 'us-east-1' }), 'duplicate');
    assert.strictEqual(withConnectionChanged(list, resolveConnections([{ profile: 'other', region: 'us-east-1' }], SHORTHAND).connections[0].id, { region: 'eu-west-1' }), 'notFound');
  });
});
