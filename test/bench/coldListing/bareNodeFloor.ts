/**
 * The bare-SDK floor of the cold first listing (floorEntry.ts): bundled once by esbuild.js,
 * the extension's own build, then run in fresh Node processes, one per extension host launch.
 * Its SDK (floorSdk.ts) is a file of its own, built with the options of the extension's AWS
 * side (dist/aws.js) and required by the floor when it first needs it, as the extension
 * requires its AWS side.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { promisify } from 'util';
import type { BuildOptions, Plugin } from 'esbuild';
import { LOCAL_PROFILE, LOCAL_REGION, writeAwsProfile } from '../../harness/awsProfile';
import { REPO_ROOT } from '../../harness/repoPaths';
import { TempDir } from '../../harness/tempDir';
import { DEFAULT_KEY_PAIR } from '../../localEmr/server';
import type { ColdListingSteps } from './requestTimeline';

const run = promisify(execFile);
const SDK_FILE = 'floorSdk.js';

/** floorEntry.ts's import() of floorSdk.ts goes to the file of its own, beside it. */
const sdkApart: Plugin = {
  name: 'floor-sdk-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/floorSdk(\.js)?$/ }, () => ({ path: `./${SDK_FILE}`, external: true }));
  },
};
const FLOOR_TIMEOUT_MS = 60_000;

/** What one bare Node process measured. */
export interface FloorResult {
  readonly steps: ColdListingSteps;
  readonly nodeVersion: string;
  readonly applications: number;
}

export class BareNodeFloor {
  private constructor(
    private readonly temp: TempDir,
    private readonly bundle: string,
  ) {}

  /**
   * Bundles floorEntry.ts, and floorSdk.ts as the file it requires, with esbuild.js's
   * production options (the extension's build) into a temp folder.
   */
  static async build(): Promise<BareNodeFloor> {
    const temp = new TempDir('emr-bench-floor');
    const bundle = temp.file('floor.js');
    try {
      const build = (await import(pathToFileURL(path.join(REPO_ROOT, 'esbuild.js')).href)) as {
        default: { shippedBundles(options: { production: boolean }): BuildOptions[] };
      };
      const [extensionSide, awsSide] = build.default.shippedBundles({ production: true });
      if (extensionSide?.outfile !== 'dist/extension.js' || awsSide?.outfile !== 'dist/aws.js') {
        throw new Error('esbuild.js shippedBundles() no longer starts with dist/extension.js and dist/aws.js');
      }
      const esbuild = await import('esbuild');
      const dir = path.join('test', 'bench', 'coldListing');
      // The SDK as the AWS side is built, as a file of its own.
      const { stdin: _stdin, ...awsOptions } = awsSide;
      await esbuild.build({ ...awsOptions, entryPoints: [path.join(dir, 'floorSdk.ts')], outfile: temp.file(SDK_FILE) });
      // The floor, whose import() of it becomes a require, as the extension side's of dist/aws.js.
      await esbuild.build({
        ...awsOptions,
        entryPoints: [path.join(dir, 'floorEntry.ts')],
        outfile: bundle,
        supported: { 'dynamic-import': false },
        plugins: [sdkApart, ...(awsOptions.plugins ?? [])],
      });
    } catch (err) {
      temp.remove();
      throw err;
    }
    return new BareNodeFloor(temp, bundle);
  }

  /**
   * One cold first listing in a fresh process of `node` (the extension host's binary), with the
   * harness's AWS profile files as the extension host has them.
   */
  async measure(node: string): Promise<FloorResult> {
    const results = this.temp.file(`floor-${Date.now()}-${Math.random().toString(16).slice(2)}.json`);
    const profile = writeAwsProfile(this.temp.dir('aws'), DEFAULT_KEY_PAIR);
    await run(node, [this.bundle], {
      cwd: REPO_ROOT,
      timeout: FLOOR_TIMEOUT_MS,
      env: {
        ...profile.env,
        EMR_FLOOR_SERVER_MODULE: path.join(REPO_ROOT, 'out', 'test', 'localEmr', 'server.js'),
        EMR_FLOOR_RESULTS: results,
        EMR_FLOOR_PROFILE: LOCAL_PROFILE,
        EMR_FLOOR_REGION: LOCAL_REGION,
      },
    });
    const result = JSON.parse(fs.readFileSync(results, 'utf8')) as FloorResult;
    fs.rmSync(results, { force: true });
    return result;
  }

  dispose(): void {
    this.temp.remove();
  }
}
