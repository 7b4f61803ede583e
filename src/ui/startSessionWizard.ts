/**
 * Start Session…: a multi-step quick pick (application, execution role, name, idle timeout,
 * Spark properties, tags) with Back buttons, each step validated as the service validates it.
 * Returns the choices, or undefined when the user cancels; sends nothing itself.
 */
import * as vscode from 'vscode';
import type { Application } from '@aws-sdk/client-emr-serverless';
import {
  checkRoleArn,
  checkSessionName,
  DEFAULT_IDLE_TIMEOUT_MINUTES,
  formatKeyValues,
  IDLE_TIMEOUT_RANGE,
  parseIdleTimeout,
  parseKeyValues,
  sessionEligibility,
  StartSessionChoices,
} from '../model/sessionStart';
import { labelText } from '../model/format';

/** What the wizard remembers per application (workspace state), so the next run starts there. */
export interface RememberedChoices {
  readonly executionRoleArn?: string;
  readonly idleTimeoutMinutes?: number;
  readonly sparkProperties?: Record<string, string>;
  readonly tags?: Record<string, string>;
}

export interface WizardInput {
  /** The applications to offer, each with its GetApplication result (or the error that stopped it). */
  readonly applications: readonly { readonly app: Application; readonly error?: string }[];
  /** Preselected application (from its context menu): the application step is skipped. */
  readonly applicationId?: string;
  /** Roles of the application's recent sessions, most recent first. */
  readonly recentRoles: (applicationId: string) => Promise<readonly string[]>;
  readonly remembered: (applicationId: string) => RememberedChoices;
  /** Choices to start every step from, instead of the remembered ones: those the service refused, to edit. */
  readonly initial?: StartSessionChoices;
}

const TOTAL_STEPS = 6;
const BACK = Symbol('back');
type Step<T> = Promise<T | typeof BACK | undefined>;

/** Property keys that may hold secrets are never remembered. */
const SECRET_KEY = /secret|password|passwd|token|credential|private/i;

/** The choices worth remembering: no name, and no Spark property that may hold a secret. */
export function toRemembered(choices: StartSessionChoices): RememberedChoices {
  return {
    executionRoleArn: choices.executionRoleArn,
    idleTimeoutMinutes: choices.idleTimeoutMinutes,
    sparkProperties: Object.fromEntries(Object.entries(choices.sparkProperties).filter(([k]) => !SECRET_KEY.test(k))),
    tags: choices.tags,
  };
}

