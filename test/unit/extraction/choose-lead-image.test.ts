import { describe, expect, it } from 'vitest';
import { isPlaceholderImage } from '../../../shared/extraction/choose-lead-image';

describe('isPlaceholderImage', () => {
  it('knows blank, default-card, logo, avatar and icon files', () => {
    expect(isPlaceholderImage('https://s0.wp.com/i/blank.jpg')).toBe(true);
    expect(isPlaceholderImage('https://www.bka.de/SharedDocs/Bilder/DE/Verschiedenes/twitter-standard.jpg?__blob=poster')).toBe(true);
    expect(isPlaceholderImage('https://news.example/img/site-logo-white.png')).toBe(true);
    expect(isPlaceholderImage('https://news.example/avatars/avatar_96.jpg')).toBe(true);
    expect(isPlaceholderImage('https://vanilla.example/media/img/missing-image.svg')).toBe(true);
    expect(isPlaceholderImage('http://static5.example.com/images/logos/logo_transbg-50.png')).toBe(true);
  });

  it('keeps article pictures, even of a logo or in a file named default', () => {
    expect(isPlaceholderImage('https://schwimmverband.example/Bilder/FINA_LOGO_FUKUOKA.jpeg')).toBe(false);
    expect(isPlaceholderImage('https://news.am/img/news/61/51/63/default.jpg')).toBe(false);
    expect(isPlaceholderImage('https://static.example/storage/58215_default_1uF-Iw_3D5m3f.jpg')).toBe(false);
    expect(isPlaceholderImage('https://news.example/2019/11/iconic-bridge-reopens.jpg')).toBe(false);
  });
});
