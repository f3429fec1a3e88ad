import { describe, expect, it } from 'vitest';
import { chooseSiteName, nameMatchesHost } from '../../../shared/extraction/choose-site-name';

const context = { host: 'www.lakeshorenews.example', headline: 'Harbour board weighs the new plan', section: null, headTitle: null };

describe('chooseSiteName', () => {
  it('takes the first stated name, passing over a lower-case host name, the section and the headline', () => {
    expect(
      chooseSiteName(
        [
          { value: 'lakeshorenews.example', source: 'opengraph' },
          { value: 'Lakeshore News', source: 'jsonld' },
        ],
        context,
      ),
    ).toEqual({ value: 'Lakeshore News', source: 'jsonld' });
    expect(chooseSiteName([{ value: 'LakeshoreNews.example', source: 'opengraph' }], context)).toEqual({ value: 'LakeshoreNews.example', source: 'opengraph' });
    expect(chooseSiteName([{ value: 'lakeshorenews.example', source: 'opengraph' }], context)).toEqual({ value: 'lakeshorenews.example', source: 'opengraph' });
    expect(
      chooseSiteName(
        [
          { value: 'Sport', source: 'opengraph' },
          { value: 'Harbour board weighs the new plan', source: 'meta' },
        ],
        { ...context, section: 'sport' },
      ),
    ).toBeNull();
  });

  it('reads the <title> segment that carries the host name, and no other', () => {
    expect(chooseSiteName([], { ...context, headTitle: 'Harbour board weighs the new plan ǀ Lakeshore News' })).toEqual({
      value: 'Lakeshore News',
      source: 'heuristic',
    });
    expect(chooseSiteName([], { ...context, headTitle: 'Harbour board weighs the new plan - Town Hall' })).toBeNull();
    expect(chooseSiteName([], { ...context, headTitle: 'Harbour board weighs the new plan' })).toBeNull();
  });
});

describe('nameMatchesHost', () => {
  it('matches a name to the host labels that carry it', () => {
    expect(nameMatchesHost('Bundeskanzleramt Österreich', 'www.bundeskanzleramt.gv.at')).toBe(true);
    expect(nameMatchesHost('udn城市', 'city.udn.com')).toBe(true);
    expect(nameMatchesHost("Azrael's Merryland Blog", 'azraelsmerryland.blogspot.com')).toBe(true);
    expect(nameMatchesHost('Veranstaltungstipps', 'bernau-live.de')).toBe(false);
    expect(nameMatchesHost('Co', 'www.bbc.co.uk')).toBe(false);
  });
});
