/**
 * `indexOf` for a scanner that only moves forward, remembering each needle's last answer. A scanner
 * that asks "where is the next `>`?" after every broken tag would rescan the rest of the document each
 * time (quadratic on hostile input such as megabytes of `</a`); with this each answer is reused until
 * the scanner passes it. Valid only while `from` never decreases between calls for one needle.
 * An object rather than a closure, so that none is made per text, and the memory of answers is only
 * allocated when a search is made (most feed summaries have no tag to search past).
 */
export class ForwardSearch {
  private last: Map<string, number> | null = null;

  constructor(private readonly text: string) {}

  /** The index of `needle` at or after `from`, or -1. */
  find(needle: string, from: number): number {
    this.last ??= new Map();
    const known = this.last.get(needle);
    if (known !== undefined && (known === -1 || known >= from)) return known;
    const found = this.text.indexOf(needle, from);
    this.last.set(needle, found);
    return found;
  }
}
