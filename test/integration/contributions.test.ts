import * as assert from 'assert';
import * as vscode from 'vscode';
import { ApplicationState } from '@aws-sdk/client-emr-serverless';
import { SESSION_STATES } from '../../src/model/sessionStates';
import { CONTEXT_VALUES, withState } from '../../src/ui/commandIds';
import { activateExtension, manifest } from './helpers';

/** Commands that VS Code itself registers for every contributed view (`<viewId>.<suffix>`). */
const VIEW_COMMAND_SUFFIXES = ['focus', 'resetViewLocation', 'removeView', 'toggleVisibility', 'open'];

/**
 * Context values that no item menu offers anything for, on purpose: "Load more" and an error's
 * next step are clicked, and a plain empty row has nothing to act on.
 */
const CONTEXT_VALUES_WITHOUT_MENUS: ReadonlySet<string> = new Set([
  CONTEXT_VALUES.loadMore,
  CONTEXT_VALUES.errorAction,
  CONTEXT_VALUES.empty,
  // Refresh in the view title asks "Running now" again too.
  CONTEXT_VALUES.runningNow,
]);

/** Every contextValue a row can have, by its constant: stateful kinds once per state and UNKNOWN. */
function concreteContextValues(): Map<string, string[]> {
  const withStates = (kind: typeof CONTEXT_VALUES.application | typeof CONTEXT_VALUES.session, states: readonly string[]) =>
    [...states, undefined].map((state) => withState(kind, state));
  return new Map(
    Object.values(CONTEXT_VALUES).map((value): [string, string[]] => {
      switch (value) {
        case CONTEXT_VALUES.application:
          return [value, withStates(value, Object.values(ApplicationState))];
        case CONTEXT_VALUES.session:
          return [value, withStates(value, SESSION_STATES)];
        default:
          return [value, [value]];
      }
    }),
  );
}

/** Each `viewItem` condition in a menu's `when`, as a test on a context value. */
function viewItemConditions(): Array<{ where: string; matches: (contextValue: string) => boolean }> {
  const conditions: Array<{ where: string; matches: (contextValue: string) => boolean }> = [];
  for (const [menu, entries] of Object.entries(manifest().contributes.menus ?? {})) {
    for (const entry of entries) {
      const when = entry.when ?? '';
      const where = `${menu}: ${entry.command} (${when})`;
      // A clause is `viewItem =~ /regex/` (the regex may hold `|`) or `viewItem == value`.
      for (const [clause] of when.matchAll(/\bviewItem\s*(?:=~\s*\/(?:[^/\\]|\\.)*\/|[^&|]*)/g)) {
        const regex = /^viewItem\s*=~\s*\/(.+?)\/\s*$/.exec(clause);
        const equal = /^viewItem\s*(==|!=)\s*([\w.-]+)\s*$/.exec(clause);
        if (regex) {
          const pattern = new RegExp(regex[1]);
          conditions.push({ where, matches: (v) => pattern.test(v) });
        } else if (equal) {
          conditions.push({ where, matches: (v) => (equal[1] === '==' ? v === equal[2] : v !== equal[2]) });
        } else {
          conditions.push({ where: `${where}: cannot read "${clause}"`, matches: () => false });
        }
      }
    }
  }
  return conditions;
}

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

  it("gives the view title's menu no command that a row's menu also offers, since VS Code passes the title's entries the focused row", () => {
    const menus = manifest().contributes.menus ?? {};
    const onRows = new Set((menus['view/item/context'] ?? []).map((entry) => entry.command));
    // These two read no argument: they do the same from a row and from the title.
    const takeNoRow = new Set(['emrServerless.clearFilters', 'emrServerless.showLog']);
    const shared = (menus['view/title'] ?? [])
      .map((entry) => entry.command)
      .filter((command) => onRows.has(command) && !takeNoRow.has(command));
    assert.deepStrictEqual(shared, [], 'these would act on the focused row when chosen from the view title');
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

  it('matches every viewItem in a menu against a row context value from CONTEXT_VALUES', () => {
    const values = [...concreteContextValues().values()].flat();
    const dangling = viewItemConditions()
      .filter((condition) => !values.some((value) => condition.matches(value)))
      .map((condition) => condition.where);
    assert.deepStrictEqual(dangling, [], 'these menu conditions match no row the extension creates');
  });

  it('offers a menu for every row context value, except those meant to have none', () => {
    const conditions = viewItemConditions();
    const all = concreteContextValues();
    const unused = [...all]
      .filter(([constant]) => !CONTEXT_VALUES_WITHOUT_MENUS.has(constant))
      .filter(([, values]) => !conditions.some((condition) => values.some((value) => condition.matches(value))))
      .map(([constant]) => constant);
    assert.deepStrictEqual(unused, [], 'no menu uses these context values; give them one or list them as having none');
    const withMenus = [...CONTEXT_VALUES_WITHOUT_MENUS].filter((constant) =>
      (all.get(constant) ?? []).some((value) => conditions.some((condition) => condition.matches(value))),
    );
    assert.deepStrictEqual(withMenus, [], 'listed as having no menu, yet a menu matches them');
  });
});
