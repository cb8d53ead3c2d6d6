import { describe, expect, it } from 'vitest';
import { describeSms, measureSms, nonGsmCharacters } from './sms';

describe('measureSms', () => {
  it('is empty for an empty body', () => {
    expect(measureSms('')).toMatchObject({ encoding: 'Gsm7', segments: 0, remainingInLastSegment: 160 });
  });

  it('fits 160 GSM-7 characters in one segment and splits 161 into two parts of 153', () => {
    expect(measureSms('a'.repeat(160))).toMatchObject({ encoding: 'Gsm7', segments: 1, remainingInLastSegment: 0 });
    expect(measureSms('a'.repeat(161))).toMatchObject({ segments: 2, units: 161, remainingInLastSegment: 153 - 8 });
  });

  it('counts extension characters as two septets and never splits them across parts', () => {
    expect(measureSms('€'.repeat(80))).toMatchObject({ encoding: 'Gsm7', units: 160, segments: 1 });
    // 152 septets then a two-septet euro sign: it does not fit in the first 153 and opens a second part.
    const info = measureSms('a'.repeat(152) + '€' + 'a'.repeat(10));
    expect(info).toMatchObject({ units: 164, segments: 2, remainingInLastSegment: 153 - 12 });
  });

  it('switches the whole body to UCS-2 for one character outside GSM-7', () => {
    expect(measureSms('It’s here')).toMatchObject({ encoding: 'Ucs2', characters: 9, units: 9, segments: 1, remainingInLastSegment: 61 });
    expect(measureSms('好'.repeat(70))).toMatchObject({ encoding: 'Ucs2', segments: 1 });
    expect(measureSms('好'.repeat(71))).toMatchObject({ encoding: 'Ucs2', segments: 2, remainingInLastSegment: 67 - 4 });
  });

  it('keeps an emoji (a surrogate pair) in one part and counts it as one character', () => {
    const body = 'a'.repeat(66) + '😀' + 'b'.repeat(10);
    const info = measureSms(body);
    expect(info.characters).toBe(77);
    expect(info.units).toBe(78);
    // 66 units, then the pair would make 68 > 67: it moves to part two with the 10 b's.
    expect(info).toMatchObject({ segments: 2, remainingInLastSegment: 67 - 12 });
  });

  it('names the characters that force UCS-2 and describes the count', () => {
    expect(nonGsmCharacters('It’s 好 😀 ok')).toEqual(['’', '好', '😀']);
    expect(describeSms(measureSms('Hello'))).toBe('5 characters · GSM-7 · 1 segment · 155 septets left in the last');
  });
});
