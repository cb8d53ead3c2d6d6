import { useRef, useState, type DragEvent } from 'react';
import { useCan } from '../session';
import { api, importCsvWithProgress } from '../api';
import { uploadPercent } from '../lib/workflowOps';
import { useToasts } from '../components/Toasts';
import { bytes, operationLabel } from '../dashboard/model';
import { ago, number } from '../format';
import { amount, OperationRow } from '../operations/OperationProgress';
import { announceOperation, useOperation, useRecentOperations } from '../operations/useOperations';
import type { OperationView } from '../types';

type Kind = 'contacts' | 'events';

const columns: Record<Kind, string> = {
  contacts: 'externalId,email,phone,firstName,lastName,locale,timeZone,country,city,tags,consentEmail,consentSms,consentPush — plus any attr_NAME',
  events: 'externalId,name,timestamp,amount,currency,category,messageId — plus any prop_NAME',
};

/** Upload a CSV file of contacts or events; the host imports it in the background and this page follows its progress and row errors. */
export function ImportPage() {
  const toasts = useToasts();
  // Importing writes contacts: editors and above (the host refuses it to viewers anyway).
  const canImport = useCan('editContacts');
  const [kind, setKind] = useState<Kind>('contacts');
  const [file, setFile] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  const [uploading, setUploading] = useState(false);
  // Bytes the browser has sent, before the host has the whole file (then the operation's own progress takes over).
  const [sent, setSent] = useState<{ sent: number; total: number } | null>(null);
  const abort = useRef<AbortController | null>(null);
  const [started, setStarted] = useState<OperationView | null>(null);
  const [shown, setShown] = useState<OperationView | null>(null);
  const current = useOperation(shown ?? started);
  const recent = useRecentOperations(20);
  const imports = recent.operations.filter(o => o.kind.endsWith('-import'));

  const upload = async () => {
    if (!file) return;
    setUploading(true);
    setSent({ sent: 0, total: file.size });
    setShown(null);
    setStarted(null);
    abort.current = new AbortController();
    try {
      const operation = await importCsvWithProgress(kind, file, file.name, (s, total) => setSent({ sent: s, total }), abort.current.signal);
      setStarted(operation);
      announceOperation(operation);
    } catch (e) {
      toasts.error(e, 'The upload failed');
    } finally {
      setUploading(false);
      setSent(null);
      abort.current = null;
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const dropped = e.dataTransfer.files[0];
    if (dropped) setFile(dropped);
  };
  const openOld = async (id: number) => {
    try { setShown(await api.operation(id)); } catch (e) { toasts.error(e, 'Loading the import'); }
  };

  return (
    <div className="page" data-testid="import-page">
      <header className="page-header"><div><h1>Import</h1><p className="muted">Load contacts or events from a CSV file. Good rows are written; bad rows are listed with their line so you can fix and re-import them.</p></div></header>
      <div className="import-grid">
        <section className="card import-form" aria-labelledby="import-title">
          <h2 id="import-title">New import</h2>
          <fieldset className="kind-choice">
            <legend>The file holds</legend>
            {(['contacts', 'events'] as const).map(k => (
              <label key={k} className={kind === k ? 'checked' : undefined}>
                <input type="radio" name="import-kind" value={k} checked={kind === k} onChange={() => setKind(k)} /> {k === 'contacts' ? 'Contacts' : 'Events'}
              </label>
            ))}
          </fieldset>
          <p className="small muted">Header row: <code>{columns[kind]}</code></p>
          <label className={`dropzone ${dragging ? 'dragging' : ''}`} onDragOver={e => { e.preventDefault(); setDragging(true); }} onDragLeave={() => setDragging(false)} onDrop={onDrop}>
            <input type="file" accept=".csv,text/csv" className="visually-hidden" data-testid="import-file" onChange={e => setFile(e.target.files?.[0] ?? null)} />
            {file ? <span><strong>{file.name}</strong> <span className="muted">({bytes(file.size)})</span></span> : <span>Drop a CSV file here, or <span className="link">choose one</span></span>}
          </label>
          <button type="button" className="button primary" disabled={!canImport || !file || uploading} title={canImport ? undefined : 'Importing needs the editor role'} onClick={upload} data-testid="import-start">
            {uploading ? 'Uploading…' : `Import ${kind}`}
          </button>
        </section>

        <section className="card" aria-labelledby="progress-title" aria-live="polite">
          <h2 id="progress-title">Progress</h2>
          {sent && file && <UploadProgress name={file.name} sent={sent.sent} total={sent.total} onCancel={() => abort.current?.abort()} />}
          {!current && !sent && <p className="muted">Choose a file and start the import; its progress, counts and rejected rows appear here. Earlier imports are listed below.</p>}
          {current && <ImportProgress operation={current} />}
        </section>
      </div>

      <section className="dash-section" aria-labelledby="recent-imports">
        <h2 id="recent-imports" className="section-title">Recent imports</h2>
        {imports.length === 0
          ? <p className="muted">No import yet. The command line (<code>import contacts FILE</code>) and the API (<code>POST /api/imports/contacts</code>) show up here too.</p>
          : (
            <table className="table compact">
              <thead><tr><th>File</th><th>Kind</th><th>Status</th><th className="num">Rejected</th><th>By</th><th>Started</th><th /></tr></thead>
              <tbody>
                {imports.map(o => (
                  <tr key={o.id}>
                    <td>{o.subject ?? '—'}</td><td>{operationLabel(o.kind)}</td><td>{o.status === 'Running' ? `Running (${amount(o)})` : o.message ?? o.status}</td>
                    <td className="num">{number(o.errors)}</td><td className="muted">{o.startedBy ?? '—'}</td><td className="muted">{ago(o.startedAt)}</td>
                    <td><button type="button" className="button ghost small" onClick={() => openOld(o.id)}>Details</button></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
      </section>
    </div>
  );
}

function UploadProgress({ name, sent, total, onCancel }: { name: string; sent: number; total: number; onCancel: () => void }) {
  const pct = uploadPercent(sent, total);
  const done = sent >= total;
  return (
    <div className="operation" data-testid="upload-progress">
      <div className="operation-head"><strong className="operation-title">Uploading {name}</strong>
        <span className="badge op-running">{done ? 'Sent' : 'Uploading'}</span></div>
      <div className={`progress running ${pct == null ? 'indeterminate' : ''}`} role="progressbar" aria-label={`Uploading ${name}`}
        aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct ?? undefined}>
        <span style={pct == null ? undefined : { width: `${pct}%` }} />
      </div>
      <div className="operation-foot small muted">
        <span>{done ? 'Sent; waiting for the host to start the import…' : `${bytes(sent)} of ${bytes(total)} sent`}</span>
        {!done && <button type="button" className="button ghost small" onClick={onCancel}>Cancel</button>}
      </div>
    </div>
  );
}

function ImportProgress({ operation }: { operation: OperationView }) {
  const c = operation.counts;
  return (
    <>
      <OperationRow operation={operation} />
      <dl className="import-counts">
        <div><dt>Rows read</dt><dd>{number(c.rowsRead ?? 0)}</dd></div>
        <div><dt>Imported</dt><dd className="up">{number(c.imported ?? 0)}</dd></div>
        <div><dt>Duplicates</dt><dd>{number(c.duplicates ?? 0)}</dd></div>
        <div><dt>Rejected</dt><dd className={operation.errors ? 'down' : undefined}>{number(operation.errors)}</dd></div>
      </dl>
      {operation.status === 'Failed' && <p className="down" role="alert">The import stopped: {operation.message}</p>}
      {operation.firstErrors.length > 0 && (
        <>
          <h3>Rejected rows{operation.errors > operation.firstErrors.length ? ` (the first ${operation.firstErrors.length} of ${number(operation.errors)})` : ''}</h3>
          <div className="errors-scroll">
            <table className="table compact" data-testid="import-errors">
              <thead><tr><th className="num">Line</th><th>Column</th><th>Problem</th></tr></thead>
              <tbody>{operation.firstErrors.map((e, i) => <tr key={i}><td className="num mono">{e.line ?? '—'}</td><td className="mono">{e.field ?? '—'}</td><td>{e.message}</td></tr>)}</tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
