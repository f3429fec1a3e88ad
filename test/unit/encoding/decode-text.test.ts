import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { charsetFromContentType, decodeText } from '../../../shared/encoding/decode-text';

const xml = (body: string, declaration = ''): string => `${declaration}<rss><channel><title>${body}</title></channel></rss>`;
const titleOf = (text: string): string | undefined => /<title>(.*)<\/title>/.exec(text)?.[1];

describe('decodeText for XML', () => {
  it('lets a BOM win over the HTTP charset and the declaration', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml('café', '<?xml version="1.0" encoding="koi8-r"?>'))]);
    const decoded = decodeText(bytes, { contentType: 'text/xml; charset=windows-1251', kind: 'xml' });
    expect(decoded).toMatchObject({ charset: 'utf-8', source: 'bom' });
    expect(titleOf(decoded.text)).toBe('café');
  });

  it('lets the HTTP charset win over the XML declaration (RFC 7303 section 3)', () => {
    const bytes = iconv.encode(xml('Пример', '<?xml version="1.0" encoding="iso-8859-1"?>'), 'windows-1251');
    const decoded = decodeText(bytes, { contentType: 'application/rss+xml; charset="windows-1251"', kind: 'xml' });
    expect(decoded.source).toBe('http');
    expect(titleOf(decoded.text)).toBe('Пример');
  });

  it.each([
    ['windows-1252', '“Quotes” — €5'],
    ['iso-8859-1', '“Quotes” — €5'],
    ['koi8-r', 'Первая новость'],
    ['shift_jis', 'ゲーム三昧な正月'],
    ['euc-jp', 'ゲーム三昧な正月'],
    ['euc-kr', '한글닉네임'],
    ['gb2312', '不归移民漫画系列'],
    ['big5', '我希望很容易'],
    ['iso-8859-7', 'Καλημέρα'],
  ])('decodes legacy charset %s from the XML declaration', (label, text) => {
    // iso-8859-1 means windows-1252 on the web (WHATWG Encoding), which is where 0x80-0x9F get curly quotes.
    const encoding = label === 'iso-8859-1' ? 'windows-1252' : label;
    const bytes = iconv.encode(xml(text, `<?xml version="1.0" encoding="${label}"?>`), encoding);
    expect(titleOf(decodeText(bytes, { kind: 'xml' }).text)).toBe(text);
  });

  it('decodes UTF-16 with a BOM and without one (XML 1.0 Appendix F)', () => {
    const body = xml('été 漢字', '<?xml version="1.0" encoding="utf-16"?>');
    expect(titleOf(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(body, 'utf-16be')]), { kind: 'xml' }).text)).toBe('été 漢字');
    expect(titleOf(decodeText(iconv.encode(body, 'utf-16le'), { kind: 'xml' }).text)).toBe('été 漢字');
  });

  it('reads UTF-8 bytes under a single-byte label as UTF-8, and says so', () => {
    const decoded = decodeText(Buffer.from(xml('테스트 Café', '<?xml version="1.0" encoding="ISO-8859-1"?>')), { kind: 'xml' });
    expect(titleOf(decoded.text)).toBe('테스트 Café');
    expect(decoded.issues).toEqual(['bytes labelled windows-1252 are UTF-8']);
  });

  it('guesses the legacy charset of undeclared bytes that are not UTF-8', () => {
    const decoded = decodeText(iconv.encode(xml('Как пережить новогоднюю ночь, и что делать потом'), 'koi8-r'), { kind: 'xml' });
    expect(titleOf(decoded.text)).toBe('Как пережить новогоднюю ночь, и что делать потом');
    expect(decoded.source).toBe('sniffed');
  });

  it('ignores an unknown label and replaces invalid bytes instead of throwing', () => {
    const bytes = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="bogus"?><rss><channel><title>café '),
      Buffer.from([0xff]),
      Buffer.from(' ok</title></channel></rss>'),
    ]);
    const decoded = decodeText(bytes, { kind: 'xml' });
    expect(titleOf(decoded.text)).toBe('café \uFFFD ok');
    expect(decoded.issues).toEqual(['unknown encoding "bogus" in the XML declaration ignored', 'invalid UTF-8 bytes replaced']);
  });
});

describe('decodeText for HTML keeps its meaning', () => {
  it('uses the meta charset, and windows-1252 for undeclared invalid UTF-8', () => {
    const html = iconv.encode('<meta charset="windows-1251"><p>Привет</p>', 'windows-1251');
    expect(decodeText(html, { kind: 'html' })).toMatchObject({ charset: 'windows-1251', source: 'meta' });
    expect(decodeText(Buffer.from([0x3c, 0x70, 0x3e, 0x93, 0x94]), { kind: 'html' }).text).toBe('<p>“”');
  });
});

describe('decodeText for HTML reads a late declaration and guesses an undeclared charset', () => {
  // An archive's banner scripts (1.2 KB) push the page's own <meta> past the 1024-byte prescan.
  const banner = `<script>${'var wm = "https://archive.example/web/2012";\n'.repeat(30)}</script>`;
  const story = '<title>话剧巡演结束</title></head><body><p>河北各市巡演于本周结束。</p></body></html>';

  it('uses a <meta> in the head after the first 1024 bytes when the bytes are not UTF-8', () => {
    const bytes = iconv.encode(`<html><head>${banner}<meta http-equiv="Content-Type" content="text/html; charset=gb2312"/>${story}`, 'gbk');
    expect(banner.length).toBeGreaterThan(1024);
    const decoded = decodeText(bytes, { kind: 'html' });
    expect(decoded).toMatchObject({ charset: 'gbk', source: 'meta' });
    expect(decoded.text).toContain('河北各市巡演于本周结束');
  });

  it('keeps valid UTF-8 under a late label that contradicts it', () => {
    const bytes = Buffer.from(`<html><head>${banner}<meta charset="euc-kr">${story}`, 'utf8');
    expect(decodeText(bytes, { kind: 'html' })).toMatchObject({ charset: 'utf-8', source: 'default' });
  });

  it('ignores a <meta> that a script writes, and one in the body', () => {
    const scripted = `<html><head>${banner}<script>document.write('<meta charset="koi8-r">')</script></head><body><meta charset="koi8-r"><p>\x93ok\x94</p></body></html>`;
    expect(decodeText(Buffer.from(scripted, 'latin1'), { kind: 'html' }).charset).toBe('windows-1252');
  });

  it('guesses an undeclared CJK page from its bytes, and stays windows-1252 on thin evidence', () => {
    const japanese = iconv.encode('<p>東京都は今日、新しい交通計画を発表しました。計画は来年の春に始まります。</p>', 'shift_jis');
    const decoded = decodeText(japanese, { kind: 'html' });
    expect(decoded).toMatchObject({ charset: 'shift_jis', source: 'sniffed' });
    expect(decoded.text).toContain('新しい交通計画');
    expect(decodeText(iconv.encode('<p>“Quotes” — café, naïve, déjà vu, €5</p>', 'windows-1252'), { kind: 'html' }).charset).toBe('windows-1252');
  });
});

describe('charsetFromContentType', () => {
  it('reads quoted and unquoted parameters', () => {
    expect(charsetFromContentType('text/xml; charset="UTF-8"')).toBe('UTF-8');
    expect(charsetFromContentType('text/xml;charset=koi8-r')).toBe('koi8-r');
    expect(charsetFromContentType('text/xml')).toBeNull();
  });
});
