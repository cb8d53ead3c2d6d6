import { ago, dateTime, number } from '../format';
import { bytes, operationLabel, progressPercent } from '../dashboard/model';
import type { OperationView } from '../types';

const statusText: Record<string, string> = {
  Running: 'Running', Succeeded: 'Done', CompletedWithErrors: 'Done with errors', Failed: 'Failed',
};

/** A progress bar; indeterminate (no value) while the total is unknown. */
export function ProgressBar({ operation, label }: { operation: OperationView; label: string }) {
  const pct = progressPercent(operation);
  const tone = operation.status === 'Failed' ? 'failed' : operation.status === 'CompletedWithErrors' ? 'warn' : operation.status === 'Succeeded' ? 'done' : 'running';
  return (
    <div className={`progress ${tone} ${pct == null ? 'indeterminate' : ''}`} role="progressbar" aria-label={label}
      aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct ?? undefined} aria-valuetext={pct == null ? 'In progress' : `${pct}%`}>
      <span style={pct == null ? undefined : { width: `${pct}%` }} />
    </div>
  );
}

/** How far it got, in its own unit. */
export function amount(operation: OperationView): string {
  const f = operation.unit === 'bytes' ? bytes : number;
  return operation.total == null ? f(operation.processed) : `${f(operation.processed)} of ${f(operation.total)}`;
}

/** One operation: what, on what, its bar, its last message, and when. */
export function OperationRow({ operation }: { operation: OperationView }) {
  const title = `${operationLabel(operation.kind)}${operation.subject ? `: ${operation.subject}` : ''}`;
  return (
    <div className="operation" data-testid={`operation-${operation.id}`}>
      <div className="operation-head">
        <strong className="operation-title" title={title}>{title}</strong>
        <span className={`badge op-${operation.status.toLowerCase()}`} title={operation.owner ? `Run by ${operation.owner}` : undefined}>{statusText[operation.status] ?? operation.status}</span>
      </div>
      <ProgressBar operation={operation} label={title} />
      <div className="operation-foot small muted">
        <span>{operation.message ?? amount(operation)}</span>
        <span title={dateTime(operation.startedAt)}>{operation.status !== 'Running' ? `finished ${ago(operation.finishedAt)}`
          // A row that stopped reporting may belong to a host that died (ADR 0007): say how old its news is.
          : Date.now() - Date.parse(operation.updatedAt) > 60_000 ? `last report ${ago(operation.updatedAt)}` : `started ${ago(operation.startedAt)}`}</span>
      </div>
      {operation.errors > 0 && <div className="small down">{number(operation.errors)} rejected</div>}
    </div>
  );
}
