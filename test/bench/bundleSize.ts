import * as fs from 'fs';
import * as zlib from 'zlib';
import { fromRoot, VSIX_PATH } from '../harness/repoPaths';
import { kib, PartResult, verdict } from './figures';
import type { ArchiveEntry } from './vsixArchive';

export const BUNDLE_TARGET_BYTES = 350 * 1024;
export const VSIX_TARGET_BYTES = 200 * 1024;
const BUNDLE_ENTRY = 'extension/dist/extension.js';

/**
 * Sizes of what ships: the bundle as it is inside the .vsix (minified, and gzipped at the
 * highest level), and the .vsix itself.
 */
export function measureSizes(entries: readonly ArchiveEntry[]): PartResult {
  const bundle = entries.find((e) => e.name === BUNDLE_ENTRY);
  if (!bundle) {
    throw new Error(`${fromRoot(VSIX_PATH)} holds no ${BUNDLE_ENTRY}`);
  }
  const bytes = bundle.read();
  if (/\n\/\/# sourceMappingURL=/.test(bytes.toString('utf8', Math.max(0, bytes.length - 200)))) {
    throw new Error(`${BUNDLE_ENTRY} in the .vsix is a development build (it has a source map)`);
  }
  const gzipped = zlib.gzipSync(bytes, { level: 9 }).length;
  const vsix = fs.statSync(VSIX_PATH).size;
  const bundleOk = bytes.length <= BUNDLE_TARGET_BYTES;
  const vsixOk = vsix <= VSIX_TARGET_BYTES;
  return {
    figures: [
      {
        id: 'bundleMinified',
        label: 'bundle, minified',
        value: kib(bytes.length),
        target: `≤ ${kib(BUNDLE_TARGET_BYTES)}`,
        verdict: verdict(bundleOk),
        ...(bundleOk ? {} : { why: `${kib(bytes.length - BUNDLE_TARGET_BYTES)} too large` }),
      },
      { id: 'bundleGzipped', label: 'bundle, gzipped', value: kib(gzipped), target: '—', verdict: 'info' },
      {
        id: 'vsix',
        label: '.vsix',
        value: kib(vsix),
        target: `≤ ${kib(VSIX_TARGET_BYTES)}`,
        verdict: verdict(vsixOk),
        ...(vsixOk ? {} : { why: `${kib(vsix - VSIX_TARGET_BYTES)} too large; largest entries, compressed: ${largest(entries)}` }),
      },
    ],
    data: {
      bundleBytes: bytes.length,
      bundleGzippedBytes: gzipped,
      vsixBytes: vsix,
      vsixEntries: entries.map((e) => ({ name: e.name, bytes: e.size, compressedBytes: e.compressedSize })),
      targets: { bundleBytes: BUNDLE_TARGET_BYTES, vsixBytes: VSIX_TARGET_BYTES },
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
