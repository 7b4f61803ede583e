import * as vscode from 'vscode';
import { beforeBoundPrompt, checkRange, dateInputHint, parseDateInput } from '../model/dateInput';
import { CreatedAtFilter, RELATIVE_PRESETS, severalStatesNote } from '../model/sessionFilter';
import { normalizeStates, SESSION_STATES, SessionState, STATE_GROUPS } from '../model/sessionStates';

interface StateItem extends vscode.QuickPickItem {
  readonly states: readonly SessionState[];
}

/**
 * A multi-select of the eight states, with the current selection checked. Picking a shortcut
 * ("Active", …) checks its states. Returns undefined when dismissed; an empty list means all.
 */
export async function pickStates(current: readonly SessionState[]): Promise<SessionState[] | undefined> {
  const quickPick = vscode.window.createQuickPick<StateItem>();
  quickPick.title = vscode.l10n.t('Filter Sessions by State');
  quickPick.placeholder = vscode.l10n.t('Check the states to show; none checked shows every state');
  quickPick.canSelectMany = true;
  const shortcuts: StateItem[] = STATE_GROUPS.map((g) => ({
    label: vscode.l10n.t('$(layers) {0}', g.label),
    description: g.states.join(', '),
    states: g.states,
  }));
  const stateItems: StateItem[] = SESSION_STATES.map((s) => ({ label: s, states: [s] }));
  const items: StateItem[] = [
    { label: vscode.l10n.t('Shortcuts'), kind: vscode.QuickPickItemKind.Separator, states: [] },
    ...shortcuts,
    // The separator above the states is where a user choosing several reads the order note.
    { label: severalStatesNote(), kind: vscode.QuickPickItemKind.Separator, states: [] },
    ...stateItems,
  ];
  quickPick.items = items;
  quickPick.selectedItems = stateItems.filter((i) => current.includes(i.states[0]));
  let previous = new Set(quickPick.selectedItems);
  /**
   * The selection last set here, until VS Code reports it back. Setting the items makes VS Code
   * report an empty selection first, then the one set; neither is the user's doing.
   */
  let settling: Set<StateItem> | undefined;
  let settled: ReturnType<typeof setTimeout> | undefined;
  const same = (a: readonly StateItem[], b: ReadonlySet<StateItem>) => a.length === b.size && a.every((i) => b.has(i));

  quickPick.onDidChangeSelection((selection) => {
    if (settling) {
      if (same(selection, settling)) {
        settling = undefined;
      }
      return;
    }
    if (same(selection, previous)) {
      return;
    }
    // A newly checked shortcut checks its states instead of standing for itself.
    const added = selection.find((i) => shortcuts.includes(i) && !previous.has(i));
    const wanted = new Set([...selection.flatMap((i) => (shortcuts.includes(i) ? [] : i.states)), ...(added?.states ?? [])]);
    const next = stateItems.filter((i) => wanted.has(i.states[0]));
    previous = new Set(next);
    // A click on a checkbox leaves the keyboard focus on that checkbox, which then takes Enter
    // for itself and toggles again instead of accepting. Setting the items draws the rows anew,
    // and the quick pick moves the focus from a row it removes back to its list, where Enter
    // accepts: so Enter right after a click applies the filter, as it does after Space.
    settling = previous;
    clearTimeout(settled);
    // Should a version of VS Code not report the selection back, clicks still count after this.
    settled = setTimeout(() => (settling = undefined), 1000);
    quickPick.items = items;
    quickPick.selectedItems = next;
  });

  return new Promise((resolve) => {
    let accepted = false;
    quickPick.onDidAccept(() => {
      accepted = true;
      const states = normalizeStates(quickPick.selectedItems.flatMap((i) => i.states));
      // Every state checked filters nothing, so it is stored as no filter.
      resolve(states.length === SESSION_STATES.length ? [] : states);
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      clearTimeout(settled);
      if (!accepted) {
        resolve(undefined);
      }
      quickPick.dispose();
    });
    quickPick.show();
  });
}

interface CreatedItem extends vscode.QuickPickItem {
  readonly value: CreatedAtFilter | 'custom';
}

/** Presets from "Any time" to "Last 30 days", or a validated custom range. */
export async function pickCreatedAt(current: CreatedAtFilter): Promise<CreatedAtFilter | undefined> {
  const items: CreatedItem[] = [
    { label: vscode.l10n.t('Any time'), value: { kind: 'any' } },
    ...RELATIVE_PRESETS.map((p) => ({ label: p.label, value: { kind: 'relative', preset: p.preset } as CreatedAtFilter })),
    { label: vscode.l10n.t('Custom range…'), description: vscode.l10n.t('ISO 8601 dates or date-times'), value: 'custom' },
  ];
  for (const item of items) {
    if (isCurrent(item.value, current)) {
      item.description = item.value === 'custom' ? describeRange(current) : 'current';
      item.picked = true;
    }
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Filter Sessions by Creation Time'),
    placeHolder: vscode.l10n.t('Show sessions created…'),
  });
  if (!picked) {
    return undefined;
  }
  if (picked.value === 'custom') {
    return askRange(current.kind === 'range' ? current : undefined);
  }
  return picked.value;
}

function isCurrent(value: CreatedAtFilter | 'custom', current: CreatedAtFilter): boolean {
  if (value === 'custom') {
    return current.kind === 'range';
  }
  return value.kind === current.kind && (value.kind !== 'relative' || current.kind !== 'relative' || value.preset === current.preset);
}

function describeRange(current: CreatedAtFilter): string {
  return current.kind === 'range' ? vscode.l10n.t('current: {0} – {1}', current.after ?? '…', current.before ?? '…') : '';
}

/** Two input boxes; invalid text is explained inline and never leaves this function. */
async function askRange(current: { after?: string; before?: string } | undefined): Promise<CreatedAtFilter | undefined> {
  const after = await vscode.window.showInputBox({
    title: vscode.l10n.t('Custom Range (1/2): created after'),
    prompt: vscode.l10n.t('Earliest creation time, {0}. Leave empty for no lower bound.', dateInputHint()),
    value: current?.after ?? '',
    ignoreFocusOut: true,
    validateInput: (text) => (text.trim() === '' ? undefined : errorOf(text)),
  });
  if (after === undefined) {
    return undefined;
  }
  const afterDate = after.trim() === '' ? undefined : parsed(after);
  const before = await vscode.window.showInputBox({
    title: vscode.l10n.t('Custom Range (2/2): created before'),
    prompt: beforeBoundPrompt(afterDate !== undefined),
    value: current?.before ?? '',
    ignoreFocusOut: true,
    validateInput: (text) => {
      if (text.trim() === '') {
        return afterDate ? undefined : vscode.l10n.t('Give at least one bound.');
      }
      return errorOf(text) ?? checkRange(afterDate, parsed(text));
    },
  });
  if (before === undefined) {
    return undefined;
  }
  const beforeDate = before.trim() === '' ? undefined : parsed(before);
  if (checkRange(afterDate, beforeDate)) {
    return undefined;
  }
  return {
    kind: 'range',
    ...(afterDate ? { after: afterDate.toISOString() } : {}),
    ...(beforeDate ? { before: beforeDate.toISOString() } : {}),
  };
}

function errorOf(text: string): string | undefined {
  const result = parseDateInput(text);
  return result.ok ? undefined : result.message;
}

function parsed(text: string): Date | undefined {
  const result = parseDateInput(text);
  return result.ok ? result.date : undefined;
}

