import { isAscii, isUtf8 } from 'node:buffer';
import chardet from 'chardet';
import iconv from 'iconv-lite';

/** What the bytes were decoded as, and which signal decided it. */
export interface DecodedText {
  text: string;
  charset: string;
  source: 'bom' | 'http' | 'xml-declaration' | 'meta' | 'sniffed' | 'default';
  /** What did not fit (unknown labels, mislabelled bytes, replaced invalid bytes); absent when nothing. */
  issues?: string[];
}

// WHATWG Encoding Standard label aliases that iconv-lite does not resolve the way browsers do:
// latin1 and ascii mean windows-1252 on the web, gb2312 means GBK, and so on.
const LABEL_ALIASES: Record<string, string> = {
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  latin1: 'windows-1252',
  l1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  'ansi_x3.4-1968': 'windows-1252',
  cp1252: 'windows-1252',
  'x-cp1252': 'windows-1252',
  'iso-8859-9': 'windows-1254',
  'iso-8859-11': 'windows-874',
  'tis-620': 'windows-874',
  gb2312: 'gbk',
  'x-gbk': 'gbk',
  'gb_2312-80': 'gbk',
  csgb2312: 'gbk',
  'x-sjis': 'shift_jis',
  sjis: 'shift_jis',
  ms_kanji: 'shift_jis',
  'windows-31j': 'shift_jis',
  'x-euc-jp': 'euc-jp',
  'ks_c_5601-1987': 'euc-kr',
  'x-mac-roman': 'macintosh',
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  'x-unicode20utf8': 'utf-8',
  unicode: 'utf-16le',
  'ucs-2': 'utf-16le',
  'utf-16': 'utf-16le',
  'big5-hkscs': 'big5',
  'cn-big5': 'big5',
  'x-x-big5': 'big5',
  koi8: 'koi8-r',
  cp1251: 'windows-1251',
  'x-cp1251': 'windows-1251',
};

/** Resolves a charset label to a name iconv-lite can decode, or null when unknown. */
export function normalizeCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const clean = label
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase();
  if (!clean) return null;
  const name = LABEL_ALIASES[clean] ?? clean;
  if (name === 'utf-8') return name;
  return iconv.encodingExists(name) ? name : null;
}

/** The `charset` parameter of a Content-Type header value (RFC 9110 section 8.3). */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const match = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType);
  return match?.[2] ?? null;
}

function bomCharset(bytes: Uint8Array): { charset: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  // UTF-32LE's BOM begins like UTF-16LE's, so it is tested first.
  if (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0x00 && bytes[3] === 0x00) return { charset: 'utf-32le', length: 4 };
  if (bytes[0] === 0x00 && bytes[1] === 0x00 && bytes[2] === 0xfe && bytes[3] === 0xff) return { charset: 'utf-32be', length: 4 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  return null;
}

// XML 1.0 Appendix F.1: without a BOM, the first bytes of `<?xml` (or of `<`) give away a 16- or 32-bit encoding.
function xmlBytePatternCharset(bytes: Uint8Array): string | null {
  const [b0, b1, b2, b3] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if (b0 === 0x00 && b1 === 0x00 && b2 === 0x00 && b3 === 0x3c) return 'utf-32be';
  if (b0 === 0x3c && b1 === 0x00 && b2 === 0x00 && b3 === 0x00) return 'utf-32le';
  if (b0 === 0x00 && b1 === 0x3c) return 'utf-16be';
  if (b0 === 0x3c && b1 === 0x00) return 'utf-16le';
  return null;
}

/** Counts of well-formed multi-byte UTF-8 sequences and of bytes that fit no sequence. */
function utf8Evidence(bytes: Uint8Array): { multiByte: number; invalid: number } {
  let multiByte = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b < 0x80) continue;
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = length > 0 && i + length <= bytes.length;
    for (let k = 1; ok && k < length; k++) ok = ((bytes[i + k] as number) & 0xc0) === 0x80;
    if (ok) {
      multiByte++;
      i += length - 1;
    } else invalid++;
  }
  return { multiByte, invalid };
}

// One-byte-per-character charsets: text in them almost never forms valid multi-byte UTF-8, so a
// declaration of one over bytes that do is a mislabel (a CMS that writes UTF-8 under an old prolog).
const SINGLE_BYTE = /^(?:windows-125\d|iso-8859-\d+|koi8-[ru]|macintosh|windows-874|cp\d+)$/;

/**
 * The legacy charset the bytes look like. A guess under `minConfidence` (chardet's 0-100 scale) falls
 * back to windows-1252: a few high bytes (two curly quotes) read as any CJK charset equally well.
 */
function guessLegacyCharset(bytes: Uint8Array, minConfidence = 0): string {
  const best = chardet.analyse(bytes.subarray(0, 65_536))[0];
  return (best && best.confidence >= minConfidence ? normalizeCharset(best.name) : null) ?? 'windows-1252';
}

