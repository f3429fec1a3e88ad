import { hash } from 'node:crypto';
import { cleanUrl } from './clean-url';

/**
 * Stable, URL-safe article id: the first 132 bits of SHA-256 over the cleaned URL, base64url.
 * The same article reached through tracking-parameter variants gets the same id.
 */
export function articleId(url: string): string {
  return hashKey(cleanUrl(url));
}

/** Short URL-safe digest used for ids (22 base64url characters, 132 bits). */
export function hashKey(value: string): string {
  // One-shot hash: a Hash object per call cost twice as much, and feeds hash every entry.
  return hash('sha256', value, 'base64url').slice(0, 22);
}

/** Full hex SHA-256, used where a collision would cost content (content hashes). */
export function sha256Hex(value: string): string {
  return hash('sha256', value, 'hex');
}
