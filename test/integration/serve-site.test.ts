import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LAST_MODIFIED, type SiteServer, serveSite } from '../../demo/serve-site';

// windows-1252 bytes around the placeholder: “Café” — €3 (0x93 C a f 0xE9 0x94 space 0x97 space 0x80 3)
const legacyPrefix = Buffer.from([0x93, 0x43, 0x61, 0x66, 0xe9, 0x94, 0x20, 0x97, 0x20, 0x80, 0x33, 0x20]);
const legacySuffix = Buffer.from([0x20, 0x91, 0xfc, 0x92, 0x0a]);

describe('serveSite', () => {
  let root: string;
  let site: SiteServer;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'serve-site-'));
    await mkdir(join(root, 'news'), { recursive: true });
    await mkdir(join(root, 'feeds'), { recursive: true });
    await writeFile(join(root, 'news', 'legacy.html'), Buffer.concat([legacyPrefix, Buffer.from('{{origin}}/x', 'latin1'), legacySuffix]));
    await writeFile(join(root, 'index.html'), '<!doctype html><title>Home</title><a href="{{origin}}/">home</a>');
    await writeFile(join(root, 'feeds', 'culture.json'), '{"version":"https://jsonfeed.org/version/1.1"}');
    await writeFile(join(root, 'data.json'), '{"ok":true}');
    await writeFile(join(root, 'forced.html'), '<p>forced</p>');
    await writeFile(
      join(root, '_routes.json'),
      JSON.stringify({
        '/forced.html': { status: 410, headers: { 'content-type': 'text/html; charset=utf-8', 'x-test': 'yes' } },
        '/gone': { status: 404 },
        '/moved': { status: 301, headers: { location: '{{origin}}/index.html' } },
        '/literal': { body: 'hello from {{origin}}', headers: { 'content-type': 'text/plain; charset=utf-8' } },
      }),
    );
    site = await serveSite({ root });
  });

  afterAll(async () => {
    await site.close();
    await rm(root, { recursive: true, force: true });
  });

  it('binds loopback on a random port', () => {
    expect(site.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('substitutes {{origin}} on bytes, leaving a windows-1252 page byte-exact', async () => {
    const response = await fetch(`${site.origin}/news/legacy.html`);
    const bytes = Buffer.from(await response.arrayBuffer());
    const expected = Buffer.concat([legacyPrefix, Buffer.from(`${site.origin}/x`, 'latin1'), legacySuffix]);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(bytes.equals(expected)).toBe(true);
  });

  it('serves index.html for a directory and types JSON under feeds/ as a JSON Feed', async () => {
    const home = await fetch(`${site.origin}/`);
    expect(await home.text()).toContain(`href="${site.origin}/"`);
    const feed = await fetch(`${site.origin}/feeds/culture.json`);
    expect(feed.headers.get('content-type')).toBe('application/feed+json');
    const data = await fetch(`${site.origin}/data.json`);
    expect(data.headers.get('content-type')).toBe('application/json');
  });

  it('answers If-None-Match with 304 and the same strong ETag', async () => {
    const first = await fetch(`${site.origin}/index.html`);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(first.headers.get('last-modified')).toBe(DEFAULT_LAST_MODIFIED);
    const second = await fetch(`${site.origin}/index.html`, { headers: { 'if-none-match': `"other", ${etag}` } });
    expect(second.status).toBe(304);
    expect(second.headers.get('etag')).toBe(etag);
    const changed = await fetch(`${site.origin}/index.html`, { headers: { 'if-none-match': '"other"' } });
    expect(changed.status).toBe(200);
  });

  it('answers If-Modified-Since with 304, and lets If-None-Match take precedence', async () => {
    const later = await fetch(`${site.origin}/index.html`, {
      headers: { 'if-modified-since': 'Thu, 28 Apr 2022 00:00:00 GMT' },
    });
    expect(later.status).toBe(304);
    const earlier = await fetch(`${site.origin}/index.html`, {
      headers: { 'if-modified-since': 'Tue, 26 Apr 2022 00:00:00 GMT' },
    });
    expect(earlier.status).toBe(200);
    const precedence = await fetch(`${site.origin}/index.html`, {
      headers: { 'if-none-match': '"stale"', 'if-modified-since': 'Thu, 28 Apr 2022 00:00:00 GMT' },
    });
    expect(precedence.status).toBe(200);
  });

  it('applies _routes.json overrides: status, headers, bodies, and statuses without files', async () => {
    const forced = await fetch(`${site.origin}/forced.html`);
    expect(forced.status).toBe(410);
    expect(forced.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(forced.headers.get('x-test')).toBe('yes');
    expect(await forced.text()).toBe('<p>forced</p>');

    const gone = await fetch(`${site.origin}/gone`);
    expect(gone.status).toBe(404);

    const moved = await fetch(`${site.origin}/moved`, { redirect: 'manual' });
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe(`${site.origin}/index.html`);

    const literal = await fetch(`${site.origin}/literal`);
    expect(await literal.text()).toBe(`hello from ${site.origin}`);

    const hidden = await fetch(`${site.origin}/_routes.json`);
    expect(hidden.status).toBe(404);
  });

  it('answers unknown paths with a small HTML 404 and records every request', async () => {
    const response = await fetch(`${site.origin}/no/such/page.html?x=1`, { headers: { 'X-Probe': 'abc' } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(await response.text()).toContain('404');
    const recorded = site.requests.at(-1);
    expect(recorded).toMatchObject({ method: 'GET', path: '/no/such/page.html?x=1', status: 404 });
    expect(recorded?.headers['x-probe']).toBe('abc');
  });
});

describe('serveSite on the bundled demo site', () => {
  it('serves the windows-1252 page byte-exact and the missing story as 404', async () => {
    const root = resolve(import.meta.dirname, '../../demo/site');
    const site = await serveSite({ root });
    try {
      const page = '/news/europe/harbour-cafe-espresso-price-row.html';
      const onDisk = await readFile(join(root, page));
      const response = await fetch(`${site.origin}${page}`);
      const served = Buffer.from(await response.arrayBuffer());
      const expected = Buffer.from(onDisk.toString('latin1').split('{{origin}}').join(site.origin), 'latin1');
      expect(served.equals(expected)).toBe(true);
      expect(served.includes(Buffer.from([0x80]))).toBe(true);
      const missing = await fetch(`${site.origin}/news/world/missing-story.html`);
      expect(missing.status).toBe(404);
    } finally {
      await site.close();
    }
  });
});
