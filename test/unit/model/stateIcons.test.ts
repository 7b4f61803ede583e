import * as assert from 'assert';
import {
  APPLICATION_STATE_LOOKS,
  SESSION_STATE_LOOKS,
  StateLook,
  UNKNOWN_STATE_LOOK,
  sessionStateLook,
} from '../../../src/model/stateIcons';

/**
 * Codicons drawn like something a user clicks: checkboxes, radio buttons, media and debug
 * controls. A row's icon is not a control, so none of these may stand for a state.
 */
const CONTROL_LIKE =
  /^(check|checklist|pass|circle|circle-large|circle-outline|circle-large-outline|circle-filled|circle-large-filled|primitive-square|debug-.*|play|play-circle|run.*|stop|stop-circle|record|record-small|square|chrome-.*|close|add|remove|trash)$/;

const glyph = (look: StateLook) => look.icon.replace(/~spin$/, '');

for (const [what, table] of [
  ['session', SESSION_STATE_LOOKS],
  ['application', APPLICATION_STATE_LOOKS],
] as const) {
  describe(`${what} state icons`, () => {
    const entries = Object.entries(table) as [string, StateLook][];

    it('draws no state with an icon that looks like a checkbox, a radio button or a play or stop button', () => {
      const controls = entries
        .filter(([, look]) => CONTROL_LIKE.test(glyph(look)))
        .map(([state, look]) => `${state}: ${look.icon}`);
      assert.deepStrictEqual(controls, []);
    });

    it('gives every state its own icon and colour, so no two states look the same', () => {
      const looks = entries.map(([, look]) => `${look.icon} ${look.color}`);
      assert.strictEqual(new Set(looks).size, looks.length, looks.join(', '));
    });

    it('names in words every state whose icon spins or shares its shape with another state', () => {
      const unclear = entries.filter(
        ([state, look]) =>
          look.icon.endsWith('~spin') || entries.some(([other, o]) => other !== state && glyph(o) === glyph(look)),
      );
      assert.deepStrictEqual(
        unclear.filter(([, look]) => !look.inWords).map(([state]) => state),
        [],
      );
    });
  });
}

describe('an unknown state', () => {
  it('gets a question-mark icon and is named in words', () => {
    assert.strictEqual(sessionStateLook('HIBERNATING'), UNKNOWN_STATE_LOOK);
    assert.strictEqual(sessionStateLook(undefined), UNKNOWN_STATE_LOOK);
    assert.strictEqual(sessionStateLook('toString'), UNKNOWN_STATE_LOOK, 'not a property every object has');
    assert.strictEqual(UNKNOWN_STATE_LOOK.icon, 'question');
    assert.ok(UNKNOWN_STATE_LOOK.inWords);
  });
});
