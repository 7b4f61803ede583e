import * as assert from 'assert';
import { activateExtension, extension, EXTENSION_ID } from './helpers';

describe('activation', () => {
  it(`loads ${EXTENSION_ID} from the repository`, () => {
    const ext = extension();
    assert.strictEqual(ext.id, EXTENSION_ID);
    assert.strictEqual(ext.packageJSON.main, './dist/extension.js');
  });

  it('activates without throwing', async () => {
    const ext = await activateExtension();
    assert.ok(ext.isActive, 'the extension is not active after activate()');
  });
});
