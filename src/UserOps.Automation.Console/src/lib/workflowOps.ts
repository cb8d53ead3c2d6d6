// The words and small decisions of "launch now", enrolment and workflow delete: what the confirmations say, what a
// pasted list of contacts holds, how far an upload got. Pure, so Vitest checks them without a browser.
import type { LaunchPreview, WorkflowDocument, WorkflowSummary } from '../types';

const count = (n: number) => new Intl.NumberFormat('en').format(n);
const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

/** A fresh key naming one launch or enrolment: sent again on a retry or a second click, so the host acts once. */
export function newRequestKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

export interface Confirmation { title: string; lines: string[]; confirm: string | null }

/** The launch confirmation: names the audience and its size now; no confirm button when the workflow cannot be launched. */
export function launchConfirmation(p: LaunchPreview, refreshedAgo: string | null): Confirmation {
  const title = `Launch “${p.name}” v${p.version} now?`;
  if (!p.canLaunch) {
    const why = p.trigger !== 'Schedule'
      ? `It starts with a ${p.trigger ?? 'missing'} trigger; only a scheduled blast can be launched.`
      : `Its audience segment ${p.segment ? `“${p.segment}”` : ''} does not exist.`;
    return { title, lines: [why], confirm: null };
  }
  const audience = `${p.segmentName ?? p.segment} (${p.segment})`;
  const size = p.members == null
    ? `Audience: ${audience} — its size is not known yet (never refreshed).`
    : `Audience: ${audience} — ${plural(p.members, 'contact')} at its last refresh${refreshedAgo ? ` (${refreshedAgo})` : ''}.`;
  return {
    title,
    lines: [size, 'The audience is refreshed first, then every member is enrolled once; the entry policy keeps out contacts already in this workflow. This does not change the schedule.'],
    confirm: p.members == null ? 'Launch' : `Launch to ${plural(p.members, 'contact')}`,
  };
}

/** The delete confirmation: refused (no confirm) while journeys run, as the host refuses it. */
export function deleteConfirmation(w: WorkflowSummary): Confirmation {
  const title = `Delete “${w.name}”?`;
  if (w.activeJourneys > 0) {
    return {
      title,
      lines: [`${plural(w.activeJourneys, 'journey is', 'journeys are')} running in it. Retire it so nobody new enters, and delete it once they have ended.`],
      confirm: null,
    };
  }
  const lines = [`All ${plural(w.latestVersion, 'version')} and the history of its finished journeys are deleted. Messages sent and coupons issued stay; the audit log keeps every version.`];
  if (w.publishedVersion != null) lines.push(`v${w.publishedVersion} is live: deleting it stops its trigger.`);
  return { title, lines, confirm: 'Delete workflow' };
}

/** Contact ids pasted one per line, or separated by commas or spaces; duplicates and blanks dropped, order kept. */
export function parseExternalIds(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map(s => s.trim()).filter(Boolean))];
}

/** An upload's progress as a whole percent (0–100), or null while the size is unknown. */
export function uploadPercent(sent: number, total: number): number | null {
  if (!(total > 0)) return null;
  return Math.min(100, Math.max(0, Math.floor((sent / total) * 100)));
}

/** A workflow's id from its name, as the new-workflow dialog proposes it: lower-case words joined by hyphens. */
export function workflowIdFrom(name: string): string {
  return name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 100);
}

/**
 * A duplicate of a workflow version as a new workflow's first draft: the same flow, settings and positions under a new
 * id and name; the version and publication flags are the host's to give.
 */
export function duplicateOf(doc: WorkflowDocument, name: string): WorkflowDocument {
  const { version: _version, isPublished: _published, isLatest: _latest, ...rest } = structuredClone(doc);
  return { ...rest, definitionId: workflowIdFrom(name), name: name.trim() };
}
