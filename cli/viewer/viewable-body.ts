import { JSDOM } from 'jsdom';
import { sanitizeElement } from '../../shared/extraction/sanitize-html';
import { httpUrl } from './html';

/** A base for resolving links when the stored page URL is not a usable http(s) URL. */
const FALLBACK_BASE = 'https://article.invalid/';

/**
 * An article body as the viewer shows it. The stored HTML was sanitised when it was extracted, but
 * the viewer trusts nothing it reads from a table: it sanitises again with the same allowlist (no
 * scripts, handlers, styles, forms, foreign content; http(s) URLs only) and drops every embed,
 * which the page's CSP would refuse anyway. Unless `images` is asked for, images and media become
 * placeholders, so opening an article contacts no remote host (a privacy default).
 */
export function viewableBody(contentHtml: string, options: { baseUrl: string; images: boolean }): string {
  const fragment = JSDOM.fragment(contentHtml);
  const container = fragment.ownerDocument.createElement('div');
  container.append(fragment);
  sanitizeElement(container, { baseUrl: httpUrl(options.baseUrl) ?? FALLBACK_BASE, iframeHosts: [] });
  if (!options.images) {
    const document = container.ownerDocument;
    for (const source of [...container.querySelectorAll('picture source, video source, audio source')]) source.remove();
    for (const element of [...container.querySelectorAll('img, video, audio')]) {
      const placeholder = document.createElement('span');
      placeholder.className = 'media-placeholder';
      const kind = element.localName === 'img' ? 'image' : element.localName;
      const alt = element.getAttribute('alt')?.trim();
      placeholder.textContent = `[${kind} not loaded${alt ? `: ${alt}` : ''}]`;
      element.replaceWith(placeholder);
    }
  }
  return container.innerHTML;
}
