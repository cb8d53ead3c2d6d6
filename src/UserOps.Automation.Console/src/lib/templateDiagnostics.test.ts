import { describe, expect, it } from 'vitest';
import { diagnosticsFor, editorFieldOf, messagesFor, offsetOf, problemsFromBody, rangeAt } from './templateDiagnostics';

describe('offsetOf', () => {
  const text = 'Hi\n  {{ contact.nickname }}\nbye';
  it('finds 1-based line and column', () => {
    expect(offsetOf(text, 1, 1)).toBe(0);
    expect(text.slice(offsetOf(text, 2, 6))).toMatch(/^contact\.nickname/);
    expect(offsetOf(text, 3, 2)).toBe(text.indexOf('bye') + 1);
  });
  it('clamps a column past the line end and a line past the text', () => {
    expect(offsetOf(text, 1, 99)).toBe(2);
    expect(offsetOf(text, 9, 1)).toBe(text.length);
  });
});

describe('rangeAt', () => {
  it('covers the dotted name at the position', () => {
    const text = 'x {{ contact.nickname }}';
    expect(rangeAt(text, 5)).toEqual({ from: 5, to: 21 });
  });
  it('covers one character on punctuation and the last character at the end', () => {
    expect(rangeAt('{{ }', 3)).toEqual({ from: 3, to: 4 });
    expect(rangeAt('abc', 3)).toEqual({ from: 2, to: 3 });
  });
});

describe('diagnosticsFor', () => {
  it('places positioned problems of the field and skips the others', () => {
    const text = 'Hi\n  {{ contact.nickname }}';
    const d = diagnosticsFor('smsBody', text, [
      { field: 'smsBody', message: "Unknown field 'contact.nickname'.", line: 2, column: 6 },
      { field: 'smsBody', message: 'The SMS renders to 12 segments' },
      { field: 'subject', message: 'other field', line: 1, column: 1 },
    ]);
    expect(d).toEqual([{ from: 8, to: 24, message: "Unknown field 'contact.nickname'.", severity: 'error' }]);
  });

  it('puts a push data entry problem on its key in the JSON editor', () => {
    const json = '{\n  "url": "{{ contact.nope }}"\n}';
    expect(editorFieldOf('data.url')).toBe('dataJson');
    const [d] = diagnosticsFor('dataJson', json, [{ field: 'data.url', message: 'bad' }]);
    expect(json.slice(d.from, d.to)).toBe('url');
  });
});

describe('problems from a problem body', () => {
  it('prefers the structured extension', () => {
    expect(problemsFromBody({ problems: [{ field: 'html', message: 'm', line: 2, column: 3 }], errors: { html: ['ignored'] } }))
      .toEqual([{ field: 'html', message: 'm', line: 2, column: 3 }]);
  });

  it('parses "field (line:col): message" strings back', () => {
    expect(problemsFromBody({ errors: { smsBody: ['smsBody (2:5): Expected end of tag', 'smsBody: A Sms template needs smsBody.'], to: ['An address is required.'] } }))
      .toEqual([
        { field: 'smsBody', line: 2, column: 5, message: 'Expected end of tag' },
        { field: 'smsBody', message: 'A Sms template needs smsBody.' },
        { field: 'to', message: 'An address is required.' },
      ]);
  });

  it('writes positions for people', () => {
    expect(messagesFor('html', [{ field: 'html', message: 'bad', line: 3, column: 7 }, { field: 'html', message: 'needs a body' }]))
      .toEqual(['Line 3, column 7: bad', 'needs a body']);
  });
});
