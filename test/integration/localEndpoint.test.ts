import * as assert from 'assert';
import { EMRServerlessClient, ListApplicationsCommand } from '@aws-sdk/client-emr-serverless';
import { fromIni } from '@aws-sdk/credential-providers';
import { readSetting, useLocalEndpoint } from './helpers';

describe('local endpoint in the extension host', () => {
  const endpoint = useLocalEndpoint({ seed: 1, applications: 3, sessionsPerApplication: 5 });

  it('points emrServerless.endpoint at it', () => {
    assert.strictEqual(readSetting<string>('endpoint'), endpoint().url);
  });

  it("accepts requests signed with the runner's AWS profile", async () => {
    const client = new EMRServerlessClient({
      endpoint: readSetting<string>('endpoint'),
      region: readSetting<string>('region'),
      credentials: fromIni({ profile: readSetting<string>('profile') }),
    });
    try {
      const response = await client.send(new ListApplicationsCommand({}));
      assert.strictEqual(response.applications?.length, 3);
    } finally {
      client.destroy();
    }
  });
});
