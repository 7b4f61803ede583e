/**
 * The real, independent AWS clients on this machine: the AWS CLI (`aws`) and Python with
 * botocore and boto3. Tests run them against the local endpoint with the test key pair and a
 * throwaway config, so the user's ~/.aws is never read. A missing client fails the test with
 * a message saying what to install; it is never skipped.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { withoutAwsVariables } from '../../harness/awsProfile';
import { DEFAULT_KEY_PAIR } from '../../localEmr/server';

export interface ProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program to its end; rejects only when it cannot be started (ENOENT and the like). */
export function runProgram(
  file: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  input?: string,
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(file, args, { env, maxBuffer: 64 * 1024 * 1024, timeout: 60_000 }, (error, stdout, stderr) => {
      const code =
        error && typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : error ? -1 : 0;
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(error);
        return;
      }
      resolve({ code, stdout, stderr });
    });
    if (input !== undefined) {
      child.stdin?.end(input);
    }
  });
}

/**
 * A directory with an AWS config file (region us-east-1, ISO 8601 timestamps in CLI output,
 * and a profile `local-emr` holding the test key pair) and the environment that uses it: the
 * test key pair in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, every other AWS_* variable of
 * this process removed. `dispose()` deletes the directory.
 */
export class AwsClientEnvironment {
  readonly env: NodeJS.ProcessEnv;
  static readonly PROFILE = 'local-emr';

  private constructor(private readonly dir: string) {
    const config = path.join(dir, 'config');
    const credentials = path.join(dir, 'credentials');
    fs.writeFileSync(
      config,
      `[default]\nregion = us-east-1\ncli_timestamp_format = iso8601\n\n[profile ${AwsClientEnvironment.PROFILE}]\nregion = us-east-1\ncli_timestamp_format = iso8601\n`,
    );
    fs.writeFileSync(
      credentials,
      `[${AwsClientEnvironment.PROFILE}]\naws_access_key_id = ${DEFAULT_KEY_PAIR.accessKeyId}\naws_secret_access_key = ${DEFAULT_KEY_PAIR.secretAccessKey}\n`,
      { mode: 0o600 },
    );
    this.env = {
      ...withoutAwsVariables(process.env),
      AWS_CONFIG_FILE: config,
      AWS_SHARED_CREDENTIALS_FILE: credentials,
      AWS_ACCESS_KEY_ID: DEFAULT_KEY_PAIR.accessKeyId,
      AWS_SECRET_ACCESS_KEY: DEFAULT_KEY_PAIR.secretAccessKey,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_PAGER: '',
    };
  }

  static create(): AwsClientEnvironment {
    return new AwsClientEnvironment(fs.mkdtempSync(path.join(os.tmpdir(), 'emr-aws-clients-')));
  }

  /** The same environment without the key pair variables, so only a `--profile` can sign. */
  get envWithoutKeys(): NodeJS.ProcessEnv {
    const { AWS_ACCESS_KEY_ID: _id, AWS_SECRET_ACCESS_KEY: _secret, ...rest } = this.env;
    return rest;
  }

  /**
   * Runs a copied command line in `sh`, as a user pasting it would, with `--output json`
   * appended, and returns the parsed output. Fails with the CLI's stderr on a non-zero exit,
   * and says what to install when `aws` is missing or does not know the command.
   */
  async runCliCommand(commandLine: string, env = this.env): Promise<{ sessions: { sessionId: string }[]; NextToken?: string }> {
    const result = await runProgram('sh', ['-c', `${commandLine} --output json`], env);
    if (result.code === 127) {
      throw new Error(
        `The AWS CLI (\`aws\`) is needed for these tests and was not found on PATH; .ci/run installs it. ${result.stderr.trim()}`,
      );
    }
    if (/invalid choice/i.test(result.stderr)) {
      throw new Error(
        `This AWS CLI does not know \`aws emr-serverless list-sessions\`; these tests need one recent enough for EMR Serverless sessions. ${result.stderr.trim()}`,
      );
    }
    if (result.code !== 0) {
      throw new Error(`aws failed (exit ${result.code}): ${result.stderr.trim()}\ncommand: ${commandLine}`);
    }
    return JSON.parse(result.stdout) as { sessions: { sessionId: string }[]; NextToken?: string };
  }

  /** Runs a Python script with an interpreter that has boto3; rejects with its stderr on failure. */
  async runPython(script: string, input?: string, env = this.env): Promise<string> {
    const python = await pythonWithBoto3();
    const result = await runProgram(python, ['-c', script], env, input);
    if (result.code !== 0) {
      throw new Error(`${python} failed (exit ${result.code}): ${result.stderr.trim()}`);
    }
    return result.stdout;
  }

  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

let pythonFound: Promise<string> | undefined;

/** `python3` when it imports boto3, else Debian's `/usr/bin/python3` (where `python3-boto3` installs). */
function pythonWithBoto3(): Promise<string> {
  pythonFound ??= (async () => {
    for (const candidate of ['python3', '/usr/bin/python3']) {
      const result = await runProgram(candidate, ['-c', 'import boto3, botocore.paginate'], process.env).catch(() => undefined);
      if (result?.code === 0) {
        return candidate;
      }
    }
    throw new Error('These tests need Python 3 with boto3 (python3 -c "import boto3" failed). .ci/run installs python3-boto3.');
  })();
  return pythonFound;
}
