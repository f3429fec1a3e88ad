import iconv from 'iconv-lite';

/** What the bytes were decoded as, and which signal decided it. */
export interface DecodedText {
  text: string;
  charset: string;
  source: 'bom' | 'http' | 'xml-declaration' | 'meta' | 'sniffed' | 'default';
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
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  return null;
}

/** Whether the bytes are valid UTF-8 (used to sniff pages that declare nothing). */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Decodes bytes with a resolved charset; invalid sequences become U+FFFD, never an exception. */
export function decodeWith(bytes: Uint8Array, charset: string): string {
  if (charset === 'utf-8') return new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(bytes);
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
  const head = latin1Head(bytes, 512).replace(/^[\s\S]*?(?=<\?xml)/, '');
  const match = /^<\?xml[^>]*?\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  return match?.[1] ?? null;
}

/** The charset an HTML document declares in its first 1024 bytes (HTML "prescan a byte stream"). */
export function htmlMetaCharset(bytes: Uint8Array): string | null {
  const head = latin1Head(bytes, 1024).replace(/<!--[\s\S]*?-->/g, '');
  const metas = head.match(/<meta\b[^>]*>/gi) ?? [];
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

/**
 * Decodes a document's bytes with the charset the standards say wins. For XML (RFC 7303 section 3):
 * BOM, then the HTTP charset, then the XML declaration, then UTF-8. For HTML (HTML "encoding
 * sniffing"): BOM, HTTP charset, `<meta>` prescan, then UTF-8 if valid, else windows-1252.
 * Unknown labels are skipped; invalid bytes are replaced, never thrown on.
 */
export function decodeText(input: Uint8Array | string, options: { contentType?: string | null; kind: 'xml' | 'html' | 'json' }): DecodedText {
  if (typeof input === 'string') return { text: input.replace(/^\uFEFF/, ''), charset: 'utf-8', source: 'default' };
  const bom = bomCharset(input);
  if (bom) return { text: decodeWith(input.subarray(bom.length), bom.charset), charset: bom.charset, source: 'bom' };

  const http = normalizeCharset(charsetFromContentType(options.contentType));
  if (http && options.kind !== 'json') return { text: decodeWith(input, http), charset: http, source: 'http' };

  if (options.kind === 'xml') {
    const declared = normalizeCharset(xmlDeclarationCharset(input));
    // A declaration claiming a 16-bit encoding on bytes that are plainly 8-bit is a lie (copy-paste).
    if (declared && !(declared.startsWith('utf-16') && input[1] !== 0x00 && input[0] !== 0x00)) {
      return { text: decodeWith(input, declared), charset: declared, source: 'xml-declaration' };
    }
  } else if (options.kind === 'html') {
    let declared = normalizeCharset(htmlMetaCharset(input));
    // HTML spec: a meta declaring UTF-16 means UTF-8 (the prescan could read it as ASCII).
    if (declared?.startsWith('utf-16')) declared = 'utf-8';
    if (declared) return { text: decodeWith(input, declared), charset: declared, source: 'meta' };
    if (!isValidUtf8(input)) return { text: decodeWith(input, 'windows-1252'), charset: 'windows-1252', source: 'sniffed' };
  }
  return { text: decodeWith(input, 'utf-8'), charset: 'utf-8', source: 'default' };
}
