import { describe, expect, it } from 'vitest';
import { chooseTitle, namesSite, stripSiteName, type TitleCandidate } from '../../../shared/extraction/choose-title';

const site = { siteNames: ['Meridian Ledger'], host: 'www.meridianledger.example' };
const meta = (value: string, source: TitleCandidate['source'] = 'meta'): TitleCandidate => ({ value, source, mayHaveSuffix: true });

describe('stripSiteName', () => {
  it.each([
    ['Ferry strike ends | Meridian Ledger', 'Ferry strike ends'],
    ['Meridian Ledger - Ferry strike ends', 'Ferry strike ends'],
    ['Ferry strike ends - World - Meridian Ledger', 'Ferry strike ends - World'],
    ['Meridian Ledger: Ferry strike ends', 'Ferry strike ends'],
    ['Ferry strike ends_meridianledger', 'Ferry strike ends'],
    ['Ferry strike ends: what it means', 'Ferry strike ends: what it means'],
  ])('%j -> %j', (raw, title) => {
    expect(stripSiteName(raw, site.siteNames, site.host)).toBe(title);
  });

  it('gives null for a title that is only the site', () => {
    expect(stripSiteName('Meridian Ledger', site.siteNames, site.host)).toBeNull();
  });
});

describe('namesSite', () => {
  it('recognises the site by name or host, and an author field naming it only exactly', () => {
    expect(namesSite('Cleveland.com', [], 'www.cleveland.com', { exact: true })).toBe(true);
    expect(namesSite('Vortex Cannon Entertainment', [], 'vortexcannon.org')).toBe(true);
    expect(namesSite('Northern Wire Staff', ['Northern Wire'], 'northernwire.example', { exact: true })).toBe(false);
  });
});

describe('chooseTitle', () => {
  it('prefers the JSON-LD headline, and an h1 only when it agrees', () => {
    const chosen = chooseTitle(
      [{ value: 'Ferry strike ends after nine days', source: 'jsonld', mayHaveSuffix: false }, meta('Ferry strike ends | Meridian Ledger')],
      ['World'],
      site,
    );
    expect(chosen).toEqual({ value: 'Ferry strike ends after nine days', source: 'jsonld' });
  });

  it('takes the h1 that is one segment of a <title> whose site part is unknown', () => {
    expect(
      chooseTitle([meta('Harbour plan splits the town - Kestrel Herald')], ['Harbour plan splits the town'], { siteNames: [], host: 'kh.example' }),
    ).toEqual({
      value: 'Harbour plan splits the town',
      source: 'meta',
    });
  });

  it('completes a headline cut short with the h1', () => {
    const chosen = chooseTitle(
      [{ value: 'Scientists tag a thousand eels…', source: 'jsonld', mayHaveSuffix: false }],
      ['Scientists tag a thousand eels to follow them'],
      site,
    );
    expect(chosen).toEqual({ value: 'Scientists tag a thousand eels to follow them', source: 'heuristic' });
  });

  it('drops a meta title nothing backs when another stated title and the h1 agree', () => {
    const chosen = chooseTitle(
      [meta('Meridian Ledger: news you can trust today', 'opengraph'), meta('Ferry strike ends after nine days | Meridian Ledger')],
      ['Ferry strike ends after nine days'],
      site,
    );
    expect(chosen?.value).toBe('Ferry strike ends after nine days');
  });

  it('uses the h1 when no title is stated, never the site name', () => {
    expect(chooseTitle([], ['Meridian Ledger', 'Ferry strike ends'], site)).toEqual({ value: 'Ferry strike ends', source: 'heuristic' });
    expect(chooseTitle([], [], site)).toBeNull();
  });
});
