import { describe, expect, it } from 'vitest';
import type { SimulatedMessage, SimulationResult, WorkflowDocument } from '../types';
import { audienceRequest, buildRequest, contactTime, dayOf, defaultForm, formProblems, highlight, offsetOf, verdictText, waitActivities } from './simulation';

const doc: WorkflowDocument = {
  definitionId: 'upsell', name: 'Upsell', settings: { timeZone: 'Asia/Shanghai' },
  root: {
    activities: [
      { id: 'bought', type: 'EventReceived', event: 'purchase' },
      { id: 'wait', type: 'WaitForEvent', event: 'purchase' },
      { id: 'push', type: 'SendPush', template: 'p' },
    ],
    connections: [
      { source: { activity: 'bought', port: 'Done' }, target: { activity: 'wait' } },
      { source: { activity: 'wait', port: 'TimedOut' }, target: { activity: 'push' } },
    ],
  },
};

describe('buildRequest', () => {
  it('describes the contact with its facts as numbers, the spend in minor units and the tags split', () => {
    const form = defaultForm(doc);
    form.describe = { ...form.describe, daysSinceLastActive: '15', purchases: '2', daysSinceLastPurchase: '20', totalSpend: '49.90', tags: 'vip, beta ,' };
    const r = buildRequest(doc, form, false);
    expect(r.contactExternalId).toBeUndefined();
    expect(r.contact).toMatchObject({ daysSinceLastActive: 15, purchases: 2, daysSinceLastPurchase: 20, totalSpendMinor: 4990, tags: ['vip', 'beta'], timeZone: 'Asia/Shanghai' });
    expect(r.definition).toBe(doc);
  });

  it('sends only the external id of a picked contact', () => {
    const form = { ...defaultForm(doc), mode: 'pick' as const, picked: { externalId: 'c-42', label: 'Wei' } };
    const r = buildRequest(doc, form, false);
    expect(r.contactExternalId).toBe('c-42');
    expect(r.contact).toBeUndefined();
  });

  it('carries the triggering event, the scripted events, the wait choices and the start as UTC', () => {
    const form = defaultForm(doc);
    expect(form.trigger.name).toBe('purchase');
    form.trigger = { ...form.trigger, category: 'phones', amount: '3999', properties: '{"sku":"X1"}' };
    form.events = [{ name: 'visit', amount: '3', unit: 'days' }, { name: '  ', amount: '1', unit: 'hours' }];
    form.waits = { wait: 'Received', gone: 'Received' };
    form.startAt = '2027-03-01T09:30';
    const r = buildRequest(doc, form, true);
    expect(r.triggerEvent).toEqual({ name: 'purchase', category: 'phones', amountMinor: 399900, properties: { sku: 'X1' } });
    expect(r.events).toEqual([{ name: 'visit', after: { amount: 3, unit: 'days' } }]);
    expect(r.waits).toEqual({ wait: 'Received' });
    expect(r.startAt).toBe('2027-03-01T09:30:00Z');
  });
});

describe('formProblems', () => {
  it('asks for a contact to be picked, and for numbers and JSON that read', () => {
    const form = { ...defaultForm(doc), mode: 'pick' as const };
    expect(formProblems(form)).toEqual(['Pick a contact, or describe one.']);
    const described = defaultForm(doc);
    described.describe = { ...described.describe, visits: '-1', attributes: '{oops' };
    described.events = [{ name: '', amount: '1', unit: 'days' }];
    expect(formProblems(described)).toEqual(['Visits must be a number ≥ 0.', 'Attributes must be a JSON object.', 'Event 1 needs a name.']);
  });
});

describe('highlight', () => {
  it('marks the activities run and the connections taken, keyed as the canvas keys its edges', () => {
    const result = {
      steps: [{ activityId: 'bought', outcome: 'Done' }, { activityId: 'wait', outcome: 'waiting' }, { activityId: 'wait', outcome: 'TimedOut' }, { activityId: 'push', outcome: 'Done' }],
      path: [{ source: 'bought', port: 'Done', target: 'wait' }, { source: 'wait', port: 'TimedOut', target: 'push' }],
    } as unknown as SimulationResult;
    const h = highlight(result);
    expect([...h.nodes].sort()).toEqual(['bought', 'push', 'wait']);
    expect([...h.edges]).toEqual(['bought:Done->wait', 'wait:TimedOut->push']);
    expect(highlight(null).nodes.size).toBe(0);
  });
});

describe('times', () => {
  it("reads the contact's wall clock from the host's ISO text, whatever the browser's zone", () => {
    expect(contactTime('2027-03-09T10:00:00+01:00')).toBe('Tue 9 Mar 2027, 10:00');
    expect(contactTime('2027-03-02T01:00:00+08:00')).toBe('Tue 2 Mar 2027, 01:00');
    expect(offsetOf('2027-03-02T01:00:00+08:00')).toBe('UTC+08:00');
    expect(dayOf('2027-03-09T09:00:00Z', '2027-03-01T09:00:00Z')).toBe(8);
  });
});

describe('verdictText', () => {
  const m = (verdict: SimulatedMessage['verdict'], reason: string | null) => ({ verdict, reason }) as SimulatedMessage;
  it('says what the guards would do, with their reason', () => {
    expect(verdictText(m('send', null))).toBe('Would be sent');
    expect(verdictText(m('suppress', 'no sms consent'))).toBe('Would be suppressed: no sms consent');
    expect(verdictText(m('defer', 'quiet hours: held until 2027-03-02 09:00 local time, then sent'))).toContain('held until');
  });
});

describe('waitActivities', () => {
  it('lists the waits whose branch the operator chooses', () => expect(waitActivities(doc)).toEqual(['wait']));
});

describe('audienceRequest', () => {
  it('counts a segment trigger by its segment and an event trigger by its event and rule', () => {
    expect(audienceRequest({ id: 't', type: 'SegmentEntered', segment: 'inactive-7d' })).toEqual({ segment: 'inactive-7d' });
    expect(audienceRequest({ id: 't', type: 'Schedule', segment: 'paying-lapsed-30d', cron: '0 0 9 * * ?' })).toEqual({ segment: 'paying-lapsed-30d' });
    expect(audienceRequest({ id: 't', type: 'EventReceived', event: 'purchase', rule: 'purchase-of-phones' })).toEqual({ event: 'purchase', rule: 'purchase-of-phones', days: 30 });
  });

  it('has nothing to count before the trigger is filled in, or for an API trigger', () => {
    expect(audienceRequest({ id: 't', type: 'SegmentEntered', segment: '' })).toBeNull();
    expect(audienceRequest({ id: 't', type: 'ApiTrigger' })).toBeNull();
  });
});
