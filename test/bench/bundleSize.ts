import * as fs from 'fs';
import * as zlib from 'zlib';
import { fromRoot, VSIX_PATH } from '../harness/repoPaths';
import { BUNDLE_METAFILE } from './benchPaths';
import { kib, PartResult, verdict } from './figures';
import type { ArchiveEntry } from './vsixArchive';

export const BUNDLE_TARGET_BYTES = 350 * 1024;
/** Above the target, the bundle must still never pass this. */
export const BUNDLE_CEILING_BYTES = 400 * 1024;
export const VSIX_TARGET_BYTES = 200 * 1024;
/** The extension's main file (package.json `main`); the bundle is every .js file that ships with it. */
const MAIN_ENTRY = 'extension/dist/extension.js';

/**
 * Sizes of what ships: the bundle, every JavaScript file inside the .vsix together (minified,
 * and gzipped at the highest level), and the .vsix itself.
 */
export function measureSizes(entries: readonly ArchiveEntry[]): PartResult {
  const scripts = entries.filter((e) => e.name.startsWith('extension/') && e.name.endsWith('.js'));
  if (!scripts.some((e) => e.name === MAIN_ENTRY)) {
    throw new Error(`${fromRoot(VSIX_PATH)} holds no ${MAIN_ENTRY}`);
  }
  const files = scripts.map((entry) => {
    const bytes = entry.read();
    if (/\n\/\/# sourceMappingURL=/.test(bytes.toString('utf8', Math.max(0, bytes.length - 200)))) {
      throw new Error(`${entry.name} in the .vsix is a development build (it has a source map)`);
    }
    return { name: entry.name.replace(/^extension\//, ''), bytes: bytes.length, gzipped: zlib.gzipSync(bytes, { level: 9 }).length };
  });
  const total = files.reduce((sum, f) => sum + f.bytes, 0);
  const gzipped = files.reduce((sum, f) => sum + f.gzipped, 0);
  const vsix = fs.statSync(VSIX_PATH).size;
  const bundleOk = total <= BUNDLE_TARGET_BYTES;
  const ceilingOk = total <= BUNDLE_CEILING_BYTES;
  const vsixOk = vsix <= VSIX_TARGET_BYTES;
  const parts = bundleParts(files.map((f) => f.name));
  const partsText = parts.map((p) => `${p.name} ${kib(p.bytes)}`).join(', ');
  const filesText = files.map((f) => `${f.name} ${kib(f.bytes)}`).join(', ');
  return {
    figures: [
      {
        id: 'bundleMinified',
        label: 'bundle, minified',
        value: kib(total),
        target: `≤ ${kib(BUNDLE_TARGET_BYTES)}`,
        verdict: verdict(bundleOk),
        detail: `made of: ${partsText}; in ${files.length} files: ${filesText}`,
        ...(bundleOk
          ? {}
          : {
              why:
                `${kib(total - BUNDLE_TARGET_BYTES)} too large. Only what the extension sends is kept of each AWS ` +
                'client, but every credential kind of the SDK\'s chain but aws login is kept too (keys, environment, role ' +
                'chaining, web identity, SSO and its token refresh, credential_process, container and instance metadata): ' +
                'those providers with their SSO and SSO OIDC clients are the credential share above. One STS ' +
                'client serves roles (AssumeRole, AssumeRoleWithWebIdentity) and "Created by me" (GetCallerIdentity, ' +
                'which no other client can send); with the awsQuery protocol and XML parser only STS speaks, it is the ' +
                'STS share above. The SDK core (request pipeline, SigV4, endpoint rules, retries, restJson1) serves ' +
                'every client',
            }),
      },
      {
        id: 'bundleCeiling',
        label: 'bundle, minified, hard ceiling',
        value: kib(total),
        target: `≤ ${kib(BUNDLE_CEILING_BYTES)}`,
        verdict: verdict(ceilingOk),
        ...(ceilingOk
          ? {}
          : {
              why:
                `${kib(total - BUNDLE_CEILING_BYTES)} over the most the bundle may ever weigh; its largest shares: ` +
                [...parts]
                  .sort((a, b) => b.bytes - a.bytes)
                  .slice(0, 2)
                  .map((p) => `${p.name} ${kib(p.bytes)}`)
                  .join(', '),
            }),
      },
      { id: 'bundleGzipped', label: 'bundle, gzipped', value: kib(gzipped), target: '—', verdict: 'info' },
      {
        id: 'vsix',
        label: '.vsix',
        value: kib(vsix),
        target: `≤ ${kib(VSIX_TARGET_BYTES)}`,
        verdict: verdict(vsixOk),
        ...(vsixOk
          ? {}
          : { why: `${kib(vsix - VSIX_TARGET_BYTES)} too large; largest entries, compressed: ${largest(entries)}` }),
      },
    ],
    data: {
      bundleBytes: total,
      bundleGzippedBytes: gzipped,
      bundleParts: parts,
      bundleFiles: files,
      vsixBytes: vsix,
      vsixEntries: entries.map((e) => ({ name: e.name, bytes: e.size, compressedBytes: e.compressedSize })),
      targets: { bundleBytes: BUNDLE_TARGET_BYTES, bundleCeilingBytes: BUNDLE_CEILING_BYTES, vsixBytes: VSIX_TARGET_BYTES },
    },
  };
}

/** The three biggest files of the .vsix by compressed size, e.g. "dist/extension.js 110.1 KB". */
function largest(entries: readonly ArchiveEntry[]): string {
  return [...entries]
    .sort((a, b) => b.compressedSize - a.compressedSize)
    .slice(0, 3)
    .map((e) => `${e.name.replace(/^extension\//, '')} ${kib(e.compressedSize)}`)
    .join(', ');
}

/** What a share of the bundle is, by the path of the input it came from. */
const PARTS: readonly { readonly name: string; readonly test: (input: string) => boolean }[] = [
  { name: 'the extension', test: (input) => input.startsWith('src/') },
  {
    name: 'credential providers with their SSO and SSO OIDC clients',
    test: (input) =>
      /node_modules\/(@aws-sdk\/(credential-provider|nested-clients|token-providers)|@smithy\/credential-provider-imds)|^narrow-entry:@aws-sdk\/nested-clients\/(sso|sso-oidc)$|^left-out:credential-provider-login$/.test(
        input,
      ),
  },
  {
    name: 'STS client of roles and "Created by me", with its awsQuery protocol and XML parser',
    test: (input) =>
      /node_modules\/@aws-sdk\/(client-sts|signature-v4-multi-region|xml-builder)\/|node_modules\/@aws-sdk\/core\/dist-es\/submodules\/protocols\/(query|xml)\/|^narrow-entry:@aws-sdk\/(client-sts|nested-clients\/sts)$|^left-out:signature-v4-multi-region$/.test(
        input,
      ),
  },
  { name: 'proxy agent', test: (input) => /node_modules\/(https-proxy-agent|agent-base)\//.test(input) },
  { name: 'EMR Serverless client and SDK core', test: () => true },
];

interface Metafile {
  readonly outputs: Record<
    string,
    { readonly bytes: number; readonly inputs: Record<string, { readonly bytesInOutput: number }> }
  >;
}

/**
 * The bytes of the shipped files (`shipped`, paths such as "dist/aws.js") by where they come
 * from, read from the esbuild metafile that the production build wrote for the benchmark
 * (EMR_BUNDLE_METAFILE in esbuild.js). The metafile must describe exactly those files. What
 * esbuild adds around the inputs (its module helpers, the banner) is in no part.
 */
function bundleParts(shipped: readonly string[]): { name: string; bytes: number }[] {
  if (!fs.existsSync(BUNDLE_METAFILE)) {
    throw new Error(`${fromRoot(BUNDLE_METAFILE)} is missing: the production build did not write its metafile`);
  }
  const meta = JSON.parse(fs.readFileSync(BUNDLE_METAFILE, 'utf8')) as Metafile;
  const outputs = Object.entries(meta.outputs).filter(([name]) => name.endsWith('.js'));
  const built = outputs.map(([name]) => name).sort();
  if (built.join() !== [...shipped].sort().join()) {
    throw new Error(`${fromRoot(BUNDLE_METAFILE)} describes ${built.join(', ')}, but the .vsix ships ${shipped.join(', ')}`);
  }
  const totals = PARTS.map((part) => ({ name: part.name, bytes: 0 }));
  for (const [, output] of outputs) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      totals[PARTS.findIndex((part) => part.test(input))].bytes += bytesInOutput;
    }
  }
  return totals;
}
