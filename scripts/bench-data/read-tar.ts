// A small reader for the tar archives GitHub serves (`git archive`: ustar entries, a pax global
// header carrying the commit, pax or ustar-prefix long names). Only what `npm run bench:data` needs:
// regular files with their bytes; links and special files are reported so the caller can skip them.
// Format: POSIX.1-2001 (IEEE Std 1003.1, "pax" and "ustar" interchange formats).

/** Thrown on bytes that are not a well-formed tar archive. */
export class TarFormatError extends Error {
  readonly code = 'BAD_ARCHIVE';
  constructor(message: string) {
    super(message);
    this.name = 'TarFormatError';
  }
}

/** One entry of the archive: a regular file (with its bytes) or anything else (without). */
export interface TarEntry {
  path: string;
  type: 'file' | 'directory' | 'other';
  data: Uint8Array;
}

const BLOCK = 512;
const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

function readString(header: Uint8Array, offset: number, length: number): string {
  const field = header.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return utf8.decode(end === -1 ? field : field.subarray(0, end));
}

/** A numeric field: octal text, or base-256 when the high bit of its first byte is set (GNU, sizes over 8 GiB). */
function readNumber(header: Uint8Array, offset: number, length: number): number {
  const field = header.subarray(offset, offset + length);
  if (((field[0] as number) & 0x80) !== 0) {
    let value = (field[0] as number) & 0x7f;
    for (let i = 1; i < field.length; i++) value = value * 256 + (field[i] as number);
    return value;
  }
  const text = latin1.decode(field).replace(/\0.*$/s, '').trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw new TarFormatError(`bad numeric field "${text}" in a tar header`);
  return Number.parseInt(text, 8);
}

/** The header checksum: the byte sum with the checksum field itself counted as spaces. */
function verifyChecksum(header: Uint8Array, at: number): void {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (header[i] as number);
  if (sum !== readNumber(header, 148, 8)) throw new TarFormatError(`tar header checksum mismatch at byte ${at}`);
}

/** Pax extended header records: "<length> <key>=<value>\n", the length counting the whole record. */
function parsePax(data: Uint8Array): Map<string, string> {
  const records = new Map<string, string>();
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    if (space === -1) throw new TarFormatError('truncated pax record');
    const length = Number.parseInt(latin1.decode(data.subarray(at, space)), 10);
    if (!Number.isInteger(length) || length <= space - at || at + length > data.length) throw new TarFormatError('bad pax record length');
    const record = utf8.decode(data.subarray(space + 1, at + length - 1));
    const equals = record.indexOf('=');
    if (equals > 0) records.set(record.slice(0, equals), record.slice(equals + 1));
    at += length;
  }
  return records;
}

/** The entries of an uncompressed tar archive, in order. */
export function* readTarEntries(archive: Uint8Array): Generator<TarEntry> {
  let at = 0;
  let longName: string | undefined;
  let globalPax = new Map<string, string>();
  let localPax = new Map<string, string>();
  while (at + BLOCK <= archive.length) {
    const header = archive.subarray(at, at + BLOCK);
    if (header.every((byte) => byte === 0)) return; // end-of-archive marker
    verifyChecksum(header, at);
    const size = readNumber(header, 124, 12);
    const typeFlag = String.fromCharCode(header[156] as number);
    const dataStart = at + BLOCK;
    if (dataStart + size > archive.length) throw new TarFormatError(`tar entry at byte ${at} runs past the end of the archive`);
    const data = archive.subarray(dataStart, dataStart + size);
    at = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    if (typeFlag === 'g') {
      globalPax = new Map([...globalPax, ...parsePax(data)]);
      continue;
    }
    if (typeFlag === 'x') {
      localPax = parsePax(data);
      continue;
    }
    if (typeFlag === 'L') {
      longName = readString(data, 0, data.length);
      continue;
    }
    const magic = latin1.decode(header.subarray(257, 262));
    const prefix = magic === 'ustar' ? readString(header, 345, 155) : '';
    const name = readString(header, 0, 100);
    const path = localPax.get('path') ?? globalPax.get('path') ?? longName ?? (prefix ? `${prefix}/${name}` : name);
    localPax = new Map();
    longName = undefined;
    const type = typeFlag === '0' || typeFlag === '\0' || typeFlag === '7' ? 'file' : typeFlag === '5' ? 'directory' : 'other';
    yield { path, type, data: type === 'file' ? data : new Uint8Array(0) };
  }
  // Every tar ends with zero blocks; bytes that stop before them are a download cut short.
  throw new TarFormatError('tar archive ends before its end-of-archive marker (truncated?)');
}
