// One shape for "a message as the contact sees it", whether it comes from a live preview, a captured send or a
// message rendered again from its template version, so one set of components draws email, SMS and push.
import type { CapturedCopy, Channel, RenderedMessage } from '../types';

export interface MessageView {
  channel: Channel;
  to?: string | null;
  fromName?: string | null;
  /** Email subject or push title. */
  title?: string | null;
  /** SMS or push body, email text body. */
  body: string;
  html?: string | null;
  deepLink?: string | null;
  data?: Record<string, string>;
  /** Extra email headers worth showing (List-Unsubscribe). */
  headers?: Array<[string, string]>;
  locale?: string;
  templateKey?: string;
  templateVersion?: number;
}

export function fromRendered(m: RenderedMessage, to?: string | null): MessageView {
  const base = { to, locale: m.locale, templateKey: m.templateKey, templateVersion: m.templateVersion };
  switch (m.kind) {
    case 'email': return { ...base, channel: 'Email', title: m.subject, body: m.text, html: m.html, fromName: m.fromName };
    case 'sms': return { ...base, channel: 'Sms', body: m.body };
    case 'push': return { ...base, channel: 'Push', title: m.title, body: m.body, deepLink: m.deepLink, data: m.data };
  }
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** A captured message: its extra JSON holds what the channel would also have sent (from name, unsubscribe URL, push data). */
export function fromCaptured(c: CapturedCopy): MessageView {
  const extra = c.extra ?? {};
  const view: MessageView = {
    channel: c.channel, to: c.recipient, title: c.subject, body: c.body, html: c.html,
    locale: c.locale, templateKey: c.templateKey, templateVersion: c.templateVersion,
  };
  const get = (name: string) => extra[name] ?? extra[name[0].toUpperCase() + name.slice(1)];
  if (c.channel === 'Email') {
    view.fromName = str(get('fromName'));
    const unsubscribe = str(get('unsubscribeUrl'));
    view.headers = unsubscribe ? [['List-Unsubscribe', `<${unsubscribe}>`], ['List-Unsubscribe-Post', 'List-Unsubscribe=One-Click']] : [];
  }
  if (c.channel === 'Push') {
    view.deepLink = str(get('deepLink'));
    const data = get('data');
    if (data && typeof data === 'object') view.data = Object.fromEntries(Object.entries(data as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
  }
  return view;
}

/**
 * The email HTML for a sandboxed iframe: scripts cannot run (the iframe has no allow-scripts) and a strict CSP
 * keeps remote content from loading behind the operator's back; links open nowhere.
 */
export function emailDocument(html: string): string {
  const csp = "default-src 'none'; img-src data: https:; style-src 'unsafe-inline'; font-src data: https:";
  const head = `<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${csp}"><base target="_blank">`
    + '<style>body{font-family:system-ui,sans-serif;font-size:14px;line-height:1.5;margin:16px;color:#101828;word-wrap:break-word}img{max-width:100%}</style>';
  if (/<head[\s>]/i.test(html)) return html.replace(/<head[^>]*>/i, m => m + head);
  if (/<html[\s>]/i.test(html)) return html.replace(/<html[^>]*>/i, m => `${m}<head>${head}</head>`);
  return `<!doctype html><html><head>${head}</head><body>${html}</body></html>`;
}
