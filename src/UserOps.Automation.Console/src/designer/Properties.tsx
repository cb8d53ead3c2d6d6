import { useEffect, useId, useState } from 'react';
import { activityIcon, Icon } from '../components/Icon';
import type { Activity, WorkflowDocument, WorkflowProblem, WorkflowSettings } from '../types';
import { useCatalog } from './catalog';
import { InputEditor, TimeZoneEditor } from './inputs';
import { TriggerAudience } from './TriggerAudience';

interface Props {
  doc: WorkflowDocument;
  activity: Activity | undefined;
  selectionCount: number;
  problems: WorkflowProblem[];
  onInput: (id: string, name: string, value: unknown, coalesce?: boolean) => void;
  onRename: (from: string, to: string) => boolean;
  onDelete: () => void;
  onDoc: (doc: WorkflowDocument, coalesce?: string) => void;
}

export function Properties({ doc, activity, selectionCount, problems, onInput, onRename, onDelete, onDoc }: Props) {
  const { descriptors } = useCatalog();
  if (selectionCount > 1) {
    return <div className="properties"><p className="muted">{selectionCount} activities selected.</p>
      <button type="button" className="button danger small" onClick={onDelete}><Icon name="trash" size={14} /> Delete them</button></div>;
  }
  if (!activity) return <SettingsPanel doc={doc} onDoc={onDoc} problems={problems.filter(p => !p.activityId)} />;
  const descriptor = descriptors.get(activity.type);
  const mine = problems.filter(p => p.activityId === activity.id);
  return (
    <div className="properties" key={activity.id}>
      <div className={`properties-head kind-${(descriptor?.kind ?? 'action').toLowerCase()}`}>
        <span className="node-icon"><Icon name={activityIcon(activity.type, descriptor?.kind ?? 'Action')} size={16} /></span>
        <div><h2>{descriptor?.displayName ?? activity.type}</h2><p className="muted small">{descriptor?.description}</p></div>
      </div>
      {mine.length > 0 && <ul className="problem-box" role="alert">{mine.map((p, i) => <li key={i}>{p.message}</li>)}</ul>}
      <IdField id={activity.id} onRename={onRename} />
      {descriptor?.inputs.map(input => (
        <InputEditor key={input.name} input={input} activity={activity} value={activity[input.name]}
          onChange={(v, c) => onInput(activity.id, input.name, v, c)} onSibling={(n, v, c) => onInput(activity.id, n, v, c)} />
      ))}
      {descriptor && descriptor.inputs.length === 0 && <p className="muted">This activity has no settings.</p>}
      {descriptor?.kind === 'Trigger' && <TriggerAudience activity={activity} />}
      <button type="button" className="button danger small" onClick={onDelete}><Icon name="trash" size={14} /> Delete activity</button>
    </div>
  );
}

function IdField({ id, onRename }: { id: string; onRename: (from: string, to: string) => boolean }) {
  const inputId = useId();
  const [text, setText] = useState(id);
  useEffect(() => setText(id), [id]);
  const valid = /^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(text);
  const commit = () => { if (text !== id && (!valid || !onRename(id, text))) setText(id); };
  return (
    <div className="field">
      <label htmlFor={inputId}>Id</label>
      <input id={inputId} className="mono" value={text} onChange={e => setText(e.target.value)} onBlur={commit}
        onKeyDown={e => { if (e.key === 'Enter') commit(); if (e.key === 'Escape') setText(id); }} />
      {!valid && <p className="field-error">Letters, digits, '-' and '_' only.</p>}
      <p className="hint">Names this step in stats and journey histories. Press Enter to rename.</p>
    </div>
  );
}

