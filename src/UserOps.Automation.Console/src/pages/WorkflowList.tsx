import { api } from '../api';
import { Icon } from '../components/Icon';
import { Spinner } from '../components/Sparkline';
import { useResource } from '../components/useResource';
import { ago, number } from '../format';
import { href, navigate } from '../router';
import { useToasts } from '../components/Toasts';
import type { WorkflowDocument } from '../types';

export function statusBadge(status: string) {
  return <span className={`badge badge-${status.toLowerCase()}`}>{status}</span>;
}

export function WorkflowList() {
  const workflows = useResource(() => api.workflows(), [], 'Loading workflows');
  const toasts = useToasts();

  const create = async () => {
    const name = window.prompt('Name of the new workflow', 'New workflow');
    if (!name) return;
    const definitionId = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 100) || 'workflow';
    const doc: WorkflowDocument = {
      definitionId, name, settings: { entry: { policy: 'Once' } },
      root: { type: 'Flowchart', activities: [{ id: 'start', type: 'ApiTrigger', metadata: { designer: { position: { x: 0, y: 0 } } } }], connections: [] },
    };
    try {
      await api.saveDraft(doc);
      navigate('workflows', definitionId);
    } catch (e) { toasts.error(e, 'Creating the workflow'); }
  };

  return (
    <div className="page">
      <header className="page-header">
        <div><h1>Workflows</h1><p className="muted">Flowcharts that bring users back and raise their value.</p></div>
        <button type="button" className="button primary" onClick={create}><Icon name="plus" /> New workflow</button>
      </header>
      {workflows.loading && !workflows.data && <Spinner />}
      {workflows.data && (
        <table className="table">
          <thead><tr><th>Workflow</th><th>Status</th><th className="num">Versions</th><th className="num">Live version</th><th className="num">Active journeys</th><th>Updated</th></tr></thead>
          <tbody>
            {workflows.data.map(w => (
              <tr key={w.definitionId}>
                <td><a href={href('workflows', w.definitionId)} className="row-link"><strong>{w.name}</strong><span className="muted mono small">{w.definitionId}</span></a></td>
                <td>{statusBadge(w.latestStatus)}</td>
                <td className="num">{w.latestVersion}</td>
                <td className="num">{w.publishedVersion ? `v${w.publishedVersion}` : <span className="muted">none</span>}</td>
                <td className="num">{number(w.activeJourneys)}</td>
                <td className="muted" title={w.updatedAt}>{ago(w.updatedAt)}</td>
              </tr>
            ))}
            {workflows.data.length === 0 && <tr><td colSpan={6} className="muted">No workflows yet.</td></tr>}
          </tbody>
        </table>
      )}
    </div>
  );
}
