import { useState } from 'react';
import { api, ApiError, describeProblem } from '../api';
import { Icon } from '../components/Icon';
import type { SimulationResult, WorkflowDocument } from '../types';
import { useCatalog } from './catalog';
import { SimulateForm } from './SimulateForm';
import { SimulateResults } from './SimulateResults';
import { buildRequest, defaultForm, formProblems, triggerType, waitActivities, type SimulationForm } from './simulation';
import './simulate.css';

interface Props {
  doc: WorkflowDocument;
  result: SimulationResult | null;
  onResult: (result: SimulationResult | null) => void;
  onFocus: (activityId: string) => void;
  onClose: () => void;
}

/**
 * Simulate: the canvas's workflow (saved or not) for one contact, run by the host's own engine with a simulated clock.
 * The path lights up on the canvas; the list shows each step at the contact's local time and each message as it would read.
 */
export function SimulatePanel({ doc, result, onResult, onFocus, onClose }: Props) {
  const { descriptors } = useCatalog();
  const [form, setForm] = useState<SimulationForm>(() => defaultForm(doc));
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [editing, setEditing] = useState(true);
  const eventTrigger = triggerType(doc, descriptors) === 'EventReceived';

  const run = async () => {
    const local = formProblems(form);
    setProblems(local);
    if (local.length) return;
    setBusy(true);
    try {
      onResult(await api.simulate(buildRequest(doc, form, eventTrigger)));
      setEditing(false);
    } catch (e) {
      onResult(null);
      const p = e instanceof ApiError ? e.problem : null;
      // An invalid workflow: the validator's problems, each with its activity; else the fields that are wrong.
      setProblems(p?.problems?.length ? p.problems.map(x => (x.activityId ? `${x.activityId}: ${x.message}` : x.message)) : [describeProblem(e).title, ...describeProblem(e).lines]);
    } finally { setBusy(false); }
  };

  return (
    <section className="simulate-panel" aria-labelledby="simulate-heading">
      <div className="properties-head">
        <span className="node-icon"><Icon name="play" size={16} /></span>
        <div><h2 id="simulate-heading">Simulate</h2><p className="muted small">The path one contact would take. Nothing is sent or written.</p></div>
        <button type="button" className="icon-button" aria-label="Close the simulation" onClick={onClose}><Icon name="close" /></button>
      </div>
      {editing || !result ? (
        <>
          <SimulateForm form={form} onForm={setForm} waits={waitActivities(doc)} eventTrigger={eventTrigger} />
          <div className="row sim-actions">
            <button type="button" className="button primary" onClick={() => void run()} disabled={busy}><Icon name="play" size={14} /> {busy ? 'Simulating…' : 'Run simulation'}</button>
            {result && <button type="button" className="button ghost" onClick={() => setEditing(false)}>Back to the result</button>}
          </div>
        </>
      ) : (
        <div className="row sim-actions">
          <button type="button" className="button" onClick={() => setEditing(true)}>Change contact or events</button>
          <button type="button" className="button ghost" onClick={() => void run()} disabled={busy}><Icon name="refresh" size={14} /> {busy ? 'Simulating…' : 'Run again'}</button>
        </div>
      )}
      <div aria-live="polite">
        {problems.length > 0 && (
          <div className="callout callout-error" role="alert"><strong>Cannot simulate</strong><ul>{problems.map(p => <li key={p}>{p}</li>)}</ul></div>
        )}
        {result && !editing && <SimulateResults result={result} onFocus={onFocus} />}
      </div>
    </section>
  );
}
