import { describe, expect, it } from 'vitest';
import { cleanDescription, isCookieNotice, isOffTopic, isSummaryText, repeatsTitle } from '../../../shared/extraction/check-description';

describe('description checks', () => {
  it('cleans share-button text and bare links out of an excerpt', () => {
    expect(cleanDescription('Share this on WhatsAppNesta página você terá sempre a classificação')).toBe('Nesta página você terá sempre a classificação');
    expect(cleanDescription('https://youtu.be/VaJWXLhDgbk MP3-DOWNLOAD (01:00 h) Unser Gast')).toBe('MP3-DOWNLOAD (01:00 h) Unser Gast');
    expect(cleanDescription('   ')).toBeNull();
  });

  it('refuses bylines, labels and consent notices as summaries', () => {
    expect(isSummaryText('Written by HLNF Staff Report')).toBe(false);
    expect(isSummaryText('Von Anna Berg')).toBe(false);
    expect(isSummaryText('MP3-DOWNLOAD (01:00 h)')).toBe(false);
    expect(isSummaryText('We use cookies to improve your experience on our website.')).toBe(false);
    expect(isSummaryText('By the end of the year the harbour will have two new berths for cruise ships.')).toBe(true);
    expect(isSummaryText('財政部今天下午將公佈今年統一發票中獎清冊，本期千萬中獎張數為18張')).toBe(true);
    expect(isCookieNotice('Wir verwenden Cookies, um Inhalte zu personalisieren.')).toBe(true);
  });

  it('tells a repeated headline and an off-topic description from a summary', () => {
    expect(repeatsTitle('Harbour board weighs the new plan', 'Harbour board weighs the new plan')).toBe(true);
    expect(repeatsTitle('The harbour board weighs the new plan for cruise berths after two years of studies', 'Harbour board weighs the new plan')).toBe(false);
    const body = Array.from({ length: 12 }, () => 'The harbour board discussed the cruise berths plan and the fish market building with residents.').join(' ');
    expect(isOffTopic('A blog about lifestyle, travel, food, and technology', 'Harbour plan', body)).toBe(true);
    expect(isOffTopic('Residents question the harbour board about cruise berths', 'Harbour plan', body)).toBe(false);
    expect(isOffTopic('A blog about lifestyle, travel, food, and technology', 'Harbour plan', 'Too short a body.')).toBe(false);
  });
});
