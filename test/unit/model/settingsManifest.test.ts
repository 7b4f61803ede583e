import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { SETTINGS, SETTINGS_SECTION, validateSettings } from '../../../src/model/settings';
import { REPO_ROOT } from '../../harness/repoPaths';

interface ContributedSetting {
  type?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
}

function contributedSettings(): Record<string, ContributedSetting> {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  const configuration = manifest.contributes.configuration;
  const sections: Array<{ properties?: Record<string, ContributedSetting> }> = Array.isArray(configuration)
    ? configuration
    : [configuration];
  return Object.assign({}, ...sections.map((section) => section.properties ?? {}));
}

describe('settings table and package.json', () => {
  const contributed = contributedSettings();

  it("contributes exactly the settings of the table, under the extension's section", () => {
    assert.deepStrictEqual(
      Object.keys(contributed).sort(),
      Object.keys(SETTINGS)
        .map((key) => `${SETTINGS_SECTION}.${key}`)
        .sort(),
    );
  });

  for (const [key, spec] of Object.entries(SETTINGS)) {
    it(`gives ${SETTINGS_SECTION}.${key} the type, default and limits of the table`, () => {
      const entry = contributed[`${SETTINGS_SECTION}.${key}`] ?? {};
      const pick = (s: ContributedSetting) => ({ type: s.type, default: s.default, minimum: s.minimum, maximum: s.maximum });
      assert.deepStrictEqual(pick(entry), pick(spec));
    });
  }

  it("falls back to the table's default when a number is outside the table's limits", () => {
    const { pageSize, requestTimeoutSeconds } = SETTINGS;
    for (const [raw, expected] of [
      [{ pageSize: pageSize.maximum + 1 }, { pageSize: pageSize.default }],
      [{ pageSize: pageSize.minimum - 1 }, { pageSize: pageSize.default }],
      [{ pageSize: pageSize.minimum }, { pageSize: pageSize.minimum }],
      [{ requestTimeoutSeconds: requestTimeoutSeconds.maximum + 1 }, { timeoutMs: requestTimeoutSeconds.default * 1000 }],
      [{ requestTimeoutSeconds: requestTimeoutSeconds.maximum }, { timeoutMs: requestTimeoutSeconds.maximum * 1000 }],
    ] as const) {
      const { settings } = validateSettings(raw);
      if ('pageSize' in expected) {
        assert.strictEqual(settings.pageSize, expected.pageSize, JSON.stringify(raw));
      } else {
        assert.strictEqual(settings.connection.requestTimeoutMs, expected.timeoutMs, JSON.stringify(raw));
      }
    }
  });
});
