import * as assert from 'assert';
import { parseSessionReference, SessionReferenceError, sessionNotFoundMessage } from '../../../src/model/sessionReference';

const ARN = 'arn:aws:emr-serverless:eu-west-1:123456789012:/applications/00fabc123def4567/sessions/00fsess1on2id3456';

describe('session references for Go to Session', () => {
  it('reads a session ARN into its partition, Region, account, application and session', () => {
    assert.deepStrictEqual(parseSessionReference(ARN), {
      kind: 'arn',
      partition: 'aws',
      region: 'eu-west-1',
      account: '123456789012',
      applicationId: '00fabc123def4567',
      sessionId: '00fsess1on2id3456',
    });
  });

  it('reads ARNs of other partitions, such as aws-cn and aws-us-gov', () => {
    const cn = parseSessionReference('arn:aws-cn:emr-serverless:cn-north-1:123456789012:/applications/a1/sessions/s1');
    assert.deepStrictEqual([cn.kind, cn.kind === 'arn' && cn.partition, cn.kind === 'arn' && cn.region], ['arn', 'aws-cn', 'cn-north-1']);
  });

  it('reads a bare session ID, ignoring white space around it as pasted text has', () => {
    assert.deepStrictEqual(parseSessionReference('  00fsess1on2id3456\n'), { kind: 'id', sessionId: '00fsess1on2id3456' });
  });

  const rejected: Array<[string, string, RegExp]> = [
    ['blank text', '   ', /Enter a session ID/],
    ['an application ARN', 'arn:aws:emr-serverless:eu-west-1:123456789012:/applications/00fabc123def4567', /application ARN/],
    ['an ARN of another service', 'arn:aws:iam::123456789012:user/alice', /not an EMR Serverless session ARN/],
    ['a session ARN without the slash after the account', 'arn:aws:emr-serverless:eu-west-1:123456789012:applications/a1/sessions/s1', /not an EMR Serverless session ARN/],
    ['an ARN whose session ID has upper-case letters', 'arn:aws:emr-serverless:eu-west-1:123456789012:/applications/a1/sessions/ABC', /lower-case letters and digits/],
    ['an ID with characters the service never uses', '00f-abc', /lower-case letters and digits/],
    ['an ID longer than 64 characters', 'a'.repeat(65), /1 to 64/],
  ];
  for (const [what, text, message] of rejected) {
    it(`rejects ${what} with a message saying what is expected`, () => {
      assert.throws(() => parseSessionReference(text), (error: unknown) => error instanceof SessionReferenceError && message.test(error.message));
    });
  }

  it('says which session was not found, in which application and Region, and what to check', () => {
    const message = sessionNotFoundMessage('00fmissing', 'analytics', 'eu-west-1');
    assert.match(message, /^No session 00fmissing in application analytics in eu-west-1\. /);
    assert.match(message, /Check the session ID/);
  });
});
