import { useMemo, useState } from 'react';
import '../messaging.css';
import { api } from '../api';
import { Icon } from '../components/Icon';
import { Spinner } from '../components/Sparkline';
import { useResource } from '../components/useResource';
import { ago, dateTime } from '../format';
import { groupTemplates } from '../lib/templateCatalog';
import { href } from '../router';

export const channelIcon: Record<string, string> = { Email: 'email', Sms: 'sms', Push: 'push' };

/** Every template key with its channel, locales, versions and last edit; search and a channel filter. */
export function TemplatesPage() {
  const templates = useResource(() => api.templates(), [], 'Loading templates');
  const [search, setSearch] = useState('');
  const [channel, setChannel] = useState('');
  const groups = useMemo(() => groupTemplates(templates.data ?? [], search, channel), [templates.data, search, channel]);
  return (
    <div className="page">
      <header className="page-header">
        <div><h1>Templates</h1><p className="muted">Message copy per channel and locale, written in Liquid. Workflows send them by key.</p></div>
        <a className="button primary" href={href('templates', 'new')}><Icon name="plus" /> New template</a>
      </header>
      <div className="filter-bar" role="search">
        <div className="input-with-icon"><Icon name="search" /><input type="search" aria-label="Search templates" placeholder="Key, subject or copy…" value={search} onChange={e => setSearch(e.target.value)} /></div>
        <div className="segmented" role="radiogroup" aria-label="Channel">
          {['', 'Email', 'Sms', 'Push'].map(c => (
            <button key={c || 'all'} type="button" role="radio" aria-checked={channel === c} className={channel === c ? 'on' : undefined} onClick={() => setChannel(c)}>
              {c ? <><Icon name={channelIcon[c]} size={14} /> {c === 'Sms' ? 'SMS' : c}</> : 'All'}
            </button>
          ))}
        </div>
      </div>
      {templates.loading && !templates.data && <Spinner />}
      {templates.data && groups.length === 0 && <div className="empty"><p>No template matches. <a href={href('templates', 'new')}>Create one</a>.</p></div>}
      {groups.length > 0 && (
        <table className="table">
          <thead><tr><th>Template</th><th>Channel</th><th>Locales</th><th className="num">Version</th><th className="nowrap">Last edited</th></tr></thead>
          <tbody>
            {groups.map(g => (
              <tr key={g.key}>
                <td>
                  <a className="row-link" href={href('templates', g.key, g.defaultLocale)}>
                    <strong className="mono">{g.key}</strong>
                    <span className="small muted clamp-1">{g.snippet || '—'}</span>
                  </a>
                </td>
                <td><span className={`badge channel-badge channel-${g.channel.toLowerCase()}`}><Icon name={channelIcon[g.channel] ?? 'message'} size={12} /> {g.channel === 'Sms' ? 'SMS' : g.channel}</span></td>
                <td className="nowrap">
                  {g.locales.map(l => (
                    <a key={l} className="badge locale-badge" href={href('templates', g.key, l)} title={l === g.defaultLocale ? 'Default (fallback) locale' : undefined}>
                      {l}{l === g.defaultLocale && <span aria-label="default"> ★</span>}
                    </a>
                  ))}
                </td>
                <td className="num">v{g.version}</td>
                <td className="nowrap muted" title={dateTime(g.updatedAt)}>{ago(g.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
