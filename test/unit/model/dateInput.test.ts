import * as assert from 'assert';
import { beforeBoundPrompt, checkRange, parseDateInput } from '../../../src/model/dateInput';

function iso(text: string): string {
  const r = parseDateInput(text);
  assert.ok(r.ok, `expected "${text}" to parse, got: ${r.ok ? '' : r.message}`);
  return r.date.toISOString();
}

function message(text: string): string {
  const r = parseDateInput(text);
  assert.ok(!r.ok, `expected "${text}" to be refused`);
  return r.message;
}

describe('date input', () => {
  it('accepts ISO 8601 dates and date-times, as UTC unless an offset is given', () => {
    assert.strictEqual(iso('2026-03-01'), '2026-03-01T00:00:00.000Z');
    assert.strictEqual(iso(' 2026-03-01T14:30 '), '2026-03-01T14:30:00.000Z');
    assert.strictEqual(iso('2026-03-01 14:30:15'), '2026-03-01T14:30:15.000Z');
    assert.strictEqual(iso('2026-03-01T14:30:15.25Z'), '2026-03-01T14:30:15.250Z');
    assert.strictEqual(iso('2026-03-01T14:30+02:00'), '2026-03-01T12:30:00.000Z');
    assert.strictEqual(iso('2026-03-01T14:30-0530'), '2026-03-01T20:00:00.000Z');
    assert.strictEqual(iso('2024-02-29'), '2024-02-29T00:00:00.000Z');
  });

  it('refuses garbage and other formats with a message that shows the expected form', () => {
    for (const text of ['yesterday', '03/01/2026', '1 March 2026', '2026-3-1', '20260301', '2026-03-01T1430', '<script>']) {
      assert.match(message(text), /ISO 8601/, text);
    }
    assert.match(message(''), /Enter a date/);
  });

  it('refuses impossible dates and times', () => {
    assert.match(message('2026-02-29'), /no day 29/);
    assert.match(message('2026-04-31'), /no day 31/);
    assert.match(message('2026-13-01'), /Month 13/);
    assert.match(message('2026-03-01T24:00'), /not a time of day/);
    assert.match(message('2026-03-01T12:60'), /not a time of day/);
    assert.match(message('2026-03-01T12:00+15:00'), /UTC offset/);
    assert.match(message('1969-12-31'), /1970/);
  });

  it('requires "after" to be earlier than "before"', () => {
    const a = new Date('2026-03-01T00:00:00Z');
    const b = new Date('2026-03-02T00:00:00Z');
    assert.strictEqual(checkRange(a, b), undefined);
    assert.strictEqual(checkRange(a, undefined), undefined);
    assert.strictEqual(checkRange(undefined, b), undefined);
    assert.match(checkRange(b, a) ?? '', /must be earlier/);
    assert.match(checkRange(a, a) ?? '', /must be earlier/);
    assert.match(checkRange(undefined, undefined) ?? '', /at least one bound/);
  });

  it('the "created before" box offers to be left empty only when a lower bound was given, as the range then accepts it', () => {
    assert.match(beforeBoundPrompt(true), /Leave empty for no upper bound\.$/);
    assert.strictEqual(checkRange(new Date('2026-03-01T00:00:00Z'), undefined), undefined);
    assert.doesNotMatch(beforeBoundPrompt(false), /Leave empty/);
    assert.match(beforeBoundPrompt(false), /Required/);
    assert.notStrictEqual(checkRange(undefined, undefined), undefined);
  });
});
