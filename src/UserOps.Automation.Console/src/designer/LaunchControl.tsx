import { useEffect, useState } from 'react';
import { api, workflowOps } from '../api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Icon } from '../components/Icon';
import { useToasts } from '../components/Toasts';
import { dateTime, number } from '../format';
import { launchConfirmation, newRequestKey, parseExternalIds } from '../lib/workflowOps';
import { OperationRow } from '../operations/OperationProgress';
import { announceOperation, useOperation } from '../operations/useOperations';
import { href } from '../router';
import { useCan } from '../session';
import type { LaunchPreview, OperationView, SegmentSummary } from '../types';

/**
 * The designer's toolbar control for a published workflow: "Launch now" for a scheduled blast, "Enrol…" for an
 * API-triggered one. Publishers only (the host refuses others anyway).
 */
export function LaunchControl({ definitionId, publishedVersion }: { definitionId: string; publishedVersion: number | undefined }) {
  const canLaunch = useCan('launch');
  const [preview, setPreview] = useState<LaunchPreview | null>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!canLaunch || publishedVersion == null) { setPreview(null); return; }
    let alive = true;
    workflowOps.launchPreview(definitionId).then(p => { if (alive) setPreview(p); }, () => { if (alive) setPreview(null); });
    return () => { alive = false; };
  }, [canLaunch, definitionId, publishedVersion]);
  if (!preview) return null;
  if (preview.trigger === 'Schedule') {
    return <>
      <button type="button" className="button" onClick={() => setOpen(true)} title="Fire the blast once now, to its audience" data-testid="launch-now">
        <Icon name="publish" /> Launch now</button>
      {open && <LaunchDialog definitionId={definitionId} onClose={() => setOpen(false)} />}
    </>;
  }
  if (preview.trigger === 'ApiTrigger') {
    return <>
      <button type="button" className="button" onClick={() => setOpen(true)} title="Enrol a segment or listed contacts now"><Icon name="user" /> Enrol…</button>
      {open && <EnrolDialog definitionId={definitionId} name={preview.name} onClose={() => setOpen(false)} />}
    </>;
  }
  return null;
}

function LaunchDialog({ definitionId, onClose }: { definitionId: string; onClose: () => void }) {
  const toasts = useToasts();
  // One key per opened confirmation: a second click, or a retry after a lost answer, is the same launch.
  const [key] = useState(newRequestKey);
  const [preview, setPreview] = useState<LaunchPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [started, setStarted] = useState<OperationView | null>(null);
  const operation = useOperation(started);
  useEffect(() => {
    // The audience's size now, not when the designer opened.
    workflowOps.launchPreview(definitionId).then(setPreview, e => { toasts.error(e, 'Reading the audience'); onClose(); });
  }, [definitionId, toasts, onClose]);
  if (!preview) return null;
  const launch = async () => {
    setBusy(true);
    try {
      const op = await workflowOps.launch(definitionId, key);
      announceOperation(op);
      setStarted(op);
    } catch (e) { toasts.error(e, 'Launching'); setBusy(false); }
  };
  if (operation) {
    return (
      <ConfirmDialog id="launch" title={`Launching “${preview.name}”`} lines={[]} confirm={null} onConfirm={onClose} onClose={onClose}>
        <div aria-live="polite"><OperationRow operation={operation} /></div>
        {operation.status === 'Succeeded' && <p className="small">Messages go out as the journeys run: follow them in <a href={href('messages')}>Messages</a>.</p>}
      </ConfirmDialog>
    );
  }
  // The refresh's date as the host wrote it: an 'ago' would be reckoned on the browser's clock, which may be off.
  const c = launchConfirmation(preview, preview.lastRefreshedAt ? dateTime(preview.lastRefreshedAt) : null);
  return <ConfirmDialog id="launch" title={c.title} lines={c.lines} confirm={c.confirm} busy={busy} onConfirm={() => void launch()} onClose={onClose} />;
}

function EnrolDialog({ definitionId, name, onClose }: { definitionId: string; name: string; onClose: () => void }) {
  const toasts = useToasts();
  const [requestId] = useState(newRequestKey);
  const [segments, setSegments] = useState<SegmentSummary[]>([]);
  const [segment, setSegment] = useState('');
  const [ids, setIds] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string[] | null>(null);
  useEffect(() => { api.segments().then(setSegments, e => toasts.error(e, 'Loading segments')); }, [toasts]);
  const externalIds = parseExternalIds(ids);
  const chosen = segments.find(s => s.key === segment);
  const enrol = async () => {
    setBusy(true);
    try {
      const r = await workflowOps.enrol(definitionId, { segment: segment || undefined, externalIds, requestId });
      setResult([
        ...(segment ? [`${number(r.segmentEnrolled)} members of ${segment} enrolled.`] : []),
        ...(externalIds.length ? [`${number(r.enrolled.length)} listed contacts enrolled.`] : []),
        ...(r.unknownContacts.length ? [`Unknown contacts: ${r.unknownContacts.join(', ')}`] : []),
        ...(r.keptOutByEntryPolicy.length ? [`Kept out by the entry policy: ${r.keptOutByEntryPolicy.join(', ')}`] : []),
      ]);
    } catch (e) { toasts.error(e, 'Enrolling'); } finally { setBusy(false); }
  };
  if (result) return <ConfirmDialog id="enrol" title={`Enrolled into “${name}”`} lines={result} confirm={null} onConfirm={onClose} onClose={onClose} />;
  const lines = [chosen
    ? `${chosen.name}: ${number(chosen.members)} members at its last refresh (${dateTime(chosen.lastRefreshedAt)}).`
    : 'Pick a segment, list contacts (one id per line), or both.'];
  return (
    <ConfirmDialog id="enrol" title={`Enrol into “${name}”`} lines={lines} busy={busy} onConfirm={() => void enrol()} onClose={onClose}
      confirm={segment || externalIds.length ? `Enrol ${segment ? 'the segment' : ''}${segment && externalIds.length ? ' and ' : ''}${externalIds.length ? `${number(externalIds.length)} contacts` : ''}` : null}>
      <div className="field"><label htmlFor="enrol-segment">Segment</label>
        <select id="enrol-segment" value={segment} onChange={e => setSegment(e.target.value)}>
          <option value="">— none —</option>
          {segments.map(s => <option key={s.key} value={s.key}>{s.name} ({number(s.members)})</option>)}
        </select></div>
      <div className="field"><label htmlFor="enrol-ids">Contacts (external ids)</label>
        <textarea id="enrol-ids" rows={4} value={ids} onChange={e => setIds(e.target.value)} placeholder={'u-1001\nu-1002'} /></div>
    </ConfirmDialog>
  );
}
