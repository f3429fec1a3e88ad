// Character-class scans for the hand-written readers (read-xml.ts, clean-feed-html.ts). A sticky
// RegExp's exec builds a match array on every call, and the readers call it for every tag and
// attribute: that was a fifth of everything parsing allocated. These compare character codes instead.

/** Whether a UTF-16 code unit is whitespace as RegExp `\s` defines it (ECMAScript WhiteSpace and LineTerminator). */
export function isSpaceCode(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** The index of the first character at or after `from` that is not whitespace (`/\s*\/y`). */
export function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && isSpaceCode(text.charCodeAt(i))) i++;
  return i;
}

/**
 * The end of the run of characters that can make up an attribute name, starting at `from`: neither
 * whitespace nor one of `= / > " ' <` (`/[^\s=/>"'<]+/y`). Equal to `from` when there is none.
 */
export function scanAttributeName(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 0x3d || code === 0x2f || code === 0x3e || code === 0x22 || code === 0x27 || code === 0x3c || isSpaceCode(code)) break;
    i++;
  }
  return i;
}
