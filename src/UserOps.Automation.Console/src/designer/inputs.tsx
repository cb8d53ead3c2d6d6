import { useId, useMemo, useState } from 'react';
import { api } from '../api';
import { Icon } from '../components/Icon';
import { useToasts } from '../components/Toasts';
import { CronError, describeCron, nextFirings } from '../lib/cron';
import { weightProblems, type Branch } from '../lib/weights';
import { number } from '../format';
import type { Activity, InputDescriptor, RuleEstimate } from '../types';
import { CaseEstimates } from './CaseEstimates';
import { useCatalog } from './catalog';

export interface EditorProps {
  input: InputDescriptor;
  activity: Activity;
  value: unknown;
  /** Sets this input; `coalesce` joins the edit with the previous one of the same field for undo. */
  onChange: (value: unknown, coalesce?: boolean) => void;
  /** Sets a sibling input (RandomSplit's holdout beside its branches). */
  onSibling: (name: string, value: unknown, coalesce?: boolean) => void;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' ? v : undefined);

export function InputEditor(props: EditorProps) {
  const { input, activity } = props;
  const id = useId();
  // RandomSplit's holdout is edited beside its branches, where the sum is checked.
  if (activity.type === 'RandomSplit' && input.name === 'holdout') return null;
  const Editor = editors[input.kind] ?? TextEditor;
  return (
    <div className="field">
      <label htmlFor={id}>{labelOf(input.name)}{input.required && <span className="required" aria-label="required">*</span>}</label>
      <Editor {...props} inputId={id} />
      <p className="hint">{input.description}</p>
    </div>
  );
}

export function labelOf(name: string): string {
  const spaced = name.replace(/([A-Z])/g, ' $1').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

type Editor = (props: EditorProps & { inputId: string }) => React.ReactNode;

const TextEditor: Editor = ({ value, onChange, inputId, input }) => (
  <input id={inputId} type={input.kind === 'Url' ? 'url' : 'text'} value={str(value)} onChange={e => onChange(e.target.value, true)} />
);

const NumberEditor: Editor = ({ value, onChange, inputId, input }) => (
  <input id={inputId} type="number" min={0} max={input.kind === 'Percent' ? 100 : undefined} value={num(value) ?? ''}
    onChange={e => onChange(e.target.value === '' ? undefined : Number(e.target.value), true)} />
);

const SegmentEditor: Editor = ({ value, onChange, inputId }) => {
  const { segments } = useCatalog();
  const current = str(value);
  return (
    <select id={inputId} value={current} onChange={e => onChange(e.target.value)}>
      <option value="">Choose a segment…</option>
      {!segments.some(s => s.key === current) && current && <option value={current}>{current} (unknown)</option>}
      {segments.map(s => <option key={s.key} value={s.key}>{s.name} — {number(s.members)} members</option>)}
    </select>
  );
};

const RuleEditor: Editor = ({ value, onChange, inputId }) => {
  const { rules } = useCatalog();
  const toasts = useToasts();
  const current = str(value);
  const rule = rules.find(r => r.name === current);
  const [estimate, setEstimate] = useState<{ rule: string; result: RuleEstimate } | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try { setEstimate({ rule: current, result: await api.estimate(current) }); } catch (e) { toasts.error(e, 'Estimate'); } finally { setBusy(false); }
  };
  return (
    <>
      <div className="row">
        <select id={inputId} value={current} onChange={e => { onChange(e.target.value); setEstimate(null); }}>
          <option value="">{'— none —'}</option>
          {!rule && current && <option value={current}>{current} (unknown)</option>}
          {rules.map(r => <option key={r.name} value={r.name}>{r.title ?? r.name}{r.usesEvent ? ' · event' : ''}</option>)}
        </select>
        <button type="button" className="button small" onClick={run} disabled={!rule || rule.usesEvent || busy}
          title={rule?.usesEvent ? 'Rules over the triggering event cannot be counted in advance' : 'Count the contacts this rule matches now'}>
          {busy ? '…' : 'Estimate'}
        </button>
      </div>
      {rule && <code className="expression" title={`${rule.file} · ${rule.ruleSet}`}><span className="expression-name">{rule.name}</span>{rule.expression}</code>}
      {estimate && estimate.rule === current && (
        <p className="estimate"><strong>{number(estimate.result.matches)}</strong> of {number(estimate.result.contacts)} contacts match now
          {estimate.result.contacts > 0 && ` (${((estimate.result.matches / estimate.result.contacts) * 100).toFixed(1)}%)`}
          {estimate.result.sample.length > 0 && <span className="muted small"> · e.g. {estimate.result.sample.slice(0, 3).join(', ')}</span>}</p>
      )}
    </>
  );
};

const channelOf: Record<string, string> = { SendEmail: 'Email', SendSms: 'Sms', SendPush: 'Push' };

const TemplateEditor: Editor = ({ value, onChange, inputId, activity }) => {
  const { templates } = useCatalog();
  const channel = channelOf[activity.type];
  const current = str(value);
  const keys = useMemo(() => [...new Set(templates.filter(t => !channel || t.channel === channel).map(t => t.key))].sort(), [templates, channel]);
  const variants = templates.filter(t => t.key === current);
  const shown = variants.find(t => t.isDefaultLocale) ?? variants[0];
  const c = shown?.content as Record<string, string | null> | undefined;
  return (
    <>
      <select id={inputId} value={current} onChange={e => onChange(e.target.value)}>
        <option value="">Choose a {channel ? channel.toLowerCase() : ''} template…</option>
        {!keys.includes(current) && current && <option value={current}>{current} (unknown)</option>}
        {keys.map(k => <option key={k} value={k}>{k}</option>)}
      </select>
      {shown && c && (
        <div className={`template-preview channel-${shown.channel.toLowerCase()}`} aria-label="Template preview">
          <div className="muted small">{variants.map(v => v.locale + (v.isDefaultLocale ? ' (default)' : '')).join(' · ')} · v{shown.version}</div>
          {c.subject && <div className="preview-subject">{c.subject}</div>}
          {c.pushTitle && <div className="preview-subject">{c.pushTitle}</div>}
          <div className="preview-body">{c.smsBody ?? c.pushBody ?? c.text ?? (c.html ? c.html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim() : '')}</div>
        </div>
      )}
    </>
  );
};

const UNITS = ['minutes', 'hours', 'days', 'weeks'];

const DurationEditor: Editor = ({ value, onChange, inputId }) => {
  const d = (value ?? {}) as { amount?: number; unit?: string };
  const set = (amount: number | undefined, unit: string) => onChange(amount === undefined ? undefined : { amount, unit }, true);
  return (
    <div className="row">
      <input id={inputId} type="number" min={1} className="narrow" value={d.amount ?? ''} aria-label="Amount"
        onChange={e => set(e.target.value === '' ? undefined : Number(e.target.value), d.unit ?? 'days')} />
      <select aria-label="Unit" value={d.unit ?? 'days'} onChange={e => set(d.amount ?? 1, e.target.value)}>
        {UNITS.map(u => <option key={u} value={u}>{u}</option>)}
      </select>
    </div>
  );
};

const TimeOfDayEditor: Editor = ({ value, onChange, inputId }) => (
  <>
    <input id={inputId} type="time" value={str(value)} onChange={e => onChange(e.target.value || undefined, true)} />
    <p className="note"><Icon name="clock" size={12} /> in the contact's own time zone</p>
  </>
);

const LocalDateTimeEditor: Editor = ({ value, onChange, inputId }) => (
  <input id={inputId} type="datetime-local" value={str(value)} onChange={e => onChange(e.target.value || undefined, true)} />
);

let zones: string[] | null = null;
export function timeZones(): string[] {
  zones ??= (() => {
    const supported = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
    return supported.includes('UTC') ? supported : ['UTC', ...supported];
  })();
  return zones;
}

export const TimeZoneEditor: Editor = ({ value, onChange, inputId }) => {
  const listId = useId();
  const current = str(value);
  const known = !current || timeZones().includes(current);
  return (
    <>
      <input id={inputId} list={listId} value={current} placeholder="Search, e.g. Shanghai" autoComplete="off" onChange={e => onChange(e.target.value, true)} />
      <datalist id={listId}>{timeZones().map(z => <option key={z} value={z} />)}</datalist>
      {!known && <p className="field-error">'{current}' is not an IANA time zone.</p>}
    </>
  );
};

const CronEditor: Editor = ({ value, onChange, inputId, activity }) => {
  const { timeZone: workflowZone } = useCatalog();
  const expression = str(value);
  const zone = str(activity.timeZone) || workflowZone || 'UTC';
  let preview: { text: string; firings: Date[] } | { error: string } | null = null;
  if (expression.trim()) {
    try { preview = { text: describeCron(expression), firings: nextFirings(expression, new Date(), zone, 5) }; } catch (e) {
      preview = { error: e instanceof CronError ? e.message : `Cannot read this cron in '${zone}'.` };
    }
  }
  const fmt = useMemo(() => {
    try { return new Intl.DateTimeFormat(undefined, { timeZone: zone, weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' }); } catch { return null; }
  }, [zone]);
  return (
    <>
      <input id={inputId} className="mono" placeholder="0 0 9 ? * MON-FRI" value={expression} onChange={e => onChange(e.target.value || undefined, true)} />
      {preview && 'error' in preview && <p className="field-error">{preview.error}</p>}
      {preview && 'text' in preview && (
        <div className="cron-preview">
          <strong>{preview.text}</strong> <span className="muted">({zone})</span>
          <ol>{preview.firings.map(d => <li key={d.getTime()}>{fmt ? fmt.format(d) : d.toISOString()}</li>)}</ol>
          {preview.firings.length === 0 && <p className="muted">Never fires again.</p>}
        </div>
      )}
    </>
  );
};

const BranchesEditor: Editor = ({ value, onChange, onSibling, activity, inputId }) => {
  const branches = (Array.isArray(value) ? value : []) as Branch[];
  const holdout = num(activity.holdout);
  const problems = weightProblems(branches, holdout);
  const set = (next: Branch[], coalesce = false) => onChange(next, coalesce);
  return (
    <div className="list-editor" id={inputId}>
      {branches.map((b, i) => (
        <div className="row" key={i}>
          <input aria-label={`Branch ${i + 1} port`} value={b.port} onChange={e => set(branches.map((x, j) => (j === i ? { ...x, port: e.target.value } : x)), true)} />
          <input aria-label={`Branch ${i + 1} weight`} type="number" min={0} max={100} className="narrow" value={Number.isFinite(b.weight) ? b.weight : ''}
            onChange={e => set(branches.map((x, j) => (j === i ? { ...x, weight: Number(e.target.value) } : x)), true)} />
          <span className="unit">%</span>
          <button type="button" className="icon-button" aria-label={`Remove branch ${b.port}`} onClick={() => set(branches.filter((_, j) => j !== i))}><Icon name="trash" size={14} /></button>
        </div>
      ))}
      <div className="row">
        <span className="holdout-label">Holdout</span>
        <input aria-label="Holdout percent" type="number" min={0} max={100} className="narrow" value={holdout ?? ''}
          onChange={e => onSibling('holdout', e.target.value === '' ? undefined : Number(e.target.value), true)} />
        <span className="unit">%</span>
      </div>
      <button type="button" className="button small" onClick={() => set([...branches, { port: String.fromCharCode(65 + branches.length), weight: 0 }])}><Icon name="plus" size={14} /> Branch</button>
      {problems.length > 0 && <ul className="field-error" role="alert">{problems.map(p => <li key={p}>{p}</li>)}</ul>}
    </div>
  );
};

const CasesEditor: Editor = ({ value, onChange, inputId }) => {
  const { rules } = useCatalog();
  const cases = (Array.isArray(value) ? value : []) as Array<{ port: string; rule: string }>;
  const set = (next: typeof cases, coalesce = false) => onChange(next, coalesce);
  const move = (i: number, d: number) => { const next = [...cases]; [next[i], next[i + d]] = [next[i + d], next[i]]; set(next); };
  return (
    <div className="list-editor" id={inputId}>
      {cases.map((c, i) => (
        <div className="case" key={i}>
          <span className="case-no">{i + 1}</span>
          <input aria-label={`Case ${i + 1} port`} placeholder="Port" value={c.port} onChange={e => set(cases.map((x, j) => (j === i ? { ...x, port: e.target.value } : x)), true)} />
          <select aria-label={`Case ${i + 1} rule`} value={c.rule} onChange={e => set(cases.map((x, j) => (j === i ? { ...x, rule: e.target.value } : x)))}>
            <option value="">Rule…</option>
            {rules.map(r => <option key={r.name} value={r.name}>{r.name}</option>)}
          </select>
          <button type="button" className="icon-button" aria-label="Move up" disabled={i === 0} onClick={() => move(i, -1)}><Icon name="up" size={14} /></button>
          <button type="button" className="icon-button" aria-label="Move down" disabled={i === cases.length - 1} onClick={() => move(i, 1)}><Icon name="down" size={14} /></button>
          <button type="button" className="icon-button" aria-label="Remove case" onClick={() => set(cases.filter((_, j) => j !== i))}><Icon name="trash" size={14} /></button>
        </div>
      ))}
      <div className="case muted"><span className="case-no">·</span> otherwise → <strong>Default</strong></div>
      <button type="button" className="button small" onClick={() => set([...cases, { port: `Case${cases.length + 1}`, rule: '' }])}><Icon name="plus" size={14} /> Case</button>
      <CaseEstimates cases={cases} />
    </div>
  );
};

const TagsEditor: Editor = ({ value, onChange, inputId }) => {
  const [text, setText] = useState((Array.isArray(value) ? value : []).join(', '));
  return <input id={inputId} value={text} placeholder="vip, recalled" onChange={e => {
    setText(e.target.value);
    const tags = e.target.value.split(',').map(t => t.trim()).filter(Boolean);
    onChange(tags.length ? tags : undefined, true);
  }} />;
};

const JsonEditor: Editor = ({ value, onChange, inputId }) => {
  const [text, setText] = useState(value === undefined ? '' : JSON.stringify(value, null, 2));
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <textarea id={inputId} className="mono" rows={4} value={text} onChange={e => {
        setText(e.target.value);
        if (!e.target.value.trim()) { setError(null); onChange(undefined, true); return; }
        try { const parsed = JSON.parse(e.target.value); setError(null); onChange(parsed, true); } catch (x) { setError((x as Error).message); }
      }} />
      {error && <p className="field-error">{error}</p>}
    </>
  );
};

const editors: Partial<Record<InputDescriptor['kind'], Editor>> = {
  Text: TextEditor, Url: TextEditor, Rule: RuleEditor, Segment: SegmentEditor, Template: TemplateEditor, Duration: DurationEditor,
  TimeOfDay: TimeOfDayEditor, LocalDateTime: LocalDateTimeEditor, TimeZone: TimeZoneEditor, Cron: CronEditor, Percent: NumberEditor,
  Days: NumberEditor, Cases: CasesEditor, Branches: BranchesEditor, Tags: TagsEditor, Attributes: JsonEditor, Json: JsonEditor,
};
