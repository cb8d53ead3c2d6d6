import { api } from '../api';
import { Spinner } from '../components/Sparkline';
import { useResource } from '../components/useResource';
import { number, percent } from '../format';
import { href } from '../router';
import type { WorkflowStats, WorkflowSummary } from '../types';

/** Each live workflow's goal conversion against its holdout (all time). */
export function WorkflowConversion() {
  const data = useResource(async () => {
    const workflows = (await api.workflows()).filter(w => w.publishedVersion !== null);
    const stats = await Promise.all(workflows.map(w => api.stats(w.definitionId)));
    return workflows.map((w, i): [WorkflowSummary, WorkflowStats] => [w, stats[i]]);
  }, [], 'Loading workflow conversion');
  if (data.loading && !data.data) return <Spinner />;
  if (!data.data) return null;
  if (data.data.length === 0) return <p className="muted">No live workflow yet: publish one in <a href={href('workflows')}>Workflows</a> and its conversion appears here.</p>;
  return (
    <table className="table">
      <thead><tr><th>Workflow</th><th className="num">Active</th><th className="num">Entered</th><th>Converted</th><th className="num">Holdout</th><th className="num">Lift</th></tr></thead>
      <tbody>
        {data.data.map(([w, s]) => {
          const c = s.conversion;
          return (
            <tr key={w.definitionId}>
              <td><a className="row-link" href={href('workflows', w.definitionId)}><strong>{w.name}</strong><span className="muted mono small">v{w.publishedVersion}</span></a></td>
              <td className="num">{number(w.activeJourneys)}</td>
              <td className="num">{number(c.treated)}</td>
              <td><div className="rate"><span className="rate-bar"><span style={{ width: `${Math.min(100, c.treatedRate * 100)}%` }} /></span>{percent(c.treatedRate)} <span className="muted small">({number(c.treatedConverted)})</span></div></td>
              <td className="num">{c.holdout ? `${percent(c.holdoutRate)} of ${number(c.holdout)}` : <span className="muted">no holdout</span>}</td>
              <td className={`num ${c.lift == null ? 'muted' : c.lift >= 0 ? 'up' : 'down'}`}>{c.lift == null ? 'n/a' : `${c.lift >= 0 ? '+' : ''}${percent(c.lift)}`}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
