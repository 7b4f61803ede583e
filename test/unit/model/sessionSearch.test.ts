import * as assert from 'assert';
import type { SessionSummary } from '@aws-sdk/client-emr-serverless';
import { buildSessionSearchIndex, findSessions } from '../../../src/model/sessionSearch';

function session(sessionId: string, name: string | undefined, state: SessionSummary['state'], createdBy: string): SessionSummary {
  return {
    applicationId: 'app',
    sessionId,
    arn: `arn:${sessionId}`,
    name,
    state,
    stateDetails: 'x',
    releaseLabel: 'emr-7.13.0',
    executionRoleArn: 'r',
    createdBy,
    createdAt: new Date(0),
    updatedAt: new Date(0),
  };
}

const SESSIONS = [
  session('00aa11', 'Nightly ETL', 'IDLE', 'arn:aws:iam::123456789012:user/alice'),
  session('00bb22', undefined, 'BUSY', 'arn:aws:sts::123456789012:assumed-role/DataEngineer/bob'),
  session('00cc33', 'ad hoc', 'TERMINATED', 'arn:aws:iam::123456789012:user/alice'),
];

describe('finding loaded sessions', () => {
  const index = buildSessionSearchIndex(SESSIONS);
  const ids = (query: string) => findSessions(index, query).map((s) => s.sessionId);

  it('matches name, id, creator and state, ignoring case', () => {
    assert.deepStrictEqual(ids('nightly'), ['00aa11']);
    assert.deepStrictEqual(ids('00BB'), ['00bb22']);
    assert.deepStrictEqual(ids('dataengineer/bob'), ['00bb22']);
    assert.deepStrictEqual(ids('alice'), ['00aa11', '00cc33']);
    assert.deepStrictEqual(ids('terminated'), ['00cc33']);
  });

  it('needs every word of the query, in any field', () => {
    assert.deepStrictEqual(ids('alice idle'), ['00aa11']);
    assert.deepStrictEqual(ids('alice busy'), []);
  });

  it('lists every session, in order, for an empty query', () => {
    assert.deepStrictEqual(ids('  '), ['00aa11', '00bb22', '00cc33']);
  });

  it('never matches across two fields', () => {
    assert.deepStrictEqual(ids('etl00aa'), []);
  });
});
