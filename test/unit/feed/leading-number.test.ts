import { describe, expect, it } from 'vitest';
import { readXml } from '../../../shared/feed/xml/read-xml';
import { leadingNumberOf, textOf } from '../../../shared/feed/xml/xml-query';

// leadingNumberOf stands in for textOf where only Number.parseInt of the text's start is wanted.
describe('leadingNumberOf', () => {
  it.each([
    '<channel>\n  <title>9to5 News</title><item><title>x</title></item></channel>',
    '<channel><title>  -12abc</title></channel>',
    '<channel><title>+</title><link>7</link></channel>',
    '<channel> <a/> <b> 42 </b> 17</channel>',
    '<channel><title>News</title></channel>',
    '<channel>\u3000\u00a0<t>123</t><u>456</u></channel>',
    '<channel></channel>',
  ])('parses to what the whole text parses to: %j', (xml) => {
    const [channel] = readXml(xml).elements;
    if (!channel) throw new Error('no element');
    const whole = Number.parseInt(textOf(channel).trim(), 10);
    expect(Number.parseInt(leadingNumberOf(channel).trim(), 10)).toEqual(whole);
    expect(leadingNumberOf(channel).length).toBeLessThanOrEqual(textOf(channel).length);
  });

  it('stops after the text that decides the number', () => {
    const [channel] = readXml(`<channel><title>Daily</title>${'<item><title>long entry</title></item>'.repeat(100)}</channel>`).elements;
    expect(leadingNumberOf(channel as NonNullable<typeof channel>)).toBe('Daily');
  });
});
