// The Simulate panel's logic, kept out of the component so it can be tested: the form's state, the request it makes,
// what the answer highlights on the canvas, and how instants and verdicts read.
import type {
  Activity, ActivityDescriptor, AudienceRequest, ContactDescription, SimDuration, SimulateRequest, SimulatedMessage, SimulationResult, WorkflowDocument,
} from '../types';

export interface EventRow { name: string; amount: string; unit: SimDuration['unit'] }

export interface SimulationForm {
  mode: 'describe' | 'pick';
  picked: { externalId: string; label: string } | null;
  /** Numbers as typed: empty means "not given". */
  describe: {
    firstName: string; email: string; phone: string; locale: string; timeZone: string; tags: string;
    daysSinceLastActive: string; daysSinceSignup: string; purchases: string; daysSinceLastPurchase: string; totalSpend: string; visits: string;
    cappedSendsInWindow: string; consentEmail: boolean; consentSms: boolean; consentPush: boolean; hasPushToken: boolean; attributes: string;
  };
  trigger: { name: string; category: string; amount: string; properties: string };
  events: EventRow[];
  waits: Record<string, 'Received' | 'TimedOut'>;
  /** A `datetime-local` value read as UTC; empty: now (or a blast's next firing). */
  startAt: string;
  ignoreEntry: boolean;
}

export function defaultForm(doc: WorkflowDocument): SimulationForm {
  const trigger = doc.root.activities.find(a => a.type === 'EventReceived');
  return {
    mode: 'describe',
    picked: null,
    describe: {
      firstName: 'Alex', email: 'alex@example.com', phone: '+4915112345678', locale: 'en', timeZone: doc.settings?.timeZone ?? 'UTC', tags: '',
      daysSinceLastActive: '7', daysSinceSignup: '90', purchases: '0', daysSinceLastPurchase: '', totalSpend: '', visits: '3',
      cappedSendsInWindow: '0', consentEmail: true, consentSms: true, consentPush: true, hasPushToken: true, attributes: '',
    },
    trigger: { name: typeof trigger?.event === 'string' ? trigger.event : '', category: '', amount: '', properties: '' },
    events: [],
    waits: {},
    startAt: '',
    ignoreEntry: false,
  };
}

/** Wait for event activities, whose branch the operator chooses. */
export function waitActivities(doc: WorkflowDocument): string[] {
  return doc.root.activities.filter(a => a.type === 'WaitForEvent').map(a => a.id);
}

export function triggerType(doc: WorkflowDocument, descriptors: Map<string, ActivityDescriptor>): string | undefined {
  return doc.root.activities.find(a => descriptors.get(a.type)?.kind === 'Trigger')?.type;
}

const int = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));

/** Problems the form can see before asking the host (the host checks everything again). */
export function formProblems(form: SimulationForm): string[] {
  const problems: string[] = [];
  if (form.mode === 'pick' && !form.picked) problems.push('Pick a contact, or describe one.');
  if (form.mode === 'describe') {
    const d = form.describe;
    for (const [label, text] of [['Days since last active', d.daysSinceLastActive], ['Days since signup', d.daysSinceSignup], ['Purchases', d.purchases],
      ['Days since last purchase', d.daysSinceLastPurchase], ['Visits', d.visits], ['Capped sends', d.cappedSendsInWindow], ['Total spend', d.totalSpend]] as const) {
      const n = int(text);
      if (n !== undefined && (!Number.isFinite(n) || n < 0)) problems.push(`${label} must be a number ≥ 0.`);
    }
    if (d.attributes.trim()) { try { if (typeof JSON.parse(d.attributes) !== 'object') throw new Error(); } catch { problems.push('Attributes must be a JSON object.'); } }
  }
  if (form.trigger.properties.trim()) { try { JSON.parse(form.trigger.properties); } catch { problems.push('Event properties must be a JSON object.'); } }
  form.events.forEach((e, i) => { if (!e.name.trim()) problems.push(`Event ${i + 1} needs a name.`); });
  return problems;
}

