import { useId } from 'react';
import { Icon } from '../components/Icon';
import { ContactPicker } from '../templates/ContactPicker';
import type { SimDuration } from '../types';
import { timeZones } from './inputs';
import type { SimulationForm } from './simulation';

const UNITS: SimDuration['unit'][] = ['minutes', 'hours', 'days', 'weeks'];

interface Props {
  form: SimulationForm;
  onForm: (form: SimulationForm) => void;
  waits: string[];
  eventTrigger: boolean;
}

/** Whom to simulate (picked or described), what the contact does on the way, and how each Wait for event ends. */
export function SimulateForm({ form, onForm, waits, eventTrigger }: Props) {
  const id = useId();
  const d = form.describe;
  const set = (patch: Partial<SimulationForm['describe']>) => onForm({ ...form, describe: { ...d, ...patch } });
  const text = (name: keyof SimulationForm['describe'], label: string, type = 'text', extra?: { placeholder?: string; list?: string }) => (
    <label className="sim-field" htmlFor={`${id}-${name}`}>
      <span>{label}</span>
      <input id={`${id}-${name}`} type={type} min={type === 'number' ? 0 : undefined} value={d[name] as string} {...extra}
        onChange={e => set({ [name]: e.target.value } as Partial<SimulationForm['describe']>)} />
    </label>
  );
  const check = (name: 'consentEmail' | 'consentSms' | 'consentPush' | 'hasPushToken', label: string) => (
    <label className="check" htmlFor={`${id}-${name}`}>
      <input id={`${id}-${name}`} type="checkbox" checked={d[name]} onChange={e => set({ [name]: e.target.checked })} /> {label}
    </label>
  );
  return (
    <div className="sim-form">
      <div className="segmented" role="radiogroup" aria-label="Contact">
        <button type="button" role="radio" aria-checked={form.mode === 'describe'} className={form.mode === 'describe' ? 'on' : ''} onClick={() => onForm({ ...form, mode: 'describe' })}>Describe a contact</button>
        <button type="button" role="radio" aria-checked={form.mode === 'pick'} className={form.mode === 'pick' ? 'on' : ''} onClick={() => onForm({ ...form, mode: 'pick' })}>Pick from contacts</button>
      </div>
      {form.mode === 'pick' ? (
        <>
          <ContactPicker value={form.picked} onChange={picked => onForm({ ...form, picked })} label="Contact" emptyText="No contact picked yet" />
          <p className="hint">Its real journeys, sends (frequency cap) and suppressions count.</p>
        </>
      ) : (
        <fieldset className="sim-describe">
          <legend className="sr-only">Described contact</legend>
          <div className="sim-grid">
            {text('firstName', 'First name')}
            {text('locale', 'Locale', 'text', { placeholder: 'en, zh-CN' })}
            {text('timeZone', 'Time zone', 'text', { list: `${id}-zones` })}
            {text('email', 'Email')}
            {text('phone', 'Phone (E.164)')}
            {text('tags', 'Tags', 'text', { placeholder: 'vip, beta' })}
            {text('daysSinceLastActive', 'Days since last active', 'number')}
            {text('daysSinceSignup', 'Days since signup', 'number')}
            {text('visits', 'Visits', 'number')}
            {text('purchases', 'Purchases', 'number')}
            {text('daysSinceLastPurchase', 'Days since last purchase', 'number')}
            {text('totalSpend', 'Total spend', 'number')}
            {text('cappedSendsInWindow', 'Messages in the last 7 days', 'number')}
          </div>
          <datalist id={`${id}-zones`}>{timeZones().map(z => <option key={z} value={z} />)}</datalist>
          <div className="row wrap sim-checks">
            {check('consentEmail', 'Email consent')}{check('consentSms', 'SMS consent')}{check('consentPush', 'Push consent')}{check('hasPushToken', 'Has a push token')}
          </div>
          <label className="sim-field wide" htmlFor={`${id}-attributes`}><span>Attributes (JSON)</span>
            <textarea id={`${id}-attributes`} className="mono" rows={2} placeholder='{"favourite_category": "shoes"}' value={d.attributes} onChange={e => set({ attributes: e.target.value })} />
          </label>
        </fieldset>
      )}

      {eventTrigger && (
        <fieldset className="sim-block">
          <legend>Triggering event</legend>
          <div className="sim-grid">
            <label className="sim-field" htmlFor={`${id}-tname`}><span>Name</span>
              <input id={`${id}-tname`} value={form.trigger.name} onChange={e => onForm({ ...form, trigger: { ...form.trigger, name: e.target.value } })} /></label>
            <label className="sim-field" htmlFor={`${id}-tcat`}><span>Category</span>
              <input id={`${id}-tcat`} value={form.trigger.category} onChange={e => onForm({ ...form, trigger: { ...form.trigger, category: e.target.value } })} /></label>
            <label className="sim-field" htmlFor={`${id}-tamount`}><span>Amount</span>
              <input id={`${id}-tamount`} type="number" min={0} value={form.trigger.amount} onChange={e => onForm({ ...form, trigger: { ...form.trigger, amount: e.target.value } })} /></label>
          </div>
          <label className="sim-field wide" htmlFor={`${id}-tprops`}><span>Properties (JSON)</span>
            <textarea id={`${id}-tprops`} className="mono" rows={2} placeholder='{"sku": "X1"}' value={form.trigger.properties} onChange={e => onForm({ ...form, trigger: { ...form.trigger, properties: e.target.value } })} /></label>
        </fieldset>
      )}

      <fieldset className="sim-block">
        <legend>Events the contact sends</legend>
        {form.events.length === 0 && <p className="hint">None: the contact stays away. Add a visit to see the exit rule or goal.</p>}
        {form.events.map((e, i) => (
          <div className="row sim-event" key={i}>
            <input aria-label={`Event ${i + 1} name`} placeholder="visit" value={e.name} onChange={x => onForm({ ...form, events: form.events.map((y, j) => (j === i ? { ...y, name: x.target.value } : y)) })} />
            <span className="unit">after</span>
            <input aria-label={`Event ${i + 1} after`} type="number" min={0} className="narrow" value={e.amount} onChange={x => onForm({ ...form, events: form.events.map((y, j) => (j === i ? { ...y, amount: x.target.value } : y)) })} />
            <select aria-label={`Event ${i + 1} unit`} value={e.unit} onChange={x => onForm({ ...form, events: form.events.map((y, j) => (j === i ? { ...y, unit: x.target.value as SimDuration['unit'] } : y)) })}>
              {UNITS.map(u => <option key={u} value={u}>{u}</option>)}
            </select>
            <button type="button" className="icon-button" aria-label={`Remove event ${i + 1}`} onClick={() => onForm({ ...form, events: form.events.filter((_, j) => j !== i) })}><Icon name="trash" size={14} /></button>
          </div>
        ))}
        <button type="button" className="button small" onClick={() => onForm({ ...form, events: [...form.events, { name: 'visit', amount: '3', unit: 'days' }] })}><Icon name="plus" size={14} /> Event</button>
      </fieldset>

      {waits.length > 0 && (
        <fieldset className="sim-block">
          <legend>Wait for event</legend>
          {waits.map(w => (
            <label key={w} className="sim-field inline" htmlFor={`${id}-wait-${w}`}><span className="mono">{w}</span>
              <select id={`${id}-wait-${w}`} value={form.waits[w] ?? 'TimedOut'} onChange={e => onForm({ ...form, waits: { ...form.waits, [w]: e.target.value as 'Received' | 'TimedOut' } })}>
                <option value="TimedOut">Times out (unless an event above arrives)</option>
                <option value="Received">Received at once</option>
              </select>
            </label>
          ))}
        </fieldset>
      )}

      <div className="sim-grid">
        <label className="sim-field" htmlFor={`${id}-start`}><span>Start (UTC; empty = now)</span>
          <input id={`${id}-start`} type="datetime-local" value={form.startAt} onChange={e => onForm({ ...form, startAt: e.target.value })} /></label>
      </div>
      <label className="check" htmlFor={`${id}-ignore`}>
        <input id={`${id}-ignore`} type="checkbox" checked={form.ignoreEntry} onChange={e => onForm({ ...form, ignoreEntry: e.target.checked })} /> Run even if the contact would not enter
      </label>
    </div>
  );
}
