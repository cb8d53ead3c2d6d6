import { api } from '../api';
import { Sparkline, Spinner } from '../components/Sparkline';
import { useResource } from '../components/useResource';
import { ago, dateTime, number } from '../format';
import { href } from '../router';
import { RefreshNow } from '../operations/RefreshNow';
import { useCan } from '../session';

export function SegmentsPage({ selected }: { selected?: string }) {
  const segments = useResource(() => api.segments(), [], 'Loading segments');
  return (
    <div className={`page ${selected ? 'with-aside' : ''}`}>
      <div className="page-main">
        <header className="page-header"><div><h1>Segments</h1><p className="muted">Contacts enter and leave as their data and time change; refreshed on a schedule.</p></div></header>
        {segments.loading && !segments.data && <Spinner />}
        {segments.data && (
          <table className="table">
            <thead><tr><th>Segment</th><th>Rule</th><th className="num">Members</th><th>Trend</th><th>Refreshed</th></tr></thead>
            <tbody>
              {segments.data.map(s => {
                const last = s.trend[s.trend.length - 1];
                return (
                  <tr key={s.key} className={s.key === selected ? 'selected' : undefined}>
                    <td><a className="row-link" href={href('segments', s.key)}><strong>{s.name}</strong><span className="muted small">{s.description ?? s.key}</span></a></td>
                    <td className="mono small nowrap">{s.rule}</td>
                    <td className="num"><strong>{number(s.members)}</strong>{last && (last.entered || last.left) ? <div className="small"><span className="up">+{number(last.entered)}</span> <span className="down">−{number(last.left)}</span></div> : null}</td>
                    <td className="trend"><Sparkline values={s.trend.map(t => t.members)} label={`${s.name} member trend`} /></td>
                    <td className="muted nowrap" title={dateTime(s.lastRefreshedAt)}>{ago(s.lastRefreshedAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
      {selected && <SegmentAside segmentKey={selected} />}
    </div>
  );
}

function SegmentAside({ segmentKey }: { segmentKey: string }) {
  const detail = useResource(() => api.segment(segmentKey), [segmentKey], 'Loading the segment');
  const canRefresh = useCan('editSegments');
  const d = detail.data;
  return (
    <aside className="aside" aria-label="Segment detail">
      <div className="aside-head"><h2>{d?.segment.name ?? segmentKey}</h2><a href={href('segments')} className="button ghost small">Close</a></div>
      {detail.loading && <Spinner />}
      {d && (
        <>
          <p className="muted">{d.segment.description}</p>
          {canRefresh && <RefreshNow segmentKey={segmentKey} onDone={detail.reload} />}
          <dl className="facts"><dt>Members</dt><dd>{number(d.segment.members)}</dd><dt>Rule</dt><dd className="mono">{d.segment.rule}</dd><dt>Refreshed</dt><dd>{dateTime(d.segment.lastRefreshedAt)}</dd></dl>
          <h3>Sample members</h3>
          <ul className="member-list">
            {d.sampleMembers.map(m => (
              <li key={m.externalId}><a href={href('contacts', m.externalId)}>{m.externalId}</a><span className="muted small">{m.email ?? m.phone ?? ''}</span><span className="badge">{m.lifecycle}</span></li>
            ))}
            {d.sampleMembers.length === 0 && <li className="muted">No members right now.</li>}
          </ul>
        </>
      )}
    </aside>
  );
}
