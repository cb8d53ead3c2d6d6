import { useEffect, useMemo, useState } from 'react';
import { api } from '../api';
import { Icon } from '../components/Icon';
import { useToasts } from '../components/Toasts';
import { dateTime } from '../format';
import { diffLines, diffStats } from '../lib/diff';
import type { VersionInfo } from '../types';

interface Props { definitionId: string; versions: VersionInfo[]; current: string; onOpen: (version: number) => void; onClose: () => void }

/** Version list and a side-by-side line diff of any two versions (or a version against the unsaved canvas). */
export function VersionsPanel({ definitionId, versions, current, onOpen, onClose }: Props) {
  const toasts = useToasts();
  const latest = versions[versions.length - 1]?.version ?? 0;
  const [left, setLeft] = useState<string>(String(Math.max(1, latest - 1)));
  const [right, setRight] = useState<string>('canvas');
  const [texts, setTexts] = useState<Record<string, string>>({});
  useEffect(() => {
    for (const v of [left, right]) {
      if (v === 'canvas' || texts[v] !== undefined) continue;
      api.exportVersion(definitionId, Number(v)).then(t => setTexts(x => ({ ...x, [v]: normalise(t) })), e => toasts.error(e, `Loading v${v}`));
    }
  }, [left, right, definitionId, texts, toasts]);
  const textOf = (v: string) => (v === 'canvas' ? current : texts[v]);
  const a = textOf(left);
  const b = textOf(right);
  const rows = useMemo(() => (a !== undefined && b !== undefined ? diffLines(a, b) : null), [a, b]);
  const stats = rows ? diffStats(rows) : null;
  const options = [...versions.map(v => ({ value: String(v.version), label: `v${v.version} · ${v.status}` })), { value: 'canvas', label: 'Canvas (unsaved)' }];
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label="Versions" onKeyDown={e => e.key === 'Escape' && onClose()}>
      <div className="overlay-card wide">
        <div className="overlay-head">
          <h2>Versions</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose} autoFocus><Icon name="close" /></button>
        </div>
        <div className="versions-layout">
          <table className="table compact">
            <thead><tr><th>Version</th><th>Status</th><th>Created</th><th /></tr></thead>
            <tbody>{[...versions].reverse().map(v => (
              <tr key={v.version}><td>v{v.version}</td><td><span className={`badge badge-${v.status.toLowerCase()}`}>{v.status}</span></td>
                <td className="small muted nowrap">{dateTime(v.createdAt)}</td>
                <td><button type="button" className="button small" onClick={() => onOpen(v.version)}>Open</button></td></tr>
            ))}</tbody>
          </table>
          <div className="diff-pane">
            <div className="row">
              <select aria-label="Left side" value={left} onChange={e => setLeft(e.target.value)}>{options.map(o => <option key={o.value} value={o.value}>{o.label}</option>)}</select>
              <Icon name="diff" />
              <select aria-label="Right side" value={right} onChange={e => setRight(e.target.value)}>{options.map(o => <option key={o.value} value={o.value}>{o.label}</option>)}</select>
              {stats && <span className="small"><span className="up">+{stats.added}</span> <span className="down">−{stats.removed}</span> <span className="changed">~{stats.changed}</span></span>}
            </div>
            {!rows && <p className="muted">Loading…</p>}
            {rows && (
              <div className="diff" role="table" aria-label="Side-by-side diff">
                {rows.map((r, i) => (
                  <div key={i} className={`diff-row diff-${r.kind}`} role="row">
                    <span className="ln">{'leftNo' in r ? r.leftNo : ''}</span>
                    <code>{'left' in r ? r.left : ''}</code>
                    <span className="ln">{'rightNo' in r ? r.rightNo : ''}</span>
                    <code>{'right' in r ? r.right : ''}</code>
                  </div>
                ))}
              </div>
            )}
          </div>
        </div>
      </div>
    </div>
  );
}

/** Re-indents the host's export like the canvas export, so a diff shows content, not formatting. */
function normalise(text: string): string {
  try { return `${JSON.stringify(JSON.parse(text), null, 2)}\n`; } catch { return text; }
}
