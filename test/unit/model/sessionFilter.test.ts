import * as assert from 'assert';
import {
  describeFilter,
  isFilterActive,
  NO_FILTER,
  parseStoredFilter,
  SessionFilter,
  stateOrderNote,
  toListSessionsParams,
} from '../../../src/model/sessionFilter';

const NOW = Date.parse('2026-11-28T12:00:00Z');

describe('session filter', () => {
  it('explains the order only when several states are filtered, since the service then groups rows by state', () => {
    const with_ = (states: SessionFilter['states']) => stateOrderNote({ states, createdAt: { kind: 'relative', preset: '24h' } });
    assert.strictEqual(with_([]), undefined);
    assert.strictEqual(with_(['IDLE']), undefined);
    assert.strictEqual(with_(['IDLE', 'IDLE']), undefined, 'one state named twice is one state');
    assert.match(with_(['IDLE', 'BUSY']) ?? '', /state by state, so a newer session can sit below an older one/);
  });

  it('sends nothing when no filter is set', () => {
    assert.deepStrictEqual(toListSessionsParams(NO_FILTER, NOW), {});
    assert.strictEqual(isFilterActive(NO_FILTER), false);
    assert.strictEqual(describeFilter(NO_FILTER), undefined);
  });

  it('sends the chosen states in lifecycle order, without duplicates', () => {
    const filter: SessionFilter = { states: ['BUSY', 'IDLE', 'BUSY'], createdAt: { kind: 'any' } };
    assert.deepStrictEqual(toListSessionsParams(filter, NOW), { states: ['IDLE', 'BUSY'] });
    assert.strictEqual(describeFilter(filter), 'IDLE, BUSY');
  });

  it('sends no states parameter when all eight are chosen, since that filters nothing', () => {
    const filter: SessionFilter = {
      states: ['SUBMITTED', 'STARTING', 'STARTED', 'IDLE', 'BUSY', 'FAILED', 'TERMINATING', 'TERMINATED'],
      createdAt: { kind: 'any' },
    };
    assert.strictEqual(toListSessionsParams(filter, NOW).states, undefined);
  });

  it('turns a relative preset into an absolute lower bound at the given moment', () => {
    const filter: SessionFilter = { states: [], createdAt: { kind: 'relative', preset: '24h' } };
    const params = toListSessionsParams(filter, NOW);
    assert.strictEqual(params.createdAtAfter?.toISOString(), '2026-11-27T12:00:00.000Z');
    assert.strictEqual(params.createdAtBefore, undefined);
    assert.strictEqual(describeFilter({ ...filter, states: ['IDLE', 'BUSY'] }), 'IDLE, BUSY · last 24 h');
  });

  it('sends both bounds of a custom range', () => {
    const filter: SessionFilter = {
      states: [],
      createdAt: { kind: 'range', after: '2026-11-01T00:00:00.000Z', before: '2026-11-02T06:30:00.000Z' },
    };
    const params = toListSessionsParams(filter, NOW);
    assert.strictEqual(params.createdAtAfter?.toISOString(), '2026-11-01T00:00:00.000Z');
    assert.strictEqual(params.createdAtBefore?.toISOString(), '2026-11-02T06:30:00.000Z');
    assert.strictEqual(describeFilter(filter), '2026-11-01 – 2026-11-02 06:30Z');
  });

  it('reads a stored filter back, dropping anything that could not be sent', () => {
    assert.deepStrictEqual(parseStoredFilter(undefined), NO_FILTER);
    assert.deepStrictEqual(parseStoredFilter('IDLE'), NO_FILTER);
    assert.deepStrictEqual(
      parseStoredFilter({ states: ['IDLE', 'SLEEPING', 7], createdAt: { kind: 'relative', preset: '2h' } }),
      { states: ['IDLE'], createdAt: { kind: 'any' } },
    );
    assert.deepStrictEqual(
      parseStoredFilter({ states: [], createdAt: { kind: 'range', after: '2026-02-01', before: '2026-01-01' } }).createdAt,
      { kind: 'any' },
      'a reversed range is dropped',
    );
    assert.deepStrictEqual(
      parseStoredFilter({ states: [], createdAt: { kind: 'range', after: 'garbage' } }).createdAt,
      { kind: 'any' },
    );
    const ok = { states: ['FAILED'], createdAt: { kind: 'range', after: '2026-01-01T00:00:00.000Z' } };
    assert.deepStrictEqual(parseStoredFilter(JSON.parse(JSON.stringify(ok))), ok);
  });
});
