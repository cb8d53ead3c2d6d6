import { activityIcon, Icon } from '../components/Icon';
import { MessagePreview } from '../components/MessagePreview';
import { fromRendered } from '../lib/messageView';
import { describeSms } from '../lib/sms';
import type { SimulatedStep, SimulationResult } from '../types';
import { useCatalog } from './catalog';
import { contactTime, dayOf, offsetOf, outcomeText, verdictText } from './simulation';

/** The answer: whether the contact enters, each step at the contact's own time, and every message as it would read. */
export function SimulateResults({ result, onFocus }: { result: SimulationResult; onFocus: (activityId: string) => void }) {
  const start = result.steps[0]?.at ?? result.outcome.at;
  const messages = result.steps.filter(s => s.message).length;
  return (
    <section className="sim-results" aria-label="Simulation result" data-testid="simulation-result">
      <p className={`callout ${result.entry.enters ? 'callout-ok' : 'callout-error'}`}>
        <Icon name={result.entry.enters ? 'check' : 'alert'} size={14} /> {result.entry.enters ? 'Enters' : 'Would not enter'}: {result.entry.reason}
      </p>
      {result.notes.map(n => <p key={n} className="callout">{n}</p>)}
      <p className="sim-summary">
        <strong>{result.outcome.status}</strong>{result.outcome.reason && result.outcome.reason.toLowerCase() !== result.outcome.status.toLowerCase() ? ` — ${result.outcome.reason}` : ''}
        {' '}· {contactTime(result.outcome.localAt)}
        <span className="muted"> · {messages} message{messages === 1 ? '' : 's'} · times in {result.timeZone} ({offsetOf(result.steps[0]?.localAt)})</span>
      </p>
      {result.goalReachedAt && <p className="callout callout-ok"><Icon name="check" size={14} /> Goal reached on day {dayOf(result.goalReachedAt, start)}</p>}
      <ol className="sim-steps">
        {result.steps.map((s, i) => <Step key={i} step={s} start={start} onFocus={onFocus} />)}
      </ol>
      <p className="hint">Simulated with the engine, rules and templates of this host. Nothing was sent, stored or enrolled.</p>
    </section>
  );
}

function Step({ step, start, onFocus }: { step: SimulatedStep; start: string; onFocus: (activityId: string) => void }) {
  const { descriptors } = useCatalog();
  const descriptor = descriptors.get(step.type);
  const kind = descriptor?.kind ?? (step.outcome === 'event' || step.outcome === 'goal' ? 'Trigger' : 'Action');
  const m = step.message;
  return (
    <li className={`sim-step outcome-${step.outcome.replace(/\s+/g, '-').toLowerCase()}`} data-activity={step.activityId}>
      <div className="sim-when" title={step.at}>
        <span className="sim-day">day {dayOf(step.at, start)}</span>
        <span>{contactTime(step.localAt)}</span>
      </div>
      <div className="sim-what">
        <button type="button" className="link sim-activity" onClick={() => onFocus(step.activityId)}>
          <span className={`node-icon kind-${kind.toLowerCase()}`}><Icon name={step.outcome === 'event' ? 'event' : activityIcon(step.type, kind)} size={12} /></span>
          <span className="mono">{step.activityId}</span>
        </button>
        <span className="badge">{outcomeText(step.outcome)}</span>
        {step.localUntil && <span className="small">until <strong>{contactTime(step.localUntil)}</strong></span>}
        {step.detail && step.outcome !== 'waiting' && <p className="small muted sim-detail">{step.detail}</p>}
        {step.coupon && (
          <p className="sim-coupon"><Icon name="coupon" size={14} /> <span className="mono">{step.coupon.code}</span> <span className="badge badge-draft">simulated sample</span>
            {' '}{step.coupon.value} · {step.coupon.campaign}</p>
        )}
        {step.webhook && (
          <details className="sim-webhook"><summary>Would POST to <span className="mono">{step.webhook.url}</span> (not called)</summary>
            <pre className="mono small">{JSON.stringify(step.webhook.body, null, 2)}</pre></details>
        )}
        {m && (
          <div className={`sim-message verdict-${m.verdict}`}>
            <p className="sim-verdict"><strong>{verdictText(m)}</strong>{m.to ? <span className="muted small"> · to {m.to}</span> : null}</p>
            {m.rendered && <MessagePreview view={fromRendered(m.rendered, m.to)} label={`${m.channel} ${m.templateKey} (${m.rendered.locale})`} />}
            {m.sms && <p className={`sms-meter ${m.sms.segments > 1 ? 'warn' : ''}`}>{describeSms(m.sms)}</p>}
          </div>
        )}
      </div>
    </li>
  );
}
