import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from '../../harness/repoPaths';
import { OPERATION_NAMES, STS_OPERATION_NAMES } from '../../localEmr/model';

/**
 * The README's facts that have another home: its settings table against `contributes.configuration`
 * in package.json, its IAM policies against the operations the extension sends (those the local
 * endpoint serves), and its two commands against package.json and CI.
 */
const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));

/** The lines of the README section under `## title`, up to the next `## ` heading. */
function section(title: string): string[] {
  const lines = readme.split('\n');
  const start = lines.indexOf(`## ${title}`);
  assert.ok(start >= 0, `README.md has no "## ${title}" section`);
  const end = lines.findIndex((line, i) => i > start && line.startsWith('## '));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** A default as the settings table writes it: `empty`, `` `50` ``, `` `[]` ``. */
function tableDefault(cell: string): unknown {
  return cell === 'empty' ? '' : JSON.parse(cell.replace(/^`|`$/g, ''));
}

interface PolicyStatement {
  Effect: string;
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string>>;
}

function policies(): Array<{ Version: string; Statement: PolicyStatement[] }> {
  const text = section('IAM permissions').join('\n');
  return [...text.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]));
}

describe('README', () => {
  it('lists every contributed setting in its Settings table, with the default package.json gives, and no other', () => {
    const configuration = manifest.contributes.configuration;
    const sections: Array<{ properties: Record<string, { default: unknown }> }> = Array.isArray(configuration)
      ? configuration
      : [configuration];
    const contributed = Object.fromEntries(
      sections.flatMap((s) => Object.entries(s.properties)).map(([key, spec]) => [key, spec.default]),
    );
    const documented = Object.fromEntries(
      section('Settings')
        .map((line) => /^\| `(emrServerless\.[A-Za-z]+)` \| ([^|]+) \|/.exec(line))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => [m[1], tableDefault(m[2].trim())]),
    );
    assert.deepStrictEqual(documented, contributed);
  });

  it('grants in its IAM policies every operation the extension sends, and no other EMR Serverless action', () => {
    const statements = policies().flatMap((p) => p.Statement);
    const granted = new Set(statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])));
    const sent = [...OPERATION_NAMES.map((op) => `emr-serverless:${op}`), ...STS_OPERATION_NAMES.map((op) => `sts:${op}`)];
    assert.deepStrictEqual(
      sent.filter((action) => !granted.has(action)),
      [],
      'operations the README does not grant',
    );
    const extra = [...granted].filter((action) => action.startsWith('emr-serverless:') && !sent.includes(action));
    assert.deepStrictEqual(extra, [], 'EMR Serverless actions the extension never needs');
  });

  it('writes each IAM policy as valid policy JSON, and lets iam:PassRole pass a role to EMR Serverless only', () => {
    const all = policies();
    assert.strictEqual(all.length, 3, 'browse, start and terminate, connect');
    for (const policy of all) {
      assert.strictEqual(policy.Version, '2012-10-17');
      for (const statement of policy.Statement) {
        assert.strictEqual(statement.Effect, 'Allow');
        assert.ok(statement.Resource, `a Resource for ${JSON.stringify(statement.Action)}`);
      }
    }
    const passRole = all.flatMap((p) => p.Statement).filter((s) => s.Action === 'iam:PassRole');
    assert.strictEqual(passRole.length, 1);
    assert.deepStrictEqual(passRole[0].Condition, { StringEquals: { 'iam:PassedToService': 'emr-serverless.amazonaws.com' } });
  });

  it('names the command that runs the product and the one that runs the tests, both scripts of package.json and the second what CI runs', () => {
    const develop = section('Try it, or develop it').join('\n');
    assert.match(develop, /^npm run demo /m);
    assert.match(develop, /^npm test /m);
    assert.ok(manifest.scripts.demo, 'package.json has a demo script');
    assert.ok(manifest.scripts.test, 'package.json has a test script');
    const ci = fs.readFileSync(path.join(REPO_ROOT, '.ci', 'run'), 'utf8');
    assert.match(ci, /^npm test$/m);
  });

  it('shows only pictures that exist in the repository', () => {
    const pictures = [...readme.matchAll(/(?:\]\(|src=")(media\/[^)"]+)/g)].map((m) => m[1]);
    assert.ok(pictures.length > 0);
    assert.deepStrictEqual(
      pictures.filter((p) => !fs.existsSync(path.join(REPO_ROOT, p))),
      [],
      'pictures the README names that are missing',
    );
  });
});
