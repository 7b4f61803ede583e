// Bundles the extension into dist/: extension.js (loaded at activation), aws.js (the AWS side
// with the SDK, loaded on the first request) and l10n.js (@vscode/l10n, which both use).
//   node esbuild.js               development build with source maps
//   node esbuild.js --production  minified, no source maps (what ships)
//   node esbuild.js --watch       rebuild on change
//   node esbuild.js --production --analyze   also lists what the files hold, biggest first
// With EMR_BUNDLE_METAFILE=path, esbuild's metafile (every input's bytes in the output) is
// written there; `npm run bench` reads it to say what the bundle's size is made of.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');
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
 * SDK modules that no request of the extension runs, each replaced by a module that says so,
 * should that ever change:
 * - Smithy's event stream codec (15 KB minified), loaded with `import()` only when an operation
 *   streams events. No operation the extension sends does: EMR Serverless, and the STS, SSO
 *   and SSO OIDC calls of the credential providers, are plain request and response.
 * - @aws/lambda-invoke-store (2 KB): the trace of the AWS Lambda invocation the SDK runs in, for
 *   its recursion detection header. The extension host is no Lambda function; outside one the
 *   real module finds no trace either, and no header is added.
 * - Smithy's SHA-256 written in JavaScript (3 KB): the fallback for a Node.js whose crypto
 *   module has no sha256. The Node.js of VS Code has it.
 * - Credentials of `aws login` (a profile's `login_session`), with the sign-in client they
 *   call (17 KB): the one credential kind left out, for size. Such a profile fails with a
 *   message that names the way around it: a `credential_process` that runs the AWS CLI's
 *   `aws configure export-credentials`. Every other kind of the SDK's chain is kept.
 * - @aws-sdk/signature-v4-multi-region (4 KB): the STS client's signer, which signs with SigV4
 *   unless the signing Region is `*`, and then hands the request to a SigV4a implementation,
 *   the AWS CRT's or @aws-sdk/signature-v4a's, when one is loaded. Neither is in the bundle,
 *   so `*` (which STS gets only when a user sets `sigv4a_signing_region_set = *` and prefers
 *   SigV4a with `auth_scheme_preference`) could only fail. Its stand-in is the same SigV4
 *   signer and fails `*` with a message that says so; `sigv4aDependency` stays "none", so that
 *   STS still takes SigV4 where its endpoint rules offer both.
 * - The web streams variants of Smithy's stream mixin and stream collector (1 KB), for a
 *   response body that is no Node.js Readable (a Blob, or the ReadableStream of a fetch()
 *   response, in a browser). The Node.js mixin and collector are kept: container credentials
 *   read their response through them, and every response body through the collector. Every
 *   body the extension's requests get comes from the SDK's Node.js HTTP handler, an
 *   IncomingMessage, which is a Readable and neither a Blob nor a ReadableStream; for anything
 *   else the mixin's own error stays, "Unexpected stream implementation".
 * - Smithy's S3 endpoint parameters (1 KB: bucket name checks), which the endpoint middleware
 *   runs only for a client whose serviceId is S3. The extension's clients are EMR Serverless,
 *   STS, SSO and SSO OIDC, with the serviceId of their packages. Each sends requests through the
 *   production build in test/unit/aws/bundledCredentials.test.ts.
 */
const LEFT_OUT = {
  'event-streams': {
    filter: /^@smithy\/core\/event-streams$/,
    contents: [
      'const leftOut = () => { throw new Error("This build of the extension leaves out AWS event streams: no operation it sends uses them."); };',
      'export class EventStreamSerde { constructor() { leftOut(); } }',
      'export const eventStreamSerdeProvider = leftOut;',
    ],
  },
  'lambda-invoke-store': {
    filter: /^@aws\/lambda-invoke-store$/,
    contents: ['export const InvokeStore = { getInstanceAsync: async () => undefined };'],
  },
  'credential-provider-login': {
    filter: /^@aws-sdk\/credential-provider-login$/,
    contents: [
      'import { CredentialsProviderError } from "@smithy/core/config";',
      'export const fromLoginCredentials = (init = {}) => async () => {',
      '  const profile = init.profile ?? "default";',
      '  throw new CredentialsProviderError(',
      '    `Profile ${profile} gets its credentials from aws login (login_session), which this build of the extension leaves out. ` +',
      '      `Give the extension a profile whose credential_process is "aws configure export-credentials --profile ${profile} --format process", ` +',
      '      "or use SSO, access keys or a role.",',
      '    { tryNextLink: false, logger: init.logger },',
      '  );',
      '};',
    ],
  },
  'signature-v4-multi-region': {
    filter: /^@aws-sdk\/signature-v4-multi-region$/,
    contents: [
      'import { SignatureV4 } from "@smithy/signature-v4";',
      'const leftOut = () => { throw new Error("This build of the extension signs with SigV4 only: it leaves out SigV4a, which signing Region \'*\' (sigv4a_signing_region_set) asks for. Remove sigv4a_signing_region_set, or AWS_SIGV4A_SIGNING_REGION_SET, to use SigV4."); };',
      'export class SignatureV4MultiRegion extends SignatureV4 {',
      '  static sigv4aDependency() { return "none"; }',
      '  async sign(request, options = {}) { return options.signingRegion === "*" ? leftOut() : super.sign(request, options); }',
      '  async presign(request, options = {}) { return options.signingRegion === "*" ? leftOut() : super.presign(request, options); }',
      '}',
    ],
  },
  'sdk-stream-mixin-browser': {
    filter: /^\.\/sdk-stream-mixin\.browser$/,
    importer: /[\\/]@smithy[\\/]core[\\/].*[\\/]util-stream[\\/]sdk-stream-mixin\.js$/,
    contents: [
      'export const sdkStreamMixin = () => { throw new Error("This build of the extension leaves out web streams: its responses are Node.js streams."); };',
    ],
  },
  'stream-collector-browser': {
    filter: /^\.\/stream-collector\.browser$/,
    importer: /[\\/]@smithy[\\/]core[\\/].*[\\/]util-stream[\\/]stream-collector\.js$/,
    contents: [
      'const leftOut = () => { throw new Error("This build of the extension leaves out web streams: its responses are Node.js streams."); };',
      'export const collectBlob = leftOut;',
      'export const collectReadableStream = leftOut;',
    ],
  },
  's3-endpoint-parameters': {
    filter: /^\.\.\/service-customizations$/,
    importer: /[\\/]@smithy[\\/]core[\\/].*[\\/]middleware-endpoint[\\/]adaptors[\\/]getEndpointFromInstructions\.js$/,
    contents: [
      'export const resolveParamsForS3 = async () => { throw new Error("This build of the extension leaves out the endpoint parameters of S3: it sends no S3 request."); };',
    ],
  },
  'sha256-js': {
    filter: /^\.\/Sha256Js$/,
    importer: /[\\/]@smithy[\\/]core[\\/].*[\\/]sha256[\\/]Sha256(Node|WebCrypto)\.js$/,
    contents: [
      'export class Sha256Js { constructor() { throw new Error("This build of the extension leaves out the SDK\'s JavaScript SHA-256: the crypto module of Node.js computes it."); } }',
    ],
  },
};

const leftOut = {
  name: 'left-out',
  setup(build) {
    for (const [name, module] of Object.entries(LEFT_OUT)) {
      build.onResolve({ filter: module.filter }, (args) =>
        !module.importer || module.importer.test(args.importer) ? { path: name, namespace: 'left-out' } : undefined,
      );
    }
    build.onLoad({ filter: /.*/, namespace: 'left-out' }, (args) => ({
      contents: LEFT_OUT[args.path].contents.join('\n'),
      resolveDir: __dirname,
      loader: 'js',
    }));
  },
};

/**
 * What each package entry below is made to export, and from which file of which package.
 * Behind the lazy `import()` of the AWS side, esbuild keeps every module a package index
 * re-exports: the index of a client brings every command of its service and its aggregated
 * client, and a credential provider's own `await import()` of a nested client keeps all it
 * exports. Each entry is replaced by a module that exports only what the extension and the
 * credential providers take from it, so that the rest is shaken out.
 *
 * The credential providers assume roles with a copy of the STS client (nested-clients/sts)
 * that "Created by me" would bring a second time with @aws-sdk/client-sts: they get
 * @aws-sdk/client-sts's, whose STSClient, AssumeRole and role assumers are the same code.
 *
 * A name taken with `await import()` (role assumers, SSO OIDC) is not checked by the
 * build: one missing here would be undefined when called (test/unit/aws/bundledCredentials.test.ts
 * gets credentials of each kind through the production build). Who takes what:
 *   nested-clients/sts       credential-provider-ini (getDefaultRoleAssumer),
 *                            credential-provider-web-identity (getDefaultRoleAssumerWithWebIdentity),
 *                            credential-providers (STSClient, AssumeRoleCommand)
 *   nested-clients/sso       credential-provider-sso (SSOClient, GetRoleCredentialsCommand)
 *   nested-clients/sso-oidc  token-providers (SSOOIDCClient, CreateTokenCommand)
 */
const NARROW_ENTRIES = {
  '@aws-sdk/client-emr-serverless': {
    package: '@aws-sdk/client-emr-serverless',
    exports: {
      EMRServerlessClient: 'dist-es/EMRServerlessClient.js',
      GetApplicationCommand: 'dist-es/commands/GetApplicationCommand.js',
      GetResourceDashboardCommand: 'dist-es/commands/GetResourceDashboardCommand.js',
      GetSessionCommand: 'dist-es/commands/GetSessionCommand.js',
      GetSessionEndpointCommand: 'dist-es/commands/GetSessionEndpointCommand.js',
      ListApplicationsCommand: 'dist-es/commands/ListApplicationsCommand.js',
      ListSessionsCommand: 'dist-es/commands/ListSessionsCommand.js',
      StartSessionCommand: 'dist-es/commands/StartSessionCommand.js',
      TerminateSessionCommand: 'dist-es/commands/TerminateSessionCommand.js',
      paginateListApplications: 'dist-es/pagination/ListApplicationsPaginator.js',
      paginateListSessions: 'dist-es/pagination/ListSessionsPaginator.js',
    },
  },
  '@aws-sdk/client-sts': {
    package: '@aws-sdk/client-sts',
    exports: {
      STSClient: 'dist-es/STSClient.js',
      GetCallerIdentityCommand: 'dist-es/commands/GetCallerIdentityCommand.js',
    },
  },
  '@aws-sdk/nested-clients/sts': {
    package: '@aws-sdk/client-sts',
    exports: {
      STSClient: 'dist-es/STSClient.js',
      AssumeRoleCommand: 'dist-es/commands/AssumeRoleCommand.js',
      getDefaultRoleAssumer: 'dist-es/defaultRoleAssumers.js',
      getDefaultRoleAssumerWithWebIdentity: 'dist-es/defaultRoleAssumers.js',
    },
  },
  '@aws-sdk/nested-clients/sso': {
    package: '@aws-sdk/nested-clients',
    exports: {
      SSOClient: 'dist-es/submodules/sso/SSOClient.js',
      GetRoleCredentialsCommand: 'dist-es/submodules/sso/commands/GetRoleCredentialsCommand.js',
    },
  },
  '@aws-sdk/nested-clients/sso-oidc': {
    package: '@aws-sdk/nested-clients',
    exports: {
      SSOOIDCClient: 'dist-es/submodules/sso-oidc/SSOOIDCClient.js',
      CreateTokenCommand: 'dist-es/submodules/sso-oidc/commands/CreateTokenCommand.js',
    },
  },
};

const narrowEntries = {
  name: 'narrow-entries',
  setup(build) {
    const escape = (text) => text.replace(/[/.\\-]/g, '\\$&');
    const filter = new RegExp(`^(${Object.keys(NARROW_ENTRIES).map(escape).join('|')})$`);
    build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'narrow-entry' }));
    build.onLoad({ filter: /.*/, namespace: 'narrow-entry' }, (args) => {
      const entry = NARROW_ENTRIES[args.path];
      const root = path.dirname(require.resolve(`${entry.package}/package.json`));
      return {
        contents: Object.entries(entry.exports)
          .map(([name, file]) => `export { ${name} } from ${JSON.stringify(path.join(root, file))};`)
          .join('\n'),
        resolveDir: root,
        loader: 'js',
      };
    });
  },
};

