import { api } from '../api';
import { Icon } from '../components/Icon';
import { Spinner } from '../components/Sparkline';
import { useResource } from '../components/useResource';
import { ago, number } from '../format';
import { useState, type FormEvent } from 'react';
import { defaultInputs } from '../designer/document';
import { href, navigate } from '../router';
import { useToasts } from '../components/Toasts';
import type { WorkflowDocument, WorkflowSummary } from '../types';
import { useCan } from '../session';
import { workflowOps } from '../api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { deleteConfirmation, duplicateOf, workflowIdFrom } from '../lib/workflowOps';
import { parseWorkflow } from '../designer/document';

export function statusBadge(status: string) {
  return <span className={`badge badge-${status.toLowerCase()}`}>{status}</span>;
}

export function WorkflowList() {
  const workflows = useResource(() => api.workflows(), [], 'Loading workflows');
  const [creating, setCreating] = useState(false);
  const canCreate = useCan('saveDraft');
  // Editors delete drafts that never went out; a workflow that was published needs a publisher (the host decides).
  const canDeleteDraft = useCan('deleteDraft');
  const canDeletePublished = useCan('deletePublished');
  const [deleting, setDeleting] = useState<WorkflowSummary | null>(null);
  const [duplicating, setDuplicating] = useState<WorkflowSummary | null>(null);

  return (
    <div className="page">
      <header className="page-header">
        <div><h1>Workflows</h1><p className="muted">Flowcharts that bring users back and raise their value.</p></div>
        {canCreate && <button type="button" className="button primary" onClick={() => setCreating(true)}><Icon name="plus" /> New workflow</button>}
      </header>
      {workflows.loading && !workflows.data && <Spinner />}
      {workflows.data && (
        <table className="table">
          <thead><tr><th>Workflow</th><th>Status</th><th className="num">Versions</th><th className="num">Live version</th><th className="num">Active journeys</th><th>Updated</th>{canDeleteDraft && <th><span className="visually-hidden">Actions</span></th>}</tr></thead>
          <tbody>
            {workflows.data.map(w => (
              <tr key={w.definitionId}>
                <td><a href={href('workflows', w.definitionId)} className="row-link"><strong>{w.name}</strong><span className="muted mono small">{w.definitionId}</span></a></td>
                <td>{statusBadge(w.latestStatus)}</td>
                <td className="num">{w.latestVersion}</td>
                <td className="num">{w.publishedVersion ? `v${w.publishedVersion}` : <span className="muted">none</span>}</td>
                <td className="num">{number(w.activeJourneys)}</td>
                <td className="muted" title={w.updatedAt}>{ago(w.updatedAt)}</td>
                {canDeleteDraft && <td className="row-actions">
                  <button type="button" className="icon-button" aria-label={`Duplicate ${w.name}`} title="Duplicate as a new workflow" onClick={() => setDuplicating(w)}><Icon name="copy" /></button>
                  {(canDeletePublished || (w.publishedVersion == null && w.latestStatus === 'Draft')) &&
                  <button type="button" className="icon-button" aria-label={`Delete ${w.name}`} title="Delete" onClick={() => setDeleting(w)}><Icon name="trash" /></button>}</td>}
              </tr>
            ))}
            {workflows.data.length === 0 && <tr><td colSpan={canDeleteDraft ? 7 : 6} className="muted">No workflows yet.</td></tr>}
          </tbody>
        </table>
      )}
      {deleting && <DeleteWorkflowDialog workflow={deleting} onClose={() => setDeleting(null)} onDeleted={() => { setDeleting(null); workflows.reload(); }} />}
      {duplicating && <DuplicateWorkflowDialog workflow={duplicating} taken={new Set(workflows.data?.map(w => w.definitionId))} onClose={() => setDuplicating(null)} />}
      {creating && <NewWorkflowDialog taken={new Set(workflows.data?.map(w => w.definitionId))} onClose={() => setCreating(false)} />}
    </div>
  );
}

const triggers = [
  { type: 'SegmentEntered', label: 'A contact enters a segment', hint: 'recall, lifecycle moves' },
  { type: 'EventReceived', label: 'A contact does something', hint: 'purchase, search, sign-up' },
  { type: 'Schedule', label: 'At a set time, to a segment', hint: 'holiday blasts' },
  { type: 'ApiTrigger', label: 'Your backend enrols contacts', hint: 'by API call' },
];

