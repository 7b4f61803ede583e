import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { EMR_SERVERLESS_REGIONS, isOptInRegion, partitionOf, regionsOfPartition } from '../../../src/model/regions';
import { validateSettings } from '../../../src/model/settings';

/** The Regions botocore's endpoint data lists for emr-serverless in a partition (an independent source). */
function botocoreRegions(partition: string): string[] {
  const script = `import json, botocore.session\nprint(json.dumps(botocore.session.get_session().get_available_regions('emr-serverless', '${partition}')))`;
  return JSON.parse(execFileSync('python3', ['-c', script], { encoding: 'utf8', timeout: 30_000 })) as string[];
}

describe('the EMR Serverless Region list', () => {
  it('lists each Region once, with a code of the right shape and its console name', () => {
    const ids = EMR_SERVERLESS_REGIONS.map((r) => r.id);
    assert.strictEqual(new Set(ids).size, ids.length);
    for (const r of EMR_SERVERLESS_REGIONS) {
      assert.match(r.id, /^[a-z]{2}(-gov)?-[a-z]+-\d$/);
      assert.ok(r.name.length > 0);
    }
  });

  it('lists only Regions where botocore offers EMR Serverless, every one botocore offers to a standard account among them', function () {
    this.timeout(30_000);
    const standard = botocoreRegions('aws');
    const gov = botocoreRegions('aws-us-gov');
    assert.deepStrictEqual(EMR_SERVERLESS_REGIONS.map((r) => r.id).filter((id) => !standard.includes(id) && !gov.includes(id)), []);
    const known = regionsOfPartition('aws').map((r) => r.id);
    assert.deepStrictEqual(standard.filter((id) => !known.includes(id)), [], 'Regions botocore lists that are missing here');
  });

  it('marks as opt-in the Regions that an account must enable, and no Region enabled by default', () => {
    assert.strictEqual(isOptInRegion('eu-south-1'), true);
    assert.strictEqual(isOptInRegion('ap-east-1'), true);
    assert.strictEqual(isOptInRegion('eu-west-1'), false);
    assert.strictEqual(isOptInRegion('us-east-1'), false);
    assert.strictEqual(isOptInRegion('us-east-9'), false, 'an unknown code is not called opt-in');
    // Regions launched before 20 March 2019 are enabled by default: 17 in the standard partition.
    assert.strictEqual(regionsOfPartition('aws').filter((r) => !r.optIn).length, 17);
  });

  it('keeps GovCloud apart, so that a standard account never scans it', () => {
    assert.deepStrictEqual(regionsOfPartition('aws-us-gov').map((r) => r.id), ['us-gov-east-1', 'us-gov-west-1']);
    assert.ok(!regionsOfPartition('aws').some((r) => r.id.startsWith('us-gov-')));
    assert.strictEqual(partitionOf('us-gov-west-1'), 'aws-us-gov');
    assert.strictEqual(partitionOf('eu-west-1'), 'aws');
  });

  it('accepts every listed Region in the region setting without a warning', () => {
    for (const r of EMR_SERVERLESS_REGIONS) {
      assert.deepStrictEqual(validateSettings({ region: r.id }).warnings, [], r.id);
    }
  });
});
