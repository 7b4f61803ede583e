import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';

/** One file of a .vsix (a zip archive). */
export interface ArchiveEntry {
  readonly name: string;
  readonly compressedSize: number;
  readonly size: number;
  /** The file's bytes, inflated. */
  read(): Buffer;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

/**
 * Reads the entries of a .vsix. A .vsix is a plain zip (no zip64, stored or deflated
 * entries), which is all this reader understands; anything else is an error.
 */
export function readVsix(file: string): ArchiveEntry[] {
  const zip = fs.readFileSync(file);
  const end = findEndOfCentralDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const entries: ArchiveEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== CENTRAL_DIRECTORY_HEADER) {
      throw new Error(`${file}: broken central directory at byte ${offset}`);
    }
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const size = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localHeader = zip.readUInt32LE(offset + 42);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;
    entries.push({
      name,
      compressedSize,
      size,
      read: () => inflate(zip, localHeader, method, compressedSize, `${file}: ${name}`),
    });
  }
  return entries;
}

/** Writes the files under `extension/` (what VS Code installs) into `dir`. */
export function extractExtension(entries: readonly ArchiveEntry[], dir: string): void {
  for (const entry of entries) {
    if (!entry.name.startsWith('extension/') || entry.name.endsWith('/')) {
      continue;
    }
    const target = path.resolve(dir, entry.name.slice('extension/'.length));
    if (!target.startsWith(path.resolve(dir) + path.sep)) {
      throw new Error(`refusing to extract ${entry.name} outside ${dir}`);
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, entry.read());
  }
}

function findEndOfCentralDirectory(zip: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
      return i;
    }
  }
  throw new Error('not a zip archive: no end of central directory');
}

function inflate(zip: Buffer, localHeader: number, method: number, compressedSize: number, what: string): Buffer {
  if (zip.readUInt32LE(localHeader) !== LOCAL_FILE_HEADER) {
    throw new Error(`${what}: broken local header`);
  }
  const start = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
  const data = zip.subarray(start, start + compressedSize);
  switch (method) {
    case 0:
      return Buffer.from(data);
    case 8:
      return zlib.inflateRawSync(data);
    default:
      throw new Error(`${what}: unsupported compression method ${method}`);
  }
}
