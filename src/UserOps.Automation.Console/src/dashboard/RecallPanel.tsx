import { number, percent } from '../format';
import { href } from '../router';
import type { DashboardReport, RecallGroup } from '../types';

/** Reactivation of recalled contacts against the holdout, per recall workflow, drawn as paired bars with the numbers written out. */
export function RecallPanel({ recall }: { recall: DashboardReport['recall'] }) {
  if (recall.workflows.length === 0) {
    return (
      <div className="panel-empty">
        <p><strong>No recall workflow yet.</strong></p>
        <p className="muted">A workflow counts as a recall when its trigger enters an inactivity segment (such as <code>inactive-7d</code>). Publish one in <a href={href('workflows')}>Workflows</a>, with a holdout share in a Random split to measure its lift.</p>
      </div>
    );
  }
  if (recall.overall.treated + recall.overall.holdout === 0) {
    return <div className="panel-empty"><p className="muted">No contact entered a recall workflow in this range. Widen the range, or check the trigger segment's size on the <a href={href('segments')}>Segments</a> page.</p></div>;
  }
  return (
    <div className="recall">
      <Group group={recall.overall} headline />
      {recall.workflows.length > 1 && recall.workflows.map(g => <Group key={g.definitionId} group={g} />)}
      <p className="muted small">Reactivated: reached the workflow's goal, or active again after entering. Holdout: contacts the workflow held back on purpose.</p>
    </div>
  );
}

function Group({ group, headline = false }: { group: RecallGroup; headline?: boolean }) {
  const lift = group.lift;
  return (
    <div className={`recall-group ${headline ? 'headline' : ''}`}>
      <div className="recall-head">
        {headline ? <strong>All recall workflows</strong> : <a href={href('workflows', group.definitionId)}>{group.name}</a>}
        <span className={`badge ${lift == null ? '' : lift >= 0 ? 'badge-active' : 'lifecycle-churned'}`}>
          {lift == null ? (group.holdout === 0 ? 'no holdout' : 'lift n/a') : `lift ${lift >= 0 ? '+' : ''}${percent(lift)}`}
        </span>
      </div>
      <Bar label="Recalled" rate={group.treatedRate} count={group.treatedReactivated} of={group.treated} tone="treated" />
      <Bar label="Holdout" rate={group.holdoutRate} count={group.holdoutReactivated} of={group.holdout} tone="holdout" />
    </div>
  );
}

function Bar({ label, rate, count, of, tone }: { label: string; rate: number; count: number; of: number; tone: string }) {
  return (
    <div className="recall-bar">
      <span className="recall-label">{label}</span>
      <span className="rate-bar wide" aria-hidden="true"><span className={tone} style={{ width: `${Math.min(100, rate * 100)}%` }} /></span>
      <span className="recall-value">{of === 0 ? '—' : `${percent(rate)}`} <span className="muted small">({number(count)} of {number(of)})</span></span>
    </div>
  );
}