function NewWorkflowDialog({ taken, onClose }: { taken: Set<string>; onClose: () => void }) {
  const toasts = useToasts();
  const { name, setName, definitionId, clash } = useNewWorkflowName('', taken);
  const [trigger, setTrigger] = useState('SegmentEntered');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const doc: WorkflowDocument = {
      definitionId, name: name.trim(), settings: { entry: { policy: 'Once' } },
      root: {
        type: 'Flowchart',
        activities: [
          { id: 'start', type: trigger, ...defaultInputs(trigger), metadata: { designer: { position: { x: 0, y: 0 } } } },
          { id: 'done', type: 'End', metadata: { designer: { position: { x: 0, y: 300 } } } },
        ],
        connections: [],
      },
    };
    try {
      await api.saveDraft(doc);
      navigate('workflows', definitionId);
    } catch (x) { toasts.error(x, 'Creating the workflow'); setBusy(false); }
  };
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="new-wf-title" onKeyDown={e => e.key === 'Escape' && onClose()}>
      <form className="overlay-card narrow-card" onSubmit={submit}>
        <div className="overlay-head"><h2 id="new-wf-title">New workflow</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}><Icon name="close" /></button></div>
        <WorkflowNameField id="new-wf-name" name={name} setName={setName} definitionId={definitionId} clash={clash} placeholder="Win back lapsed buyers" />
        <fieldset><legend>Starts when</legend>
          {triggers.map(t => (
            <label key={t.type} className="check choice"><input type="radio" name="trigger" value={t.type} checked={trigger === t.type} onChange={() => setTrigger(t.type)} />
              <span><strong>{t.label}</strong> <span className="muted small">{t.hint}</span></span></label>
          ))}
        </fieldset>
        <div className="row end"><button type="button" className="button ghost" onClick={onClose}>Cancel</button>
          <button type="submit" className="button primary" disabled={!definitionId || clash || busy}>{busy ? 'Creating…' : 'Create and open'}</button></div>
      </form>
    </div>
  );
}

function DeleteWorkflowDialog({ workflow, onClose, onDeleted }: { workflow: WorkflowSummary; onClose: () => void; onDeleted: () => void }) {
  const toasts = useToasts();
  const [busy, setBusy] = useState(false);
  const c = deleteConfirmation(workflow);
  const remove = async () => {
    setBusy(true);
    try {
      await workflowOps.deleteWorkflow(workflow.definitionId);
      toasts.success(`Deleted ${workflow.name}`);
      onDeleted();
    } catch (e) { toasts.error(e, 'Deleting'); setBusy(false); }
  };
  return <ConfirmDialog id="delete-workflow" title={c.title} lines={c.lines} confirm={c.confirm} danger busy={busy} onConfirm={() => void remove()} onClose={onClose} />;
}

/** Copies the latest version of a workflow into a new workflow's first draft and opens it. */
function DuplicateWorkflowDialog({ workflow, taken, onClose }: { workflow: WorkflowSummary; taken: Set<string>; onClose: () => void }) {
  const toasts = useToasts();
  const { name, setName, definitionId, clash } = useNewWorkflowName(`Copy of ${workflow.name}`, taken);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const source = parseWorkflow(await api.exportVersion(workflow.definitionId, workflow.latestVersion));
      await api.saveDraft(duplicateOf(source, name));
      toasts.success(`Duplicated ${workflow.name}`, [`v${workflow.latestVersion} copied as a draft of ${definitionId}`]);
      navigate('workflows', definitionId);
    } catch (x) { toasts.error(x, 'Duplicating the workflow'); setBusy(false); }
  };
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="dup-wf-title" onKeyDown={e => e.key === 'Escape' && onClose()}>
      <form className="overlay-card narrow-card" onSubmit={submit}>
        <div className="overlay-head"><h2 id="dup-wf-title">Duplicate {workflow.name}</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}><Icon name="close" /></button></div>
        <p className="muted">Copies version {workflow.latestVersion} (its flow, settings and layout) into a new workflow's first draft; nothing is published.</p>
        <WorkflowNameField id="dup-wf-name" name={name} setName={setName} definitionId={definitionId} clash={clash} />
        <div className="row end"><button type="button" className="button ghost" onClick={onClose}>Cancel</button>
          <button type="submit" className="button primary" disabled={!definitionId || clash || busy}>{busy ? 'Duplicating…' : 'Duplicate and open'}</button></div>
      </form>
    </div>
  );
}

/** A new workflow's name and the id it gives (refused when another workflow has it). */
function useNewWorkflowName(initial: string, taken: Set<string>) {
  const [name, setName] = useState(initial);
  const definitionId = workflowIdFrom(name);
  return { name, setName, definitionId, clash: taken.has(definitionId) };
}

function WorkflowNameField({ id, name, setName, definitionId, clash, placeholder }:
  { id: string; name: string; setName: (name: string) => void; definitionId: string; clash: boolean; placeholder?: string }) {
  return (
    <div className="field"><label htmlFor={id}>Name</label>
      <input id={id} autoFocus value={name} placeholder={placeholder} onChange={e => setName(e.target.value)} />
      <p className="hint">Id: <span className="mono">{definitionId || '—'}</span>{clash && <span className="field-error"> — already taken</span>}</p></div>
  );
}
