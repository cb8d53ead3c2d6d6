import { useMemo, useState } from 'react';
import { api } from '../api';
import { Icon } from '../components/Icon';
import { Spinner } from '../components/Sparkline';
import { useResource } from '../components/useResource';
import { ago } from '../format';
import type { TemplateSummary } from '../types';

const channelIcon: Record<string, string> = { Email: 'email', Sms: 'sms', Push: 'push' };

/** Read-only for now: every template key with its locales and copy. Editing with live preview comes next. */
export function TemplatesPage() {
  const templates = useResource(() => api.templates(), [], 'Loading templates');
  const [filter, setFilter] = useState('');
  const groups = useMemo(() => {
    const byKey = new Map<string, TemplateSummary[]>();
    for (const t of templates.data ?? []) if (!filter || t.key.includes(filter.toLowerCase())) byKey.set(t.key, [...(byKey.get(t.key) ?? []), t]);
    return [...byKey.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [templates.data, filter]);
  return (
    <div className="page">
      <header className="page-header">
        <div><h1>Templates</h1><p className="muted">Message copy per channel and locale, with Liquid placeholders. Editing and test sends come next.</p></div>
      </header>
      <div className="input-with-icon search"><Icon name="search" /><input type="search" aria-label="Filter templates" placeholder="recall, mayday…" value={filter} onChange={e => setFilter(e.target.value)} /></div>
      {templates.loading && !templates.data && <Spinner />}
      <div className="template-grid">
        {groups.map(([key, variants]) => {
          const main = variants.find(v => v.isDefaultLocale) ?? variants[0];
          const c = main.content as Record<string, string | null>;
          return (
            <article key={key} className={`template-card channel-${main.channel.toLowerCase()}`}>
              <header><Icon name={channelIcon[main.channel] ?? 'message'} /><strong className="mono">{key}</strong><span className="badge">{main.channel}</span></header>
              <div className="small muted">{variants.map(v => `${v.locale}${v.isDefaultLocale ? ' (default)' : ''}`).join(' · ')} · v{main.version} · updated {ago(main.updatedAt)}</div>
              {(c.subject || c.pushTitle) && <div className="preview-subject">{c.subject ?? c.pushTitle}</div>}
              <div className="preview-body">{c.smsBody ?? c.pushBody ?? c.text ?? (c.html ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()}</div>
            </article>
          );
        })}
      </div>
    </div>
  );
}
