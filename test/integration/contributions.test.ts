import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, manifest } from './helpers';

/** Commands that VS Code itself registers for every contributed view (`<viewId>.<suffix>`). */
const VIEW_COMMAND_SUFFIXES = ['focus', 'resetViewLocation', 'removeView', 'toggleVisibility', 'open'];

describe('contributions in package.json', () => {
  let registered: Set<string>;
  const viewIds = () => Object.values(manifest().contributes.views ?? {}).flat().map((view) => view.id);

  before(async () => {
    await activateExtension();
    registered = new Set(await vscode.commands.getCommands(true));
  });

  it('registers every contributed command', () => {
    const missing = (manifest().contributes.commands ?? [])
      .map((c) => c.command)
      .filter((command) => !registered.has(command));
    assert.deepStrictEqual(missing, [], 'contributed in package.json but not registered by the extension');
  });

  it('contributes every emrServerless.* command it registers', () => {
    const contributed = new Set((manifest().contributes.commands ?? []).map((c) => c.command));
    const generated = new Set(viewIds().flatMap((id) => VIEW_COMMAND_SUFFIXES.map((suffix) => `${id}.${suffix}`)));
    const undeclared = [...registered]
      .filter((command) => command.startsWith('emrServerless.'))
      .filter((command) => !contributed.has(command) && !generated.has(command));
    assert.deepStrictEqual(undeclared, [], 'registered by the extension but missing from contributes.commands');
  });

  it('puts only contributed commands in menus', () => {
    const contributed = new Set((manifest().contributes.commands ?? []).map((c) => c.command));
    const unknown = Object.entries(manifest().contributes.menus ?? {}).flatMap(([menu, entries]) =>
      entries.filter((entry) => !contributed.has(entry.command)).map((entry) => `${menu}: ${entry.command}`),
    );
    assert.deepStrictEqual(unknown, []);
  });

  it('offers no item menu on the action rows under an error row', () => {
    const matching = (manifest().contributes.menus?.['view/item/context'] ?? []).filter((entry) => {
      const when = entry.when ?? '';
      const regex = /viewItem\s*=~\s*\/(.+?)\/(?=\s|$)/.exec(when);
      const equal = /viewItem\s*==\s*([\w.]+)/.exec(when);
      return (regex && new RegExp(regex[1]).test('errorAction')) || equal?.[1] === 'errorAction';
    });
    assert.deepStrictEqual(matching.map((e) => e.command), []);
  });

  it('scopes every view menu entry to one of its views, and item menus to an item kind', () => {
    const ids = viewIds();
    const unscoped: string[] = [];
    for (const [menu, entries] of Object.entries(manifest().contributes.menus ?? {})) {
      if (!menu.startsWith('view/')) {
        continue;
      }
      for (const entry of entries) {
        const when = entry.when ?? '';
        const namesView = ids.some((id) => new RegExp(`\\bview\\s*==\\s*${id.replace(/\./g, '\\.')}\\b`).test(when));
        if (!namesView) {
          unscoped.push(`${menu}: ${entry.command} (when: ${JSON.stringify(when)}) lacks "view == <view id>"`);
        }
        if (menu === 'view/item/context' && !/\bviewItem\b/.test(when)) {
          unscoped.push(`${menu}: ${entry.command} (when: ${JSON.stringify(when)}) lacks a viewItem condition`);
        }
      }
    }
    assert.deepStrictEqual(unscoped, []);
  });
});
