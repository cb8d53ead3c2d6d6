import { useEffect, useId, useState } from 'react';
import { api } from '../api';
import { Icon } from '../components/Icon';
import { Spinner } from '../components/Sparkline';
import { useResource } from '../components/useResource';
import { ago, dateTime } from '../format';
import { activeFilterCount, channels, filterProblem, firstPage, nextPage, outboxQuery, outboxStatuses, previousPage, type Cursor, type OutboxFilters } from '../lib/outboxQuery';
import { MessageDetail } from '../messages/MessageDetail';
import { href } from '../router';
import { channelIcon } from './TemplatesPage';

const STORAGE = 'userops.messages.filters';
const loadFilters = (): OutboxFilters => { try { return JSON.parse(sessionStorage.getItem(STORAGE) ?? '{}') as OutboxFilters; } catch { return {}; } };

export const statusClass = (status: string) => `badge status-${status.toLowerCase()}`;

/** The outbox: every intended message with its status and reason, filtered and paged newest first; a message opens beside. */
export function MessagesPage({ selected }: { selected?: string }) {
  // With a message open beside it, the table keeps only what is needed to pick the next one (columns are left out, not
  // hidden: cells hidden by CSS kept the table from filling its column).
  const wide = !selected;
  const uid = useId();
  const [draft, setDraft] = useState<OutboxFilters>(loadFilters);
  const [filters, setFilters] = useState<OutboxFilters>(draft);
  const [cursor, setCursor] = useState<Cursor>(firstPage);
  const workflows = useResource(() => api.workflows(), [], 'Loading workflows');
  const problem = filterProblem(draft);

  // Text filters apply a moment after typing stops; every change starts again from the newest page.
  useEffect(() => {
    if (problem) return;
    const timer = setTimeout(() => { setFilters(draft); setCursor(firstPage); sessionStorage.setItem(STORAGE, JSON.stringify(draft)); }, 300);
    return () => clearTimeout(timer);
  }, [draft, problem]);

  const page = useResource(() => api.outbox(outboxQuery(filters, cursor.current)), [JSON.stringify(filters), cursor.current], 'Loading messages');
  const set = (name: keyof OutboxFilters) => (e: { target: { value: string } }) => setDraft(d => ({ ...d, [name]: e.target.value }));
  const count = activeFilterCount(filters);
  const pageNumber = cursor.stack.length + 1;

  return (
    <div className={`page ${selected ? 'with-aside wide-aside' : ''}`}>
      <div className="page-main">
        <header className="page-header">
          <div><h1>Messages</h1><p className="muted">The outbox: one row per intended message, with why it was sent, held back or refused.</p></div>
          <button type="button" className="button" onClick={page.reload} disabled={page.loading}><Icon name="refresh" size={14} /> Refresh</button>
        </header>
        <form className="filters" aria-label="Filter messages" onSubmit={e => e.preventDefault()}>
          <Field id={`${uid}-status`} label="Status">
            <select id={`${uid}-status`} value={draft.status ?? ''} onChange={set('status')}>
              <option value="">Any</option>{outboxStatuses.map(s => <option key={s}>{s}</option>)}
            </select>
          </Field>
          <Field id={`${uid}-channel`} label="Channel">
            <select id={`${uid}-channel`} value={draft.channel ?? ''} onChange={set('channel')}>
              <option value="">Any</option>{channels.map(c => <option key={c} value={c}>{c === 'Sms' ? 'SMS' : c}</option>)}
            </select>
          </Field>
          <Field id={`${uid}-workflow`} label="Workflow">
            <select id={`${uid}-workflow`} value={draft.workflow ?? ''} onChange={set('workflow')}>
              <option value="">Any</option>
              {(workflows.data ?? []).map(w => <option key={w.definitionId} value={w.definitionId}>{w.name}</option>)}
              {draft.workflow && !(workflows.data ?? []).some(w => w.definitionId === draft.workflow) && <option value={draft.workflow}>{draft.workflow}</option>}
            </select>
          </Field>
          <Field id={`${uid}-reason`} label="Reason contains"><input id={`${uid}-reason`} value={draft.reason ?? ''} onChange={set('reason')} placeholder="consent, quiet hours…" /></Field>
          <Field id={`${uid}-contact`} label="Contact id"><input id={`${uid}-contact`} value={draft.contact ?? ''} onChange={set('contact')} placeholder="external id" /></Field>
          <Field id={`${uid}-template`} label="Template"><input id={`${uid}-template`} value={draft.template ?? ''} onChange={set('template')} placeholder="recall-sms-15d" className="mono" /></Field>
          <Field id={`${uid}-from`} label="From day"><input id={`${uid}-from`} type="date" value={draft.fromDate ?? ''} onChange={set('fromDate')} /></Field>
          <Field id={`${uid}-to`} label="To day"><input id={`${uid}-to`} type="date" value={draft.toDate ?? ''} onChange={set('toDate')} aria-invalid={!!problem} aria-describedby={problem ? `${uid}-problem` : undefined} /></Field>
          <div className="filter-actions">
            <button type="button" className="button ghost" disabled={activeFilterCount(draft) === 0} onClick={() => setDraft({})}>Clear{count ? ` (${count})` : ''}</button>
          </div>
          {problem && <p id={`${uid}-problem`} className="field-errors" role="alert">{problem}</p>}
        </form>
        {page.loading && !page.data && <Spinner label="Loading messages" />}
        {page.data && page.data.items.length === 0 && <div className="empty"><p>{count ? 'No message matches these filters.' : 'No messages yet: they appear when a workflow sends.'}</p></div>}
        {page.data && page.data.items.length > 0 && (
          <div className="table-scroll">
            <table className={`table compact messages-table ${page.loading ? 'is-loading' : ''} ${selected ? 'narrow' : ''}`} aria-busy={page.loading}>
              <thead>
                <tr><th>Message</th><th>Created</th><th>Contact</th>{wide && <><th>Template</th><th>Workflow · step</th></>}<th>Status</th><th>Reason</th>{wide && <th className="num">Attempts</th>}</tr>
              </thead>
              <tbody>
                {page.data.items.map(m => (
                  <tr key={m.id} className={String(m.id) === selected ? 'selected' : undefined}>
                    <td className="nowrap"><a href={href('messages', String(m.id))} aria-label={`Message ${m.id}, ${m.channel} ${m.status}`}><Icon name={channelIcon[m.channel] ?? 'message'} size={14} /> #{m.id}</a></td>
                    <td className="nowrap muted" title={dateTime(m.createdAt)}>{ago(m.createdAt)}</td>
                    <td className="mono small">{m.contactExternalId ?? m.contactId}</td>
                    {wide && <td className="mono small">{m.templateKey}</td>}
                    {wide && <td className="small">{m.definitionId ? <><a href={href('workflows', m.definitionId)}>{m.definitionId}</a>{m.activityId && <span className="muted"> · {m.activityId}</span>}</> : <span className="muted">—</span>}</td>}
                    <td><span className={statusClass(m.status)}>{m.status}</span></td>
                    <td className="small reason-cell" title={m.reason ?? undefined}>{m.reason ?? ''}</td>
                    {wide && <td className="num">{m.attempts}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {page.data && (cursor.stack.length > 0 || page.data.nextBeforeId != null) && (
          <nav className="pager" aria-label="Pages">
            <button type="button" className="button small" disabled={cursor.stack.length === 0} onClick={() => setCursor(previousPage)}><Icon name="up" size={14} /> Newer</button>
            <span className="small muted">Page {pageNumber}</span>
            <button type="button" className="button small" disabled={page.data.nextBeforeId == null} onClick={() => setCursor(c => nextPage(c, page.data?.nextBeforeId))}>Older <Icon name="down" size={14} /></button>
          </nav>
        )}
      </div>
      {selected && <MessageDetail id={Number(selected)} />}
    </div>
  );
}

function Field({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return <div className="filter"><label htmlFor={id} className="field-label">{label}</label>{children}</div>;
}