/**
 * A client's schemas (schemas_0.js) write list and map shapes of plain strings as `64 | 0` and
 * `128 | 0`, and HTTP traits as objects with computed keys (`{ [_hQ]: _mR }`, `_hQ` a string
 * constant of the file). esbuild counts both as possible side effects, so each such shape is
 * kept, and with it every schema it leads to: the schemas of every operation of the service.
 * Written as the number and the string they are, the schemas of the operations the extension
 * never sends are shaken out.
 */
const pureSchemas = {
  name: 'pure-schemas',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]@aws-sdk[\\/].*[\\/]schemas[\\/]schemas_\d+\.js$/ }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8');
      const strings = new Map();
      for (const [, name, literal] of source.matchAll(/^const (_\w+) = ("[^"\\]*");$/gm)) {
        strings.set(name, literal);
      }
      const contents = source
        .replace(/\b(\d+) \| 0\b/g, '$1')
        .replace(/\[(_\w+)\]:/g, (whole, name) => (strings.has(name) ? `${strings.get(name)}:` : whole));
      return { contents, loader: 'js' };
    });
  },
};

/**
 * The SDK loads some of Node's own modules with `import("node:http")` when it first needs them
 * (the http:// request handler, the instance metadata client). In a CommonJS bundle that is a
 * real ES module import: the first one in the extension host goes through the host's module
 * loader and builds an ES module facade of the whole built-in, which reads every export (and
 * so loads Node's fetch implementation behind `http.WebSocket`). A `require`, which the bundle
 * uses for every other built-in, gives the same module at once.
 *
 * Every other `import()` of the AWS side (the SDK's credential chain loading each provider and
 * nested client, emrClient.ts loading STS) becomes a static import. The whole AWS side is a
 * file of its own that the extension loads on its first request (see awsSideApart), so there is
 * nothing left to put off; an `import()` inside a bundle would make esbuild wrap the module it
 * loads, and every module that one imports, in a lazy-init function (`var x = p(() => {…})`,
 * and a call at each import site): 12 KB over the SDK's 400 modules.
 */
