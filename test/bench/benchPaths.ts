import * as path from 'path';
import { REPO_ROOT } from '../harness/repoPaths';

/** Where the benchmark writes its results and logs; git-ignored. */
export const BENCH_RESULTS_DIR = path.join(REPO_ROOT, 'bench-results');

/** Every number of the last run. */
export const LATEST_RESULTS = path.join(BENCH_RESULTS_DIR, 'latest.json');

/** The production build's esbuild metafile, written for the bundle's breakdown (see esbuild.js). */
export const BUNDLE_METAFILE = path.join(BENCH_RESULTS_DIR, 'bundle-meta.json');

/** The part of the benchmark that runs inside VS Code's extension host, compiled. */
export const HOST_ENTRY = path.join(REPO_ROOT, 'out', 'test', 'bench', 'host', 'index.js');

/** The environment variable that tells the extension-host part where to write its results. */
export const HOST_RESULTS_ENV = 'EMR_BENCH_HOST_RESULTS';

/** The environment variable that says what the extension-host part measures (HostMode). */
export const HOST_MODE_ENV = 'EMR_BENCH_HOST_MODE';
