// Pure helpers of the template pages: the list grouped by key, the fields each channel's editor shows, and content
// trimmed to them (so switching channel on a new template never sends stale fields).
import type { Channel, TemplateContent, TemplateSummary } from '../types';
import { diffLines, type DiffRow } from './diff';

export interface TemplateGroup {
  key: string;
  channel: string;
  /** Locales, the default first. */
  locales: string[];
  defaultLocale: string;
  /** The default variant's current version. */
  version: number;
  updatedAt: string;
  snippet: string;
}

const plain = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

export function snippetOf(content: TemplateContent): string {
  return content.smsBody ?? content.pushBody ?? content.text ?? plain(content.html ?? '');
}

export function groupTemplates(templates: TemplateSummary[], search = '', channel = ''): TemplateGroup[] {
  const needle = search.trim().toLowerCase();
  const byKey = new Map<string, TemplateSummary[]>();
  for (const t of templates) byKey.set(t.key, [...(byKey.get(t.key) ?? []), t]);
  const groups: TemplateGroup[] = [];
  for (const [key, variants] of byKey) {
    const main = variants.find(v => v.isDefaultLocale) ?? variants[0];
    if (channel && main.channel !== channel) continue;
    const c = main.content as TemplateContent;
    const snippet = snippetOf(c);
    const haystack = [key, c.subject, c.pushTitle, snippet].join(' ').toLowerCase();
    if (needle && !haystack.includes(needle)) continue;
    groups.push({
      key, channel: main.channel, defaultLocale: main.locale,
      locales: [main.locale, ...variants.filter(v => v !== main).map(v => v.locale).sort()],
      version: main.version,
      updatedAt: variants.map(v => v.updatedAt).sort().at(-1)!,
      snippet,
    });
  }
  return groups.sort((a, b) => a.key.localeCompare(b.key));
}

export type FieldKind = 'line' | 'liquid' | 'html' | 'json';

export interface FieldSpec { name: keyof TemplateContent; label: string; kind: FieldKind; required: boolean; hint?: string }

export const channelFields: Record<Channel, FieldSpec[]> = {
  Email: [
    { name: 'fromName', label: 'From name', kind: 'line', required: false, hint: 'Shown as the sender; the address comes from the channel settings.' },
    { name: 'subject', label: 'Subject', kind: 'line', required: true },
    { name: 'html', label: 'HTML body', kind: 'html', required: false, hint: 'Values are HTML-escaped when rendered.' },
    { name: 'text', label: 'Text body', kind: 'liquid', required: false, hint: 'The plain-text part for clients that show no HTML.' },
  ],
  Sms: [{ name: 'smsBody', label: 'SMS body', kind: 'liquid', required: true }],
  Push: [
    { name: 'pushTitle', label: 'Title', kind: 'line', required: true },
    { name: 'pushBody', label: 'Body', kind: 'liquid', required: true },
    { name: 'deepLink', label: 'Deep link', kind: 'line', required: false, hint: 'Where a tap opens, e.g. shop://cart or https://…' },
    { name: 'dataJson', label: 'Data', kind: 'json', required: false, hint: 'A flat JSON object of strings; values may use Liquid.' },
  ],
};

/** Only the channel's own fields, blanks as null. */
export function contentFor(channel: Channel, content: TemplateContent): TemplateContent {
  const out: TemplateContent = {};
  for (const f of channelFields[channel]) {
    const v = content[f.name];
    out[f.name] = v == null || v === '' ? null : v;
  }
  return out;
}

export function sameContent(channel: Channel, a: TemplateContent, b: TemplateContent): boolean {
  const x = contentFor(channel, a), y = contentFor(channel, b);
  return channelFields[channel].every(f => (x[f.name] ?? null) === (y[f.name] ?? null));
}

/** A BCP 47 tag the host accepts as a locale ("en", "zh-CN", "pt-BR"), loosely: letters, digits and dashes. */
export function isLocaleTag(tag: string): boolean {
  return /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(tag.trim()) && tag.trim().length <= 35;
}

export function isTemplateKey(key: string): boolean {
  return /^[A-Za-z0-9._-]{1,100}$/.test(key);
}

export interface FieldChange { field: keyof TemplateContent; label: string; rows: DiffRow[] }

/** What changed between two versions of the copy, field by field, as line diffs; unchanged fields are left out. */
export function contentChanges(channel: Channel, older: TemplateContent, newer: TemplateContent): FieldChange[] {
  return channelFields[channel]
    .filter(f => (older[f.name] ?? '') !== (newer[f.name] ?? ''))
    .map(f => ({ field: f.name, label: f.label, rows: diffLines(older[f.name] ?? '', newer[f.name] ?? '') }));
}
