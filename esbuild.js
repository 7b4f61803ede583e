// Bundles the extension into dist/extension.js.
//   node esbuild.js               development build with source maps
//   node esbuild.js --production  minified, no source maps (what ships)
//   node esbuild.js --watch       rebuild on change
const esbuild = require('esbuild');
const fs = require('fs');
const zlib = require('zlib');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

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
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    logLevel: 'warning',
    // Lets the extension measure its own module load time.
    banner: { js: 'var __emrBundleStart = performance.now();' },
    plugins: [reportSize],
  });
  if (watch) {
    await ctx.watch();
    console.log('watching for changes…');
  } else {
    await ctx.rebuild();
    await ctx.dispose();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
