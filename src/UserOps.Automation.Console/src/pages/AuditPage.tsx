import { useMemo, useState } from 'react';
import { api } from '../api';
import { Spinner } from '../components/Sparkline';
import { useResource } from '../components/useResource';
import { dateTime } from '../format';
import { auditQuery, changeSummary, snapshotText, type AuditEntry } from '../lib/audit';
import { diffLines, diffStats } from '../lib/diff';

const entityTypes = [
  { value: '', label: 'Everything' }, { value: 'workflow', label: 'Workflows' }, { value: 'template', label: 'Templates' },
  { value: 'segment', label: 'Segments' }, { value: 'operator', label: 'Operators' }, { value: 'apiKey', label: 'API keys' }, { value: 'suppression', label: 'Suppressions' },
];

/** Admins: who changed what and when, newest first, with the entity before and after side by side. */
export function AuditPage() {
  const [entityType, setEntityType] = useState('');
  const [entityId, setEntityId] = useState('');
  const [actor, setActor] = useState('');
  const [take, setTake] = useState(100);
  const query = auditQuery({ entityType, entityId, actor, take });
  const entries = useResource(() => api.audit(query), [query], 'Loading the audit log');
  const [selected, setSelected] = useState<AuditEntry | null>(null);
  return (
    <div className={`page ${selected ? 'with-aside' : ''}`}>
      <div className="page-main">
        <header className="page-header"><div><h1>Audit log</h1><p className="muted">Every change to workflows, templates, segments, operators and API keys.</p></div></header>
        <form className="inline-form" aria-label="Filter the audit log" onSubmit={e => e.preventDefault()}>
          <div className="field"><label htmlFor="audit-type">Entity type</label>
            <select id="audit-type" value={entityType} onChange={e => setEntityType(e.target.value)}>{entityTypes.map(t => <option key={t.value} value={t.value}>{t.label}</option>)}</select></div>
          <div className="field"><label htmlFor="audit-id">Entity id</label>
            <input id="audit-id" placeholder="e.g. recall-7-15-30" value={entityId} onChange={e => setEntityId(e.target.value)} /></div>
          <div className="field"><label htmlFor="audit-actor">Actor</label>
            <input id="audit-actor" placeholder="operator or key name" value={actor} onChange={e => setActor(e.target.value)} /></div>
          <div className="field"><label htmlFor="audit-take">Show</label>
            <select id="audit-take" value={take} onChange={e => setTake(Number(e.target.value))}>{[50, 100, 500, 1000].map(n => <option key={n} value={n}>{n} latest</option>)}</select></div>
        </form>
        {entries.loading && !entries.data && <Spinner />}
        {entries.data && entries.data.length === 0 && <p className="empty">No change matches these filters.</p>}
        {entries.data && entries.data.length > 0 && (
          <table className="table" aria-label="Audit entries">
            <thead><tr><th>When</th><th>Who</th><th>What</th><th>Action</th><th>Change</th></tr></thead>
            <tbody>
              {entries.data.map(e => (
                <tr key={e.id} className={selected?.id === e.id ? 'selected' : undefined}>
                  <td className="nowrap muted">{dateTime(e.at)}</td>
                  <td className="nowrap"><strong>{e.actor}</strong> <span className="muted small">{e.actorKind}</span></td>
                  <td><button type="button" className="link" onClick={() => setSelected(e)} aria-label={`Show ${e.action} of ${e.entityType} ${e.entityId}`}>
                    <span className="muted small">{e.entityType}</span> {e.entityId}</button></td>
                  <td><span className="badge">{e.action}</span></td>
                  <td className="small">{changeSummary(e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {selected && <AuditDiff entry={selected} onClose={() => setSelected(null)} />}
    </div>
  );
}

function AuditDiff({ entry, onClose }: { entry: AuditEntry; onClose: () => void }) {
  const rows = useMemo(() => diffLines(snapshotText(entry.before), snapshotText(entry.after)), [entry]);
  const stats = diffStats(rows);
  return (
    <aside className="aside audit-aside" aria-label="Before and after">
      <div className="aside-head">
        <h2>{entry.entityType} {entry.entityId}</h2>
        <button type="button" className="button ghost small" onClick={onClose}>Close</button>
      </div>
      <p className="muted small">{entry.action} by {entry.actor} ({entry.actorKind}), {dateTime(entry.at)} · <span className="up">+{stats.added}</span> <span className="down">−{stats.removed}</span> ~{stats.changed}</p>
      <div className="diff" role="table" aria-label="Before and after, side by side">
        <div className="diff-row" role="row"><span className="ln" /><code><strong>before</strong></code><span className="ln" /><code><strong>after</strong></code></div>
        {rows.map((r, i) => (
          <div key={i} className={`diff-row diff-${r.kind}`} role="row">
            <span className="ln">{'leftNo' in r ? r.leftNo : ''}</span>
            <code>{'left' in r ? r.left : ''}</code>
            <span className="ln">{'rightNo' in r ? r.rightNo : ''}</span>
            <code>{'right' in r ? r.right : ''}</code>
          </div>
        ))}
      </div>
    </aside>
  );
}