/** The request for the canvas's document and the form; call formProblems first. */
export function buildRequest(doc: WorkflowDocument, form: SimulationForm, triggerIsEvent: boolean): SimulateRequest {
  const request: SimulateRequest = { definition: doc };
  if (form.mode === 'pick' && form.picked) request.contactExternalId = form.picked.externalId;
  else {
    const d = form.describe;
    const spend = int(d.totalSpend);
    const contact: ContactDescription = {
      firstName: d.firstName || undefined, email: d.email || undefined, phone: d.phone || undefined, locale: d.locale || undefined,
      timeZone: d.timeZone || undefined, tags: d.tags.split(',').map(t => t.trim()).filter(Boolean),
      daysSinceLastActive: int(d.daysSinceLastActive) ?? 0, daysSinceSignup: int(d.daysSinceSignup), purchases: int(d.purchases) ?? 0,
      daysSinceLastPurchase: int(d.daysSinceLastPurchase), totalSpendMinor: spend === undefined ? undefined : Math.round(spend * 100),
      visits: int(d.visits) ?? 0, cappedSendsInWindow: int(d.cappedSendsInWindow) ?? 0,
      consentEmail: d.consentEmail, consentSms: d.consentSms, consentPush: d.consentPush, hasPushToken: d.hasPushToken,
      attributes: d.attributes.trim() ? JSON.parse(d.attributes) as Record<string, unknown> : undefined,
    };
    request.contact = contact;
  }
  if (triggerIsEvent && form.trigger.name.trim()) {
    const amount = int(form.trigger.amount);
    request.triggerEvent = {
      name: form.trigger.name.trim(), category: form.trigger.category.trim() || undefined,
      amountMinor: amount === undefined ? undefined : Math.round(amount * 100),
      properties: form.trigger.properties.trim() ? JSON.parse(form.trigger.properties) as Record<string, unknown> : undefined,
    };
  }
  const events = form.events.filter(e => e.name.trim());
  if (events.length) request.events = events.map(e => ({ name: e.name.trim(), after: { amount: int(e.amount) ?? 0, unit: e.unit } }));
  const waits = Object.fromEntries(Object.entries(form.waits).filter(([id]) => doc.root.activities.some(a => a.id === id)));
  if (Object.keys(waits).length) request.waits = waits;
  if (form.startAt) request.startAt = `${form.startAt.length === 16 ? `${form.startAt}:00` : form.startAt}Z`;
  if (form.ignoreEntry) request.ignoreEntry = true;
  return request;
}

/** The activities and connections the journey went through, as keys of the canvas's nodes and edges. */
export function highlight(result: SimulationResult | null): { nodes: Set<string>; edges: Set<string> } {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  if (!result) return { nodes, edges };
  for (const s of result.steps) nodes.add(s.activityId);
  for (const e of result.path) { edges.add(`${e.source}:${e.port}->${e.target}`); nodes.add(e.source); nodes.add(e.target); }
  return { nodes, edges };
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * An instant as the contact's clock shows it, read from the host's ISO text with its offset ("2027-03-09T10:00:00+01:00"),
 * never converted to the operator's own zone: "Tue 9 Mar 2027, 10:00".
 */
export function contactTime(iso: string | null | undefined): string {
  const m = iso?.match(/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/);
  if (!m) return iso ?? '—';
  const [, y, mo, d, h, mi] = m;
  const weekday = WEEKDAYS[new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d))).getUTCDay()];
  return `${weekday} ${Number(d)} ${MONTHS[Number(mo) - 1]} ${y}, ${h}:${mi}`;
}

/** "+01:00" of an ISO instant, shown once beside the zone name. */
export function offsetOf(iso: string | null | undefined): string {
  const m = iso?.match(/([+-]\d{2}:\d{2}|Z)$/);
  return !m ? '' : m[1] === 'Z' ? 'UTC' : `UTC${m[1]}`;
}

/** The day number of an instant since the start ("day 8"), counting whole days. */
export function dayOf(iso: string, startIso: string): number {
  return Math.floor((Date.parse(iso) - Date.parse(startIso)) / 86_400_000);
}

export function verdictText(m: SimulatedMessage): string {
  switch (m.verdict) {
    case 'send': return 'Would be sent';
    case 'defer': return `Would be held: ${m.reason ?? 'quiet hours'}`;
    case 'suppress': return `Would be suppressed: ${m.reason ?? ''}`;
    case 'expire': return `Would expire: ${m.reason ?? ''}`;
    default: return `Would fail: ${m.reason ?? ''}`;
  }
}

/** How a step reads in the list: the port taken, or what happened. */
export function outcomeText(outcome: string): string {
  switch (outcome) {
    case 'waiting': return 'waits';
    case 'exited': return 'exits';
    case 'completed': return 'ends';
    case 'failed': return 'fails';
    case 'event': return 'event';
    case 'goal': return 'goal';
    case 'not entered': return 'does not enter';
    default: return `→ ${outcome}`;
  }
}

/** What to count for a trigger: its segment, or its event (and rule); null when there is nothing to count. */
export function audienceRequest(activity: Activity): AudienceRequest | null {
  const text = (name: string) => (typeof activity[name] === 'string' && (activity[name] as string).trim() ? (activity[name] as string).trim() : undefined);
  switch (activity.type) {
    case 'SegmentEntered':
    case 'Schedule': return text('segment') ? { segment: text('segment') } : null;
    case 'EventReceived': return text('event') ? { event: text('event'), rule: text('rule'), days: 30 } : null;
    default: return null;
  }
}