/** Runs the wizard. Undefined when cancelled at any step. */
export async function runStartSessionWizard(input: WizardInput): Promise<StartSessionChoices | undefined> {
  const skipApp = input.applicationId !== undefined;
  let applicationId = input.applicationId;
  let role = input.initial?.executionRoleArn;
  let name = input.initial?.name ?? '';
  let idle = input.initial?.idleTimeoutMinutes;
  let props = input.initial?.sparkProperties;
  let step = skipApp ? 2 : 1;

  for (;;) {
    const remembered = applicationId ? input.remembered(applicationId) : {};
    // Once the application is chosen (or given by its row), every step's title names it.
    const chosen = input.applications.find((a) => a.app.applicationId === applicationId)?.app;
    const titleOf = (stepTitle: string) =>
      chosen ? vscode.l10n.t('Start Session on {0}: {1}', appName(chosen), stepTitle) : vscode.l10n.t('Start Session: {0}', stepTitle);
    let result: unknown;
    switch (step) {
      case 1:
        result = await pickApplication(input);
        if (typeof result === 'string') {
          applicationId = result;
        }
        break;
      case 2:
        result = await pickRole(applicationId!, input, role ?? remembered.executionRoleArn, !skipApp, titleOf(vscode.l10n.t('Execution role')));
        if (typeof result === 'string') {
          role = result;
        }
        break;
      case 3:
        result = await ask({
          step,
          title: titleOf(vscode.l10n.t('Session name (optional)')),
          prompt: vscode.l10n.t('A name to find the session by; leave empty for none. Up to 256 characters.'),
          value: name,
          validate: (v) => checkSessionName(v),
        });
        if (typeof result === 'string') {
          name = result.trim();
        }
        break;
      case 4:
        result = await ask({
          step,
          title: titleOf(vscode.l10n.t('Idle timeout (minutes)')),
          prompt: vscode.l10n.t('The session ends after this many idle minutes, {0} to {1}. It costs money while it runs, idle or not.', IDLE_TIMEOUT_RANGE.min, IDLE_TIMEOUT_RANGE.max),
          value: String(idle ?? remembered.idleTimeoutMinutes ?? DEFAULT_IDLE_TIMEOUT_MINUTES),
          validate: (v) => {
            const parsed = parseIdleTimeout(v);
            return typeof parsed === 'string' ? parsed : undefined;
          },
        });
        if (typeof result === 'string') {
          idle = parseIdleTimeout(result) as number;
        }
        break;
      case 5:
        result = await ask({
          step,
          title: titleOf(vscode.l10n.t('Spark properties (optional)')),
          prompt: vscode.l10n.t('key=value pairs separated by commas; a value may hold commas, e.g. spark.executor.memory=4g, spark.jars.packages=g:a:1,g:b:2'),
          value: formatKeyValues(props ?? remembered.sparkProperties),
          validate: (v) => {
            const parsed = parseKeyValues(v, 'Spark property');
            return typeof parsed === 'string' ? parsed : undefined;
          },
        });
        if (typeof result === 'string') {
          props = parseKeyValues(result, 'Spark property') as Record<string, string>;
        }
        break;
      default: {
        result = await ask({
          step,
          title: titleOf(vscode.l10n.t('Tags (optional)')),
          prompt: vscode.l10n.t('key=value pairs separated by commas, e.g. team=data, project=etl'),
          value: formatKeyValues(input.initial?.tags ?? remembered.tags),
          validate: (v) => {
            const parsed = parseKeyValues(v, 'tag');
            return typeof parsed === 'string' ? parsed : undefined;
          },
        });
        if (typeof result === 'string') {
          return {
            applicationId: applicationId!,
            executionRoleArn: role!,
            ...(name ? { name } : {}),
            idleTimeoutMinutes: idle ?? DEFAULT_IDLE_TIMEOUT_MINUTES,
            sparkProperties: props ?? {},
            tags: parseKeyValues(result, 'tag') as Record<string, string>,
          };
        }
      }
    }
    if (result === undefined) {
      return undefined;
    }
    if (result === BACK) {
      step = Math.max(skipApp ? 2 : 1, step - 1);
    } else {
      step++;
    }
  }
}

interface AppItem extends vscode.QuickPickItem {
  readonly applicationId?: string;
}

function pickApplication(input: WizardInput): Step<string> {
  const items: AppItem[] = [];
  const ready = input.applications.filter((a) => !a.error && sessionEligibility(a.app).ok);
  const others = input.applications.filter((a) => !ready.includes(a));
  for (const { app } of ready) {
    items.push({
      label: vscode.l10n.t('$(server-process) {0}', appName(app)),
      description: [app.state, app.releaseLabel].join(' · '),
      applicationId: app.applicationId,
    });
  }
  if (others.length > 0) {
    items.push({ label: vscode.l10n.t('Cannot take a session'), kind: vscode.QuickPickItemKind.Separator });
    for (const { app, error } of others) {
      const eligibility = sessionEligibility(app);
      items.push({
        label: vscode.l10n.t('$(circle-slash) {0}', appName(app)),
        description: [app.state, app.releaseLabel].filter(Boolean).join(' · '),
        detail: error ?? (eligibility.ok ? undefined : eligibility.reason),
      });
    }
  }
  const qp = vscode.window.createQuickPick<AppItem>();
  qp.title = vscode.l10n.t('Start Session: Application');
  qp.step = 1;
  qp.totalSteps = TOTAL_STEPS;
  qp.placeholder = ready.length
    ? vscode.l10n.t('The application to start an interactive session on')
    : vscode.l10n.t('No application can take an interactive session: each needs emr-7.13.0 or later and interactive sessions enabled');
  qp.items = items;
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  return run(qp, () => {
    const picked = qp.selectedItems[0];
    // An application that cannot take a session stays in the list with its reason, and
    // choosing it does nothing but say so.
    if (!picked?.applicationId) {
      if (picked) {
        void vscode.window.showWarningMessage(
          vscode.l10n.t('{0}: {1}.', picked.label.replace(/^\$\([^)]*\)\s*/, ''), picked.detail ?? vscode.l10n.t('cannot take a session')),
        );
      }
      return undefined;
    }
    return picked.applicationId;
  });
}

