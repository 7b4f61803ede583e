import * as assert from 'assert';
import { createdByMatcher, creatorShortName } from '../../../src/model/principals';

describe('session creators', () => {
  const names: [string | undefined, string | undefined][] = [
    ['arn:aws:iam::123456789012:user/alice', 'alice'],
    ['arn:aws:iam::123456789012:user/division/team/alice', 'alice'],
    ['arn:aws:sts::123456789012:assumed-role/DataEngineer/bob', 'DataEngineer/bob'],
    [
      'arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin_0123abcd/carol@example.com',
      'AWSReservedSSO_Admin_0123abcd/carol@example.com',
    ],
    ['arn:aws:iam::123456789012:role/service-role/EmrRole', 'EmrRole'],
    ['arn:aws:sts::123456789012:federated-user/dave', 'dave'],
    ['arn:aws:iam::123456789012:root', 'root'],
    ['arn:aws-cn:iam::123456789012:user/erin', 'erin'],
    ['arn:aws-us-gov:sts::123456789012:assumed-role/Ops/frank', 'Ops/frank'],
    ['not an arn', 'not an arn'],
    ['arn:aws:s3:::bucket/key', 'arn:aws:s3:::bucket/key'],
    [undefined, undefined],
  ];
  for (const [arn, short] of names) {
    it(`shows ${arn ?? 'a missing creator'} as ${short ?? 'nothing'}`, () => {
      assert.strictEqual(creatorShortName(arn), short);
    });
  }

  it('counts an IAM user\'s sessions as "created by me" and no one else\'s', () => {
    const mine = createdByMatcher('arn:aws:iam::123456789012:user/alice');
    assert.ok(mine);
    assert.strictEqual(mine('arn:aws:iam::123456789012:user/alice'), true);
    assert.strictEqual(mine('arn:aws:iam::123456789012:user/bob'), false);
    assert.strictEqual(mine('arn:aws:iam::210987654321:user/alice'), false, 'same name, other account');
    assert.strictEqual(mine('arn:aws:sts::123456789012:assumed-role/alice/alice'), false);
    assert.strictEqual(mine(undefined), false);
  });

  it("counts sessions created under the same role and role session name as an assumed-role caller's", () => {
    const mine = createdByMatcher('arn:aws:sts::123456789012:assumed-role/DataEngineer/bob');
    assert.ok(mine);
    assert.strictEqual(mine('arn:aws:sts::123456789012:assumed-role/DataEngineer/bob'), true);
    assert.strictEqual(mine('arn:aws:sts::123456789012:assumed-role/DataEngineer/carol'), false, 'another session of the role');
    assert.strictEqual(
      mine('arn:aws:sts::123456789012:assumed-role/Analyst/bob'),
      false,
      'the same session name in another role',
    );
    assert.strictEqual(mine('arn:aws:iam::123456789012:role/DataEngineer'), false);
    assert.strictEqual(mine('arn:aws:iam::123456789012:user/bob'), false);
  });

  it('matches nothing for a caller that is not a principal ARN', () => {
    assert.strictEqual(createdByMatcher('garbage'), undefined);
  });

  it("counts the root user's and a federated user's own sessions as theirs, in their own account and partition only", () => {
    const root = createdByMatcher('arn:aws:iam::123456789012:root');
    assert.ok(root);
    assert.strictEqual(root('arn:aws:iam::123456789012:root'), true);
    assert.strictEqual(root('arn:aws:iam::210987654321:root'), false);
    assert.strictEqual(root('arn:aws:iam::123456789012:user/root'), false, 'a user named root is not the root user');
    const dave = createdByMatcher('arn:aws:sts::123456789012:federated-user/dave');
    assert.ok(dave);
    assert.strictEqual(dave('arn:aws:sts::123456789012:federated-user/dave'), true);
    assert.strictEqual(dave('arn:aws:iam::123456789012:user/dave'), false);
    const gov = createdByMatcher('arn:aws-us-gov:iam::123456789012:user/alice');
    assert.strictEqual(gov?.('arn:aws:iam::123456789012:user/alice'), false, 'same account number, other partition');
  });

  it('counts an IAM user with a path as the same user however the path is written', () => {
    const mine = createdByMatcher('arn:aws:iam::123456789012:user/division/alice');
    assert.strictEqual(mine?.('arn:aws:iam::123456789012:user/alice'), true);
    assert.strictEqual(mine?.('arn:aws:iam::123456789012:user/division/alice'), true);
  });

  it('leaves malformed principal ARNs as they are and matches none of them', () => {
    for (const text of [
      'arn:aws:iam::123456789012:user/',
      'arn:aws:sts::123456789012:assumed-role/OnlyRole',
      'arn:aws:iam::12345:user/alice',
      '',
    ]) {
      assert.strictEqual(creatorShortName(text), text);
      assert.strictEqual(createdByMatcher('arn:aws:iam::123456789012:user/alice')?.(text), false);
    }
  });
});
