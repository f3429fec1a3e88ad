/**
 * Query parameters that only track the reader (campaigns, click ids). They never select content, so
 * two URLs differing only in them are the same article.
 */
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'igshid',
  'igsh',
  'mc_cid',
  'mc_eid',
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'rb_clickid',
  's_cid',
  'ref_src',
  'ref_url',
  'cmpid',
  'ncid',
  'sr_share',
  'spm',
  'share',
  'xtor',
  'at_medium',
  'at_campaign',
  'ito',
  'wt_mc',
  'ocid',
  'smid',
  'cid_source',
]);
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'hsa_', 'itm_'];

/** Whether a query parameter name is a known tracking parameter. */
export function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING_PARAMS.has(lower) || TRACKING_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

/**
 * Returns the URL in the form used for identity: absolute, fragment dropped, tracking parameters
 * removed, WHATWG-normalised (lower-case scheme and host, default port dropped).
 * Throws `TypeError` when the input is not a URL.
 */
export function cleanUrl(input: string, base?: string): string {
  const url = new URL(input.trim(), base);
  // Each setter re-serialises the URL: skipped when it would change nothing. A "#" in the href can only
  // start a fragment (an empty one, "x/#", included; url.hash reads that as '').
  if (url.href.includes('#')) url.hash = '';
  if (url.search) {
    const params = [...url.searchParams];
    const kept = params.filter(([name]) => !isTrackingParam(name));
    if (kept.length !== params.length) {
      url.search = kept.length ? new URLSearchParams(kept).toString() : '';
    }
  }
  let href = url.href;
  if (href.endsWith('?')) href = href.slice(0, -1);
  return href;
}