interface RoleItem extends vscode.QuickPickItem {
  readonly role?: string;
}

async function pickRole(applicationId: string, input: WizardInput, preferred: string | undefined, canGoBack: boolean, title: string): Step<string> {
  const qp = vscode.window.createQuickPick<RoleItem>();
  qp.title = title;
  qp.step = 2;
  qp.totalSteps = TOTAL_STEPS;
  qp.placeholder = vscode.l10n.t('Pick a role used by recent sessions, or type an IAM role ARN');
  qp.buttons = canGoBack ? [vscode.QuickInputButtons.Back] : [];
  qp.busy = true;
  qp.ignoreFocusOut = true;
  let known: RoleItem[] = preferred ? [{ label: preferred, description: vscode.l10n.t('last used'), role: preferred }] : [];
  qp.items = known;
  const update = () => {
    const typed = qp.value.trim();
    const typedItem: RoleItem[] = [];
    if (typed && !known.some((k) => k.role === typed)) {
      const problem = checkRoleArn(typed);
      typedItem.push(problem ? { label: vscode.l10n.t('$(warning) {0}', typed), detail: problem, alwaysShow: true } : { label: typed, description: vscode.l10n.t('typed'), role: typed, alwaysShow: true });
    }
    qp.items = [...typedItem, ...known];
  };
  qp.onDidChangeValue(update);
  void input.recentRoles(applicationId).then(
    (roles) => {
      const seen = new Set(known.map((k) => k.role));
      known = [
        ...known,
        ...roles.filter((r) => !seen.has(r)).map((r) => ({ label: r, description: vscode.l10n.t('used by recent sessions'), role: r })),
      ];
      update();
      qp.busy = false;
    },
    () => {
      qp.busy = false;
    },
  );
  return run(qp, () => qp.selectedItems[0]?.role);
}

interface AskOptions {
  readonly step: number;
  /** The whole title, naming the application. */
  readonly title: string;
  readonly prompt: string;
  readonly value: string;
  readonly validate: (value: string) => string | undefined;
}

function ask(o: AskOptions): Step<string> {
  const box = vscode.window.createInputBox();
  box.title = o.title;
  box.step = o.step;
  box.totalSteps = TOTAL_STEPS;
  box.prompt = o.prompt;
  box.value = o.value;
  box.buttons = [vscode.QuickInputButtons.Back];
  box.ignoreFocusOut = true;
  // A value carried over (remembered, or refused by the service) says at once what is wrong with it.
  box.validationMessage = o.validate(o.value);
  box.onDidChangeValue((v) => {
    box.validationMessage = o.validate(v);
  });
  return run(box, () => (o.validate(box.value) === undefined ? box.value : undefined));
}

/**
 * Shows a quick input until it is accepted with a value, goes back, or is hidden. `accept`
 * returns the value, or undefined to keep the input open.
 */
function run<T>(input: vscode.QuickPick<never> | vscode.QuickPick<RoleItem> | vscode.QuickPick<AppItem> | vscode.InputBox, accept: () => T | undefined): Step<T> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (value: T | typeof BACK | undefined) => {
      if (!done) {
        done = true;
        resolve(value);
        input.hide();
      }
    };
    input.onDidTriggerButton((b) => b === vscode.QuickInputButtons.Back && finish(BACK));
    input.onDidAccept(() => {
      const value = accept();
      if (value !== undefined) {
        finish(value);
      }
    });
    input.onDidHide(() => {
      finish(undefined);
      input.dispose();
    });
    input.show();
  });
}

function appName(app: Application): string {
  return labelText(app.name || app.applicationId || vscode.l10n.t('(unnamed application)'));
}
