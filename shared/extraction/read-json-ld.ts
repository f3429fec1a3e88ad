import type { TreeElement } from './dom-query';
/** A JSON-LD node as parsed from a page (schema.org vocabulary). */
export type JsonLdNode = Record<string, unknown>;

const ARTICLE_TYPES =
  /^(?:Article|NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|AskPublicNewsArticle|BlogPosting|LiveBlogPosting|SocialMediaPosting|TechArticle|ScholarlyArticle|Report|Recipe|HowTo|WebPage|Blog|MediaObject|VideoObject|Review)$/;

/** The schema.org types of a node, without their vocabulary prefix. */
export function typesOf(node: JsonLdNode): string[] {
  const type = node['@type'];
  const list = Array.isArray(type) ? type : [type];
  return list.filter((t): t is string => typeof t === 'string').map((t) => t.replace(/^(?:https?:\/\/schema\.org\/|schema:)/, ''));
}

function flatten(value: unknown, out: JsonLdNode[], depth: number): void {
  if (depth > 6 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) flatten(item, out, depth + 1);
    return;
  }
  const node = value as JsonLdNode;
  out.push(node);
  if (node['@graph']) flatten(node['@graph'], out, depth + 1);
  if (node.mainEntity && typeof node.mainEntity === 'object') flatten(node.mainEntity, out, depth + 1);
}

// WordPress, MediaWiki and other CMSs wrap the JSON in a CDATA section or an HTML comment (for
// XHTML-era parsers); inside a <script> those markers are literal text around the JSON.
function unwrap(raw: string): string {
  return raw
    .replace(/^\s*(?:\/\*\s*)?(?:<!\[CDATA\[|<!--)\s*(?:\*\/)?/, '')
    .replace(/(?:\/\*\s*)?(?:\]\]>|-->)\s*(?:\*\/)?\s*$/, '')
    .trim();
}

function parseBlock(raw: string): unknown {
  const text = unwrap(raw);
  try {
    return JSON.parse(text);
  } catch {
    try {
      // Many sites ship trailing commas or raw newlines in strings; one lenient retry fixes most.
      return JSON.parse(text.replace(/[\r\n\t]+/g, ' ').replace(/,\s*([}\]])/g, '$1'));
    } catch {
      return undefined;
    }
  }
}

/**
 * Every node of every `<script type="application/ld+json">` block among a page's scripts, with
 * `@graph` and `mainEntity` flattened, in document order. Malformed blocks are skipped.
 */
export function readJsonLdNodes(scripts: Iterable<TreeElement>): JsonLdNode[] {
  const nodes: JsonLdNode[] = [];
  for (const script of scripts) {
    const type = (script.getAttribute('type') ?? '').trim().toLowerCase();
    const raw = script.textContent?.trim();
    if (!raw || raw.length > 1_000_000) continue;
    // Some CMSs drop the type; a bare JSON object naming the schema.org context is JSON-LD all the same.
    const untyped = type === '' && /^[[{]/.test(raw) && /"@context"\s*:\s*"https?:\/\/schema\.org/.test(raw.slice(0, 400));
    if (type !== 'application/ld+json' && !untyped) continue;
    flatten(parseBlock(raw), nodes, 0);
  }
  return nodes;
}

/** The node that best describes the article: a NewsArticle-like type first, a WebPage last. */
export function pickArticleNode(nodes: readonly JsonLdNode[]): JsonLdNode | null {
  let best: JsonLdNode | null = null;
  let bestRank = Number.POSITIVE_INFINITY;
  for (const node of nodes) {
    for (const type of typesOf(node)) {
      if (!ARTICLE_TYPES.test(type)) continue;
      const rank = type === 'WebPage' || type === 'Blog' ? 3 : type.endsWith('Object') || type === 'Review' ? 2 : node.headline || node.articleBody ? 0 : 1;
      if (rank < bestRank) {
        best = node;
        bestRank = rank;
      }
    }
  }
  return best;
}

/** Reads a page's JSON-LD and returns the node that best describes the article ({@link pickArticleNode}). */
export function readJsonLd(scripts: Iterable<TreeElement>): JsonLdNode | null {
  return pickArticleNode(readJsonLdNodes(scripts));
}

/** The nodes of a JSON-LD value that is a single node, a list or a string. */
export function jsonLdList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** A JSON-LD value as a string: a string, a number, `@value`, `name`, or the first of a list. */
export function jsonLdText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return jsonLdText(value[0]);
  if (value && typeof value === 'object') {
    const node = value as JsonLdNode;
    return jsonLdText(node['@value'] ?? node.name);
  }
  return null;
}

/** Whether a JSON-LD node is typed as a person (as opposed to an organisation). */
export function isPerson(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typesOf(value as JsonLdNode).includes('Person');
}