/** Whether the bytes are valid UTF-8 (used to sniff pages that declare nothing). */
export function isValidUtf8(bytes: Uint8Array): boolean {
  // Validates without building a string: a strict TextDecoder did the whole decode just to throw it
  // away, and the document was then decoded a second time.
  return isUtf8(bytes);
}

// Stateless for one-shot decode() calls, so one instance serves every document.
const UTF8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/** Decodes bytes with a resolved charset; invalid sequences become U+FFFD, never an exception. */
export function decodeWith(bytes: Uint8Array, charset: string): string {
  // ASCII reads the same in UTF-8 and Latin-1, and Latin-1 is a plain copy (nearly every feed is ASCII).
  if (charset === 'utf-8') return isAscii(bytes) ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1') : UTF8.decode(bytes);
  // Node 20's TextDecoder maps windows-1252 0x80-0x9F to C1 controls (nodejs/node#56542); iconv-lite
  // follows the WHATWG tables, so every legacy charset goes through it.
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), charset, { stripBOM: true });
}

function latin1Head(bytes: Uint8Array, length: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(length, bytes.byteLength)).toString('latin1');
}

/** The encoding named by an XML declaration (XML 1.0 section 4.3.3), if any. */
export function xmlDeclarationCharset(bytes: Uint8Array): string | null {
  // UTF-16 without a BOM shows its declaration as ASCII with NULs between the characters.
  if (bytes[0] === 0x00 && bytes[1] === 0x3c) return 'utf-16be';
  if (bytes[0] === 0x3c && bytes[1] === 0x00) return 'utf-16le';
  const head512 = latin1Head(bytes, 512);
  const declaration = head512.indexOf('<?xml');
  const head = declaration > 0 ? head512.slice(declaration) : head512;
  const match = /^<\?xml[^>]*?\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  return match?.[1] ?? null;
}

/** The charset an HTML document declares in its first 1024 bytes (HTML "prescan a byte stream"). */
export function htmlMetaCharset(bytes: Uint8Array): string | null {
  return metaCharsetIn(latin1Head(bytes, 1024));
}

// How far a declaration in the head is looked for once the 1024-byte prescan found none.
const LATE_META_SCAN_BYTES = 65_536;

/**
 * The charset a `<meta>` declares in the document's head after the first 1024 bytes (an archive's
 * banner scripts or a long comment pushed it there). The HTML standard's tree builder honours such a
 * late declaration ("change the encoding", HTML 13.2.3.4: Firefox reloads with it, Chromium's
 * prescan reads on to the end of the head), so a page that declares GB2312 after a 1.2 KB banner
 * is GB2312 to every reader. Script and style text is skipped: a `<meta>` written by a script is not
 * the page's.
 */
export function htmlLateMetaCharset(bytes: Uint8Array): string | null {
  const text = latin1Head(bytes, LATE_META_SCAN_BYTES);
  const bodyAt = text.search(/<\/head\s*>|<body[\s>]/i);
  const head = (bodyAt >= 0 ? text.slice(0, bodyAt) : text).replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '');
  return metaCharsetIn(head);
}