function SettingsPanel({ doc, onDoc, problems }: { doc: WorkflowDocument; onDoc: (doc: WorkflowDocument, coalesce?: string) => void; problems: WorkflowProblem[] }) {
  const { rules } = useCatalog();
  const s: WorkflowSettings = doc.settings ?? {};
  const set = (settings: WorkflowSettings, key: string) => onDoc({ ...doc, settings }, `settings.${key}`);
  const ids = { name: useId(), desc: useId(), policy: useId(), period: useId(), exit: useId(), goal: useId(), goalRule: useId(), within: useId(), zone: useId(), cap: useId() };
  return (
    <div className="properties">
      <div className="properties-head"><span className="node-icon"><Icon name="workflow" size={16} /></span><div><h2>Workflow settings</h2><p className="muted small">Select an activity to edit it.</p></div></div>
      {problems.length > 0 && <ul className="problem-box" role="alert">{problems.map((p, i) => <li key={i}>{p.message}</li>)}</ul>}
      <div className="field"><label htmlFor={ids.name}>Name</label><input id={ids.name} value={doc.name} onChange={e => onDoc({ ...doc, name: e.target.value }, 'name')} /></div>
      <div className="field"><label htmlFor={ids.desc}>Description</label><textarea id={ids.desc} rows={3} value={doc.description ?? ''} onChange={e => onDoc({ ...doc, description: e.target.value || undefined }, 'description')} /></div>
      <fieldset>
        <legend>Entry</legend>
        <div className="row wrap">
          <select id={ids.policy} aria-label="Entry policy" value={s.entry?.policy ?? 'Once'} onChange={e => set({ ...s, entry: { ...s.entry, policy: e.target.value as 'Once' } }, 'policy')}>
            <option value="Once">Once per contact</option><option value="OncePerPeriod">Once per period</option><option value="EveryTime">Every time</option>
          </select>
          {s.entry?.policy === 'OncePerPeriod' && <><input id={ids.period} aria-label="Period in days" type="number" min={1} className="narrow" value={s.entry.periodDays ?? ''}
            onChange={e => set({ ...s, entry: { ...s.entry, periodDays: e.target.value ? Number(e.target.value) : undefined } }, 'period')} /><span className="unit">days</span></>}
        </div>
      </fieldset>
      <div className="field"><label htmlFor={ids.exit}>Exit when</label>
        <select id={ids.exit} value={s.exitRule ?? ''} onChange={e => set({ ...s, exitRule: e.target.value || undefined }, 'exit')}>
          <option value="">— never leave early —</option>
          {rules.filter(r => !r.usesEvent).map(r => <option key={r.name} value={r.name}>{r.title ? `${r.title} (${r.name})` : r.name}</option>)}
        </select>
        <p className="hint">A contact who matches this rule leaves the journey at once (e.g. came back).</p>
      </div>
      <fieldset>
        <legend>Goal (conversion)</legend>
        <div className="field"><label htmlFor={ids.goal}>Event</label><input id={ids.goal} value={s.goal?.event ?? ''} placeholder="purchase"
          onChange={e => set({ ...s, goal: e.target.value ? { ...s.goal, event: e.target.value } : undefined }, 'goal')} /></div>
        {s.goal && <>
          <div className="field"><label htmlFor={ids.goalRule}>Rule</label>
            <select id={ids.goalRule} value={s.goal.rule ?? ''} onChange={e => set({ ...s, goal: { ...s.goal!, rule: e.target.value || undefined } }, 'goalRule')}>
              <option value="">— any such event —</option>{rules.map(r => <option key={r.name} value={r.name}>{r.name}</option>)}
            </select></div>
          <div className="field"><label htmlFor={ids.within}>Within days</label><input id={ids.within} type="number" min={1} value={s.goal.withinDays ?? ''}
            onChange={e => set({ ...s, goal: { ...s.goal!, withinDays: e.target.value ? Number(e.target.value) : undefined } }, 'within')} /></div>
        </>}
      </fieldset>
      <div className="field"><label htmlFor={ids.zone}>Time zone</label>
        <TimeZoneEditor inputId={ids.zone} input={{ name: 'timeZone', kind: 'TimeZone', required: false, description: '' }} activity={{ id: '', type: '' }}
          value={s.timeZone} onChange={v => set({ ...s, timeZone: (v as string) || undefined }, 'zone')} onSibling={() => undefined} />
      </div>
      <label className="check" htmlFor={ids.cap}><input id={ids.cap} type="checkbox" checked={s.frequencyCapped ?? false} onChange={e => set({ ...s, frequencyCapped: e.target.checked }, 'cap')} /> Frequency capped</label>
    </div>
  );
}
