/**
 * `indexOf` for a scanner that only moves forward, remembering each needle's last answer. A scanner
 * that asks "where is the next `>`?" after every broken tag would rescan the rest of the document each
 * time (quadratic on hostile input such as megabytes of `</a`); with this each answer is reused until
 * the scanner passes it. Valid only while `from` never decreases between calls for one needle.
 */
export function createForwardSearch(text: string): (needle: string, from: number) => number {
  const last = new Map<string, number>();
  return (needle, from) => {
    const known = last.get(needle);
    if (known !== undefined && (known === -1 || known >= from)) return known;
    const found = text.indexOf(needle, from);
    last.set(needle, found);
    return found;
  };
}
