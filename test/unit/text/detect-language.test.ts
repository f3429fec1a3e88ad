import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../shared/text/detect-language';

const repeat = (text: string, times: number): string => Array.from({ length: times }, () => text).join(' ');

describe('detectLanguage', () => {
  it('tells Latin-script languages apart by their commonest words', () => {
    expect(detectLanguage(repeat('Der Rat hat über den Plan beraten, und die Gegner sind nicht überzeugt, dass er für die Stadt gut ist.', 6))).toEqual({
      language: 'de',
      strength: 'strong',
    });
    expect(detectLanguage(repeat('The board met on Tuesday and said that the plan was ready for a vote, which has been expected.', 6))?.language).toBe('en');
    expect(detectLanguage(repeat('Le conseil a discuté du projet et les opposants ne sont pas convaincus pour la ville.', 6))?.language).toBe('fr');
    expect(detectLanguage(repeat('O conselho discutiu o projeto e os opositores não estão convencidos, mais uma vez para a cidade.', 6))?.language).toBe('pt');
  });

  it('reads the language of a script that names it, and tells Persian and Ukrainian from Arabic and Russian', () => {
    expect(detectLanguage(repeat('اتفقت إيران والصين يوم الأربعاء على تعزيز التعاون العسكري بين البلدين', 4))?.language).toBe('ar');
    expect(detectLanguage(repeat('ایران و چین روز چهارشنبه توافق کردند که همکاری نظامی را گسترش دهند', 4))?.language).toBe('fa');
    expect(detectLanguage(repeat('ישראל וחמאס הסכימו על הפסקת אש זמנית ברצועת עזה', 4))?.language).toBe('he');
    expect(detectLanguage(repeat('Полиция Киева завершила досудебное расследование и направила дело в суд', 4))?.language).toBe('ru');
    expect(detectLanguage(repeat('Поліція Києва завершила досудове розслідування і направила справу до суду, її рішення є остаточним', 4))?.language).toBe(
      'uk',
    );
    expect(detectLanguage(repeat('財政部今天下午將公佈今年統一發票中獎清冊', 4))?.language).toBe('zh');
    expect(detectLanguage(repeat('Kindle書籍を読む場合は、一般的にスマホやタブレットで読むことが多いと思います', 4))?.language).toBe('ja');
  });

  it('gives no answer for short or mixed text, and only a weak one for little evidence', () => {
    expect(detectLanguage('Breaking news')).toBeNull();
    expect(detectLanguage(null)).toBeNull();
    expect(detectLanguage(`${repeat('the plan and the vote', 4)} ${repeat('der Plan und die Stadt', 4)}`)).toBeNull();
    expect(detectLanguage('The board met on Tuesday and said that the plan was ready for a vote, which has been expected for weeks now.')?.strength).toBe(
      'weak',
    );
  });
});
