import { describe, expect, it } from 'vitest';
import type { TemplateSummary } from '../types';
import { contentChanges, contentFor, groupTemplates, isLocaleTag, isTemplateKey, sameContent } from './templateCatalog';

const t = (key: string, channel: string, locale: string, isDefaultLocale: boolean, version: number, updatedAt: string, content: Record<string, unknown>): TemplateSummary =>
  ({ id: Math.random(), key, channel, locale, isDefaultLocale, version, content, createdAt: updatedAt, updatedAt });

const list = [
  t('recall-sms', 'Sms', 'en', false, 2, '2026-01-02T00:00:00Z', { smsBody: 'Come back' }),
  t('recall-sms', 'Sms', 'zh-CN', true, 1, '2026-01-05T00:00:00Z', { smsBody: '回来看看' }),
  t('welcome', 'Email', 'en', true, 3, '2026-01-01T00:00:00Z', { subject: 'Welcome aboard', html: '<p>Hello <b>there</b></p>' }),
];

describe('groupTemplates', () => {
  it('groups variants by key, default locale first, with the last edit and all versions', () => {
    const [recall, welcome] = groupTemplates(list);
    expect(recall).toMatchObject({ key: 'recall-sms', channel: 'Sms', locales: ['zh-CN', 'en'], defaultLocale: 'zh-CN', version: 1, updatedAt: '2026-01-05T00:00:00Z', snippet: '回来看看' });
    expect(welcome.snippet).toBe('Hello there');
  });

  it('filters by channel and searches key, subject and copy', () => {
    expect(groupTemplates(list, '', 'Email').map(g => g.key)).toEqual(['welcome']);
    expect(groupTemplates(list, 'ABOARD').map(g => g.key)).toEqual(['welcome']);
    expect(groupTemplates(list, 'recall', 'Email')).toEqual([]);
  });
});

describe('content per channel', () => {
  it('keeps only the channel fields and turns blanks into null', () => {
    expect(contentFor('Sms', { smsBody: 'x', subject: 'stale', html: '' })).toEqual({ smsBody: 'x' });
    expect(contentFor('Push', { pushTitle: 'T', pushBody: '', deepLink: null })).toEqual({ pushTitle: 'T', pushBody: null, deepLink: null, dataJson: null });
  });

  it('compares only what the channel sends', () => {
    expect(sameContent('Sms', { smsBody: 'x', subject: 'a' }, { smsBody: 'x' })).toBe(true);
    expect(sameContent('Email', { subject: 'a', text: '' }, { subject: 'a', text: null })).toBe(true);
    expect(sameContent('Email', { subject: 'a' }, { subject: 'b' })).toBe(false);
  });
});

describe('names', () => {
  it('accepts locale tags and template keys the host accepts', () => {
    expect(['en', 'zh-CN', 'pt-BR', 'zh-Hans-CN'].every(isLocaleTag)).toBe(true);
    expect(['', 'e n', 'zh_CN', '-en'].some(isLocaleTag)).toBe(false);
    expect(isTemplateKey('recall-email-30d.v2')).toBe(true);
    expect(isTemplateKey('has space')).toBe(false);
  });
});

describe('contentChanges', () => {
  it('lists only the changed fields of the channel, with their line diff', () => {
    const changes = contentChanges('Email', { subject: 'Hi', html: '<p>a</p>\n<p>b</p>', text: 't', smsBody: 'ignored' }, { subject: 'Hi', html: '<p>a</p>\n<p>c</p>', text: 't' });
    expect(changes.map(c => c.field)).toEqual(['html']);
    expect(changes[0].rows.map(r => r.kind)).toEqual(['same', 'changed']);
  });

  it('treats a missing field and an empty one alike', () => {
    expect(contentChanges('Push', { pushTitle: 'T', deepLink: null }, { pushTitle: 'T', deepLink: '' })).toEqual([]);
  });
});
