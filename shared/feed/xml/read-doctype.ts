import { FeedParseError } from '../feed-errors';
import { decodeXmlEntities, type EntityBudget } from './decode-xml-entities';

const MAX_DECLARED_ENTITIES = 1000;
const ENTITY_DECLARATION = /<!ENTITY\s+(%\s+)?([^\s%;]+)\s+(?:"([^"]*)"|'([^']*)'|(SYSTEM|PUBLIC)\b[^>]*)\s*>/g;

/**
 * Reads a `<!DOCTYPE ...>` starting at `start` and returns the index just after it. General entities
 * declared in the internal subset with a literal value are recorded in `budget` for expansion. An
 * external entity (SYSTEM / PUBLIC) is never fetched: its references stay unresolved (catalogue 25).
 * A declaration whose value refers to another entity is refused, since nesting is how entity
 * expansion attacks (billion laughs, catalogue 23) multiply.
 */
export function readDoctype(text: string, start: number, budget: EntityBudget, note: (issue: string) => void): number {
  let i = start + 9;
  let subsetStart = -1;
  let subsetEnd = -1;
  let quote: string | null = null;
  while (i < text.length) {
    const c = text[i] as string;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (subsetStart !== -1 && subsetEnd === -1 && text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      i = end === -1 ? text.length : end + 3;
      continue;
    } else if (c === '[' && subsetStart === -1) subsetStart = i + 1;
    else if (c === ']' && subsetStart !== -1 && subsetEnd === -1) subsetEnd = i;
    else if (c === '>' && (subsetStart === -1 || subsetEnd !== -1)) break;
    i++;
  }
  if (i >= text.length) note('unterminated DOCTYPE');
  if (subsetStart !== -1) {
    const subset = text.slice(subsetStart, subsetEnd === -1 ? i : subsetEnd);
    let count = 0;
    for (const match of subset.matchAll(ENTITY_DECLARATION)) {
      const [, parameter, name, doubleQuoted, singleQuoted, external] = match;
      if (++count > MAX_DECLARED_ENTITIES) throw new FeedParseError('XML_ENTITY_REJECTED', `more than ${MAX_DECLARED_ENTITIES} entity declarations`);
      if (parameter || !name) continue;
      if (external) {
        note(`external entity &${name}; not loaded`);
        continue;
      }
      const value = doubleQuoted ?? singleQuoted ?? '';
      if (/&(?!#\d+;|#x[0-9a-f]+;|(?:amp|lt|gt|quot|apos);)/i.test(value)) {
        throw new FeedParseError('XML_ENTITY_REJECTED', `entity &${name}; refers to other entities (nested expansion is refused)`);
      }
      if (!budget.entities.has(name)) budget.entities.set(name, decodeXmlEntities(value, budget, note));
    }
  }
  return Math.min(text.length, i + 1);
}
