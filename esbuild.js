// Bundles the extension into dist/extension.js.
//   node esbuild.js               development build with source maps
//   node esbuild.js --production  minified, no source maps (what ships)
//   node esbuild.js --watch       rebuild on change
//   node esbuild.js --production --analyze   also lists what the bundle holds, biggest first
// With EMR_BUNDLE_METAFILE=path, esbuild's metafile (every input's bytes in the output) is
// written there; `npm run bench` reads it to say what the bundle's size is made of.
const esbuild = require('esbuild');
const fs = require('fs');
const zlib = require('zlib');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const analyze = process.argv.includes('--analyze');
const metafilePath = process.env.EMR_BUNDLE_METAFILE;

/**
 * The AWS SDK reads its own package.json for one thing: the version in the User-Agent header.
 * Bundled whole, each one brings its dependencies, scripts and exports map (5 KB minified);
 * name and version are all that is kept.
 */
const packageVersionsOnly = {
  name: 'package-versions-only',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/].*[\\/]package\.json$/ }, async (args) => {
      const { name, version } = JSON.parse(await fs.promises.readFile(args.path, 'utf8'));
      return { contents: JSON.stringify({ name, version }), loader: 'json' };
    });
  },
};

/**
 * Smithy loads its event stream codec (15 KB minified) with `import()` only when an operation
 * streams events. No operation the extension sends does: EMR Serverless, and the STS, SSO,
 * SSO OIDC and sign-in calls of the credential providers, are plain request and response.
 * The module is replaced by one that says so, should that ever change.
 */
const noEventStreams = {
  name: 'no-event-streams',
  setup(build) {
    build.onResolve({ filter: /^@smithy\/core\/event-streams$/ }, () => ({ path: 'event-streams', namespace: 'left-out' }));
    build.onLoad({ filter: /.*/, namespace: 'left-out' }, () => ({
      contents: [
        'const leftOut = () => { throw new Error("This build of the extension leaves out AWS event streams: no operation it sends uses them."); };',
        'export class EventStreamSerde { constructor() { leftOut(); } }',
        'export const eventStreamSerdeProvider = leftOut;',
      ].join('\n'),
      loader: 'js',
    }));
  },
};

/**
 * "Created by me" needs STSClient and GetCallerIdentityCommand alone. Behind the lazy `import()`
 * of the AWS side, esbuild keeps every module a package index re-exports, so the index of
 * @aws-sdk/client-sts would bring its other twelve commands and their schemas (7 KB minified);
 * the two are taken from their own modules instead.
 */
const stsCallerIdentityOnly = {
  name: 'sts-caller-identity-only',
  setup(build) {
    build.onResolve({ filter: /^@aws-sdk\/client-sts$/ }, () => ({ path: 'client-sts', namespace: 'sts-caller-identity-only' }));
    build.onLoad({ filter: /.*/, namespace: 'sts-caller-identity-only' }, () => ({
      contents: [
        "export { STSClient } from '@aws-sdk/client-sts/dist-es/STSClient.js';",
        "export { GetCallerIdentityCommand } from '@aws-sdk/client-sts/dist-es/commands/GetCallerIdentityCommand.js';",
      ].join('\n'),
      resolveDir: __dirname,
      loader: 'js',
    }));
  },
};

/** Prints the bundle's size after every build. */
const reportSize = {
  name: 'report-size',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length > 0) {
        return;
      }
      const file = build.initialOptions.outfile;
      const bytes = fs.readFileSync(file);
      const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
      console.log(
        `${file}: ${kb(bytes.length)} (${kb(zlib.gzipSync(bytes).length)} gzipped)` +
          `${production ? ', minified' : ''}`,
      );
    });
  },
};

async function main() {
  const ctx = await esbuild.context({
    entryPoints: ['src/extension.ts'],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node18',
    outfile: 'dist/extension.js',
    external: ['vscode'],
    // Prefer the AWS SDK's ES module build so that unused code is shaken out.
    mainFields: ['module', 'main'],
    // https-proxy-agent's `debug` logging, replaced by a no-op (see src/aws/silentDebug.ts).
    alias: { debug: './src/aws/silentDebug.ts' },
    minify: production,
    // Strings such as "…" and "×" stay as they are instead of \u escapes.
    charset: 'utf8',
    metafile: analyze || Boolean(metafilePath),
    sourcemap: !production,
    sourcesContent: false,
    logLevel: 'warning',
    // Lets the extension measure its own module load time.
    banner: { js: 'var __emrBundleStart = performance.now();' },
    plugins: [packageVersionsOnly, noEventStreams, stsCallerIdentityOnly, reportSize],
  });
  if (watch) {
    await ctx.watch();
    console.log('watching for changes…');
  } else {
    const result = await ctx.rebuild();
    await ctx.dispose();
    if (analyze) {
      console.log(await esbuild.analyzeMetafile(result.metafile));
    }
    if (metafilePath) {
      fs.writeFileSync(metafilePath, JSON.stringify(result.metafile));
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
