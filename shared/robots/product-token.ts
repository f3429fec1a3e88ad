/**
 * The product token of a User-Agent string (`Feedloom/0.1 (+https://...)` -> `Feedloom`): the name a
 * robots.txt group addresses. RFC 9309 section 2.2.1 allows only letters, `_` and `-` in it.
 */
export function productTokenOf(userAgent: string): string {
  return /^[A-Za-z_-]+/.exec(userAgent.trim())?.[0] ?? '';
}