function metaCharsetIn(html: string): string | null {
  const metas = html.replace(/<!--[\s\S]*?-->/g, '').match(/<meta\b[^>]*>/gi) ?? [];
  for (const meta of metas) {
    const direct = /\bcharset\s*=\s*["']?\s*([^"'\s/>;]+)/i.exec(meta);
    if (direct?.[1] && !/http-equiv/i.test(meta)) return direct[1];
    if (/http-equiv\s*=\s*["']?content-type/i.test(meta)) {
      const content = /\bcontent\s*=\s*(["'])(.*?)\1/i.exec(meta);
      const charset = charsetFromContentType(content?.[2] ?? null);
      if (charset) return charset;
    }
  }
  return null;
}

function decodeXml(input: Uint8Array, contentType: string | null | undefined, json: boolean): DecodedText {
  const issues: string[] = [];
  const bom = bomCharset(input);
  if (bom) return { text: decodeWith(input.subarray(bom.length), bom.charset), charset: bom.charset, source: 'bom' };
  const pattern = json ? null : xmlBytePatternCharset(input);
  if (pattern) return { text: decodeWith(input, pattern), charset: pattern, source: 'sniffed' };

  const httpLabel = json ? null : charsetFromContentType(contentType);
  const declaredLabel = json ? null : xmlDeclarationCharset(input);
  const http = normalizeCharset(httpLabel);
  if (httpLabel && !http) issues.push(`unknown charset "${httpLabel.slice(0, 40)}" in Content-Type ignored`);
  let declared = normalizeCharset(declaredLabel);
  if (declaredLabel && !declared) issues.push(`unknown encoding "${declaredLabel.slice(0, 40)}" in the XML declaration ignored`);
  // A declaration claiming a 16-bit encoding on bytes that are plainly 8-bit is a copy-paste lie.
  if (declared?.startsWith('utf-16') || declared?.startsWith('utf-32')) {
    issues.push(`encoding "${declaredLabel}" declared on 8-bit bytes ignored`);
    declared = null;
  }
  let charset = http ?? declared ?? 'utf-8';
  let source: DecodedText['source'] = http ? 'http' : declared ? 'xml-declaration' : 'default';
  const validUtf8 = (charset === 'utf-8' || SINGLE_BYTE.test(charset)) && isValidUtf8(input);
  if ((charset === 'utf-8' || SINGLE_BYTE.test(charset)) && !(charset === 'utf-8' && validUtf8)) {
    const evidence = validUtf8 ? { invalid: 0, multiByte: isAscii(input) ? 0 : 1 } : utf8Evidence(input);
    if (charset !== 'utf-8' && evidence.invalid === 0 && evidence.multiByte > 0) {
      issues.push(`bytes labelled ${charset} are UTF-8`);
      charset = 'utf-8';
      source = 'sniffed';
    } else if (charset === 'utf-8' && evidence.invalid > evidence.multiByte) {
      // Not UTF-8 whatever was said or assumed: the bytes are a legacy charset, which is guessed.
      charset = guessLegacyCharset(input);
      issues.push(`bytes are not UTF-8; decoded as ${charset}`);
      source = 'sniffed';
    } else if (charset === 'utf-8' && evidence.invalid > 0) issues.push('invalid UTF-8 bytes replaced');
  }
  if (http && declared && http !== declared && source === 'http') issues.push(`Content-Type charset ${http} overrides the declared ${declared}`);
  const result: DecodedText = { text: decodeWith(input, charset), charset, source };
  if (issues.length) result.issues = issues;
  return result;
}

/**
 * Decodes a document's bytes with the charset the standards say wins. For XML (RFC 7303 section 3,
 * XML 1.0 Appendix F): BOM, then the UTF-16/32 byte pattern, then the HTTP charset, then the XML
 * declaration, then UTF-8; a single-byte label over bytes that are valid multi-byte UTF-8 is read as
 * UTF-8, and bytes that are not UTF-8 where UTF-8 was assumed are decoded in the legacy charset they
 * look like. For HTML (HTML "encoding sniffing"): BOM, HTTP charset, `<meta>` prescan (a single-byte label over
 * valid multi-byte UTF-8 read as UTF-8), then UTF-8 if valid, else windows-1252. JSON is UTF-8 (RFC 8259 section 8.1). Invalid bytes are replaced,
 * never thrown on.
 */
export function decodeText(input: Uint8Array | string, options: { contentType?: string | null; kind: 'xml' | 'html' | 'json' }): DecodedText {
  if (typeof input === 'string') return { text: input.replace(/^\uFEFF/, ''), charset: 'utf-8', source: 'default' };
  if (options.kind !== 'html') return decodeXml(input, options.contentType, options.kind === 'json');
  const bom = bomCharset(input);
  if (bom) return { text: decodeWith(input.subarray(bom.length), bom.charset), charset: bom.charset, source: 'bom' };
  const http = normalizeCharset(charsetFromContentType(options.contentType));
  if (http) return { text: decodeWith(input, http), charset: http, source: 'http' };
  let declared = normalizeCharset(htmlMetaCharset(input));
  // HTML spec: a meta declaring UTF-16 means UTF-8 (the prescan could read it as ASCII).
  if (declared?.startsWith('utf-16')) declared = 'utf-8';
  // A single-byte charset declared over bytes that are valid multi-byte UTF-8 is a mislabel (a CMS that
  // writes UTF-8 under an old template's meta; the server's header, lost here, said UTF-8): text in a
  // one-byte charset almost never forms valid multi-byte UTF-8 sequences. The XML path does the same.
  if (declared && SINGLE_BYTE.test(declared) && !isAscii(input) && isValidUtf8(input))
    return { text: decodeWith(input, 'utf-8'), charset: 'utf-8', source: 'sniffed', issues: [`bytes labelled ${declared} are UTF-8`] };
  if (declared) return { text: decodeWith(input, declared), charset: declared, source: 'meta' };
  if (isValidUtf8(input)) return { text: decodeWith(input, 'utf-8'), charset: 'utf-8', source: 'default' };
  // Not UTF-8 and nothing declared where the prescan looks. Valid UTF-8 never gets here: a late label
  // over such bytes (EUC-KR under a page that is UTF-8) is the kind of mislabel the rule above catches.
  let late = normalizeCharset(htmlLateMetaCharset(input));
  if (late?.startsWith('utf-16')) late = 'utf-8';
  if (late) return { text: decodeWith(input, late), charset: late, source: 'meta' };
  // Undeclared: the HTML standard leaves the guess to the reader ("frequency analysis", encoding
  // sniffing step 8) and browsers run a detector, so GB2312 or Shift_JIS without a label is not read as
  // windows-1252 mojibake. Western text and thin evidence stay windows-1252 (the standard's fallback for
  // most locales): on the 50 such pages of the benchmark corpora the detector was sure only of Shift_JIS.
  const guessed = guessLegacyCharset(input, 50);
  return { text: decodeWith(input, guessed), charset: guessed, source: 'sniffed' };
}
