import { describe, expect, it } from 'vitest';
import { splitCaptionCredit } from '../../../shared/extraction/split-caption-credit';

describe('splitCaptionCredit', () => {
  it.each([
    ['Iran’s defence minister welcomed his Chinese counterpart [source: Getty]', 'Iran’s defence minister welcomed his Chinese counterpart', 'Getty'],
    ['The new price board. Photo: Reuters', 'The new price board.', 'Reuters'],
    ['Towers disappear into the dust on Thursday morning. (c) AFP', 'Towers disappear into the dust on Thursday morning.', 'AFP'],
    ['Lanterns over the bridge © Sam Whitlock', 'Lanterns over the bridge', 'Sam Whitlock'],
    ['Crowds on the beach (Image: Getty)', 'Crowds on the beach', 'Getty'],
    ['A rally in the capital. Jane Doe/Getty Images', 'A rally in the capital.', 'Jane Doe/Getty Images'],
    ['Die Fähre bei ihrer ersten Fahrt. Foto: dpa', 'Die Fähre bei ihrer ersten Fahrt.', 'dpa'],
    ['棚に並ぶ古本と料金箱（撮影：佐藤 美咲）', '棚に並ぶ古本と料金箱', '佐藤 美咲'],
    ['Photo: Reuters', null, 'Reuters'],
  ])('%j', (raw, caption, credit) => {
    expect(splitCaptionCredit(raw)).toEqual({ caption, credit });
  });

  it('leaves a caption without a credit whole', () => {
    expect(splitCaptionCredit('Solar panels cover the roof of the historic building')).toEqual({
      caption: 'Solar panels cover the roof of the historic building',
      credit: null,
    });
    expect(splitCaptionCredit('   ')).toEqual({ caption: null, credit: null });
  });
});
