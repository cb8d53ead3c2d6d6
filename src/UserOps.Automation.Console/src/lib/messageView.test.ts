import { describe, expect, it } from 'vitest';
import { emailDocument, fromCaptured, fromRendered } from './messageView';

describe('message views', () => {
  it('maps a rendered email, SMS and push', () => {
    expect(fromRendered({ kind: 'email', templateKey: 'k', templateVersion: 3, locale: 'en', subject: 'S', html: '<p>h</p>', text: 't', fromName: 'Shop' }, 'a@b.c'))
      .toMatchObject({ channel: 'Email', title: 'S', html: '<p>h</p>', body: 't', fromName: 'Shop', to: 'a@b.c', templateVersion: 3 });
    expect(fromRendered({ kind: 'sms', templateKey: 'k', templateVersion: 1, locale: 'zh-CN', body: '你好' })).toMatchObject({ channel: 'Sms', body: '你好', locale: 'zh-CN' });
    expect(fromRendered({ kind: 'push', templateKey: 'k', templateVersion: 1, locale: 'en', title: 'T', body: 'B', deepLink: 'app://x', data: { a: '1' } }))
      .toMatchObject({ channel: 'Push', title: 'T', deepLink: 'app://x', data: { a: '1' } });
  });

  it('reads the from name and unsubscribe header of a captured email, whatever the JSON casing', () => {
    const view = fromCaptured({
      channel: 'Email', recipient: 'a@b.c', subject: 'S', body: 't', html: '<p>h</p>', extra: { FromName: 'Shop', unsubscribeUrl: 'https://x/u/1' },
      templateKey: 'k', templateVersion: 2, locale: 'en', capturedAt: '2026-01-01T00:00:00Z',
    });
    expect(view.fromName).toBe('Shop');
    expect(view.headers).toContainEqual(['List-Unsubscribe', '<https://x/u/1>']);
  });

  it('reads push deep link and data of a captured push', () => {
    const view = fromCaptured({
      channel: 'Push', recipient: 'tok', subject: 'T', body: 'B', html: null, extra: { deepLink: 'app://p', data: { n: 5 } },
      templateKey: 'k', templateVersion: 1, locale: 'en', capturedAt: '2026-01-01T00:00:00Z',
    });
    expect(view).toMatchObject({ title: 'T', deepLink: 'app://p', data: { n: '5' } });
  });

  it('wraps a fragment in a document with a strict content policy, and adds it to a full document', () => {
    const fragment = emailDocument('<p>Hi</p>');
    expect(fragment).toMatch(/^<!doctype html>.*Content-Security-Policy.*<body><p>Hi<\/p><\/body>/s);
    const full = emailDocument('<html><head><title>x</title></head><body>b</body></html>');
    expect(full).toMatch(/<head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy"/);
    expect(full).toContain('<title>x</title>');
  });
});