const staticImports = {
  name: 'static-imports',
  setup(build) {
    build.onLoad({ filter: /([\\/]node_modules[\\/].*\.m?js|[\\/]src[\\/]aws[\\/]\w+\.ts)$/ }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8');
      const loader = args.path.endsWith('.ts') ? 'ts' : 'js';
      if (!/\bimport\((["'])[^"'\n]+\1\)/.test(source)) {
        return undefined;
      }
      const modules = [];
      const contents = source
        .replace(/\bimport\((["'])(node:[a-z_/]+)\1\)/g, 'Promise.resolve().then(() => require("$2"))')
        .replace(/\bimport\((["'])([^"'\n]+)\1\)/g, (whole, quote, specifier) => {
          modules.push(specifier);
          return `Promise.resolve(__staticImport${modules.length - 1})`;
        });
      const imports = modules.map((specifier, i) => `import * as __staticImport${i} from ${JSON.stringify(specifier)};`);
      return { contents: `${imports.join(' ')}${contents}`, loader };
    });
  },
};

/**
 * The extension ships as two files: dist/extension.js, loaded at activation, and dist/aws.js,
 * the AWS side (src/aws with the SDK), which it loads on its first request. The extension
 * side reaches src/aws only with `import()` of the modules below (extension.ts, the connection
 * and Region commands); each becomes a `require("./aws.js")`, whose exports are those of all
 * of them. A static import, or an `import()` of another module of src/aws, fails the build: the
 * first would load the SDK at activation, the second would bundle it into dist/extension.js.
 *
 * The one module both sides import that holds state is @vscode/l10n (the strings bundle of
 * the display language, set at activation): it is a third file, dist/l10n.js, that both
 * require, so the AWS side translates with the bundle the extension side configured. The
 * other modules of src/model both sides import hold no state; each side has its own copy of
 * what it uses of them (2 KB).
 */
const AWS_SIDE_MODULES = ['emrClient', 'profiles', 'regionScanApi'];
const AWS_SIDE_FILE = './aws.js';
const L10N_FILE = './l10n.js';

const awsSideApart = {
  name: 'aws-side-apart',
  setup(build) {
    const awsDir = path.join(__dirname, 'src', 'aws');
    build.onResolve({ filter: /(^|\/)aws\/\w+(\.js)?$/ }, (args) => {
      if (!args.importer.startsWith(path.join(__dirname, 'src') + path.sep) || path.dirname(args.importer) === awsDir) {
        return undefined;
      }
      const name = path.basename(args.path, '.js');
      if (args.kind !== 'dynamic-import' || !AWS_SIDE_MODULES.includes(name)) {
        return {
          errors: [
            {
              text:
                `${path.relative(__dirname, args.importer)} imports ${args.path}: the extension side takes the AWS side only ` +
                `with import() of ${AWS_SIDE_MODULES.map((m) => `src/aws/${m}.ts`).join(', ')} (esbuild.js, AWS_SIDE_MODULES)`,
            },
          ],
        };
      }
      return { path: AWS_SIDE_FILE, external: true };
    });
  },
};

/** Both sides take @vscode/l10n from dist/l10n.js (see awsSideApart). */
const sharedL10n = {
  name: 'shared-l10n',
  setup(build) {
    build.onResolve({ filter: /^@vscode\/l10n$/ }, () => ({ path: L10N_FILE, external: true }));
  },
};

/**
 * terser's second pass over the production AWS side: 7.5 KB less (about 3%) than esbuild's
 * minifier alone, for about 3 seconds a build. Over dist/extension.js it saves under 1 KB for
 * as long, so that file is left as esbuild writes it. The metafile then tells the truth about
 * the file: its `bytes` are the file's, and each input's `bytesInOutput` is esbuild's,
 * scaled by what terser kept of the whole (the bench's breakdown adds up to the file).
 */
const terserPass = {
  name: 'terser-pass',
  setup(build) {
    build.onEnd(async (result) => {
      if (result.errors.length > 0) {
        return;
      }
      const file = path.resolve(__dirname, build.initialOptions.outfile);
      const code = await fs.promises.readFile(file, 'utf8');
      // The file is a CommonJS module: its top-level names are its own (toplevel).
      const minified = await require('terser').minify(code, {
        toplevel: true,
        compress: { passes: 2 },
        mangle: true,
        format: { ascii_only: false, comments: false },
      });
      await fs.promises.writeFile(file, minified.code);
      const { size: bytes } = await fs.promises.stat(file);
      for (const [name, output] of Object.entries(result.metafile?.outputs ?? {})) {
        if (path.resolve(__dirname, name) === file) {
          const kept = bytes / output.bytes;
          output.bytes = bytes;
          for (const input of Object.values(output.inputs)) {
            input.bytesInOutput = Math.round(input.bytesInOutput * kept);
          }
        }
      }
    });
  },
};

/** Prints the size of each file after every build of it. */
const reportSize = {
  name: 'report-size',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length > 0) {
        return;
      }
      const file = build.initialOptions.outfile;
      const bytes = fs.readFileSync(file);
      console.log(`${file}: ${kb(bytes.length)} (${kb(zlib.gzipSync(bytes).length)} gzipped)${production ? ', minified' : ''}`);
    });
  },
};

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/**
 * The options every file of the build shares: the SDK's plugins, minified without source maps
 * when `production` (what ships). Tests and benchmarks build parts of the AWS side with them,
 * to run the SDK as it ships.
 */
function bundleOptions({ production }) {
  return {
    absWorkingDir: __dirname,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node18',
    external: ['vscode'],
    // Prefer the AWS SDK's ES module build so that unused code is shaken out.
    mainFields: ['module', 'main'],
    // https-proxy-agent's `debug` logging, replaced by a no-op (see src/aws/silentDebug.ts).
    alias: { debug: './src/aws/silentDebug.ts' },
    minify: production,
    // Strings such as "…" and "×" stay as they are instead of \u escapes.
    charset: 'utf8',
    sourcemap: !production,
    sourcesContent: false,
    logLevel: 'warning',
    plugins: [packageVersionsOnly, leftOut, narrowEntries, pureSchemas, staticImports],
  };
}

/**
 * The files that ship, each with the options of its build (see awsSideApart): the extension
 * side, the AWS side and @vscode/l10n. All three are in dist/ and require each other by
 * relative path, so a copy of all three elsewhere runs the same.
 */
function shippedBundles({ production }) {
  const shared = bundleOptions({ production });
  return [
    {
      ...shared,
      entryPoints: ['src/extension.ts'],
      outfile: 'dist/extension.js',
      // import() of the AWS side (an external file) becomes a require, as for Node's modules above.
      supported: { 'dynamic-import': false },
      // Lets the extension measure its own module load time.
      banner: { js: 'var __emrBundleStart = performance.now();' },
      plugins: [awsSideApart, sharedL10n, ...shared.plugins],
    },
    {
      ...shared,
      stdin: {
        contents: AWS_SIDE_MODULES.map((name) => `export * from './src/aws/${name}';`).join('\n'),
        resolveDir: __dirname,
        sourcefile: 'aws-side',
        loader: 'ts',
      },
      outfile: 'dist/aws.js',
      plugins: [sharedL10n, ...shared.plugins, ...(production ? [terserPass] : [])],
    },
    { ...shared, entryPoints: ['@vscode/l10n'], outfile: 'dist/l10n.js' },
  ];
}

async function main() {
  const metafile = analyze || Boolean(metafilePath);
  const contexts = await Promise.all(
    shippedBundles({ production }).map((options) => esbuild.context({ ...options, metafile, plugins: [...options.plugins, reportSize] })),
  );
  if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
    console.log('watching for changes…');
    return;
  }
  const results = await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
  const total = results.reduce((sum, result) => sum + Object.values(result.metafile?.outputs ?? {}).reduce((n, o) => n + o.bytes, 0), 0);
  if (metafile) {
    console.log(`together: ${kb(total)}`);
    // One metafile for all three: each output lists its own inputs.
    const merged = { inputs: {}, outputs: {} };
    for (const result of results) {
      Object.assign(merged.inputs, result.metafile.inputs);
      Object.assign(merged.outputs, result.metafile.outputs);
    }
    if (analyze) {
      console.log(await esbuild.analyzeMetafile(merged));
    }
    if (metafilePath) {
      fs.writeFileSync(metafilePath, JSON.stringify(merged));
    }
  }
}

module.exports = { bundleOptions, shippedBundles };

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
