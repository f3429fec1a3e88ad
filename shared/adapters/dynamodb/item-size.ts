/**
 * DynamoDB's 400 KB item cap, in bytes. Item size is the sum of attribute name and value sizes
 * (Amazon DynamoDB Developer Guide, "Item sizes and formats").
 */
export const MAX_ITEM_BYTES = 400 * 1024;

/**
 * An upper estimate of the stored size of a document-client item: names and strings count their
 * UTF-8 bytes, binaries their bytes, numbers 21 bytes (the documented maximum), null and booleans
 * 1 byte, lists and maps 3 bytes plus 1 per element. It never underestimates, so an item it
 * accepts is never refused by DynamoDB for its size.
 */
export function estimateItemBytes(item: Record<string, unknown>): number {
  let total = 0;
  for (const [name, value] of Object.entries(item)) {
    if (value === undefined) continue;
    total += Buffer.byteLength(name, 'utf8') + estimateValueBytes(value);
  }
  return total;
}

function estimateValueBytes(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8');
  if (typeof value === 'number' || typeof value === 'bigint') return 21;
  if (typeof value === 'boolean' || value === null) return 1;
  if (value instanceof Uint8Array) return value.byteLength;
  if (Array.isArray(value)) return 3 + value.reduce<number>((sum, element) => sum + 1 + estimateValueBytes(element), 0);
  if (value instanceof Set) return 3 + [...value].reduce<number>((sum, element) => sum + estimateValueBytes(element), 0);
  if (typeof value === 'object') {
    let sum = 3;
    for (const [name, element] of Object.entries(value as Record<string, unknown>)) {
      if (element === undefined) continue;
      sum += 1 + Buffer.byteLength(name, 'utf8') + estimateValueBytes(element);
    }
    return sum;
  }
  return 0;
}
