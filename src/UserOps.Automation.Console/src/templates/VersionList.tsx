import { useState } from 'react';
import { ago, dateTime } from '../format';
import { contentChanges } from '../lib/templateCatalog';
import type { Channel, TemplateVersionInfo } from '../types';

/**
 * Saved versions, newest first: each can be previewed as sent, compared with the current version (what changed, field
 * by field), or loaded into the editor to restore it.
 */
export function VersionList({ versions, current, viewing, onPreview, onRestore }: {
  versions: TemplateVersionInfo[]; current: number; viewing: number | null;
  onPreview: (version: number | null) => void; onRestore: (v: TemplateVersionInfo) => void;
}) {
  const [comparing, setComparing] = useState<number | null>(null);
  const latest = versions.find(v => v.version === current);
  return (
    <section aria-labelledby="versions-heading" className="versions">
      <h3 id="versions-heading">Version history</h3>
      <ol className="version-list">
        {versions.map(v => (
          <li key={v.id} className={viewing === v.version ? 'selected' : undefined}>
            <div className="version-row">
              <div>
                <strong>v{v.version}</strong>{v.version === current && <span className="badge badge-published">current</span>}
                <div className="small muted" title={dateTime(v.createdAt)}>{ago(v.createdAt)}</div>
              </div>
              <div className="version-actions">
                <button type="button" className="button small ghost" aria-pressed={viewing === v.version}
                  onClick={() => onPreview(viewing === v.version ? null : v.version)}>
                  {viewing === v.version ? 'Back to draft' : 'Preview'}
                </button>
                {v.version !== current && latest && (
                  <button type="button" className="button small ghost" aria-expanded={comparing === v.version} onClick={() => setComparing(c => (c === v.version ? null : v.version))}>Changes</button>
                )}
                {v.version !== current && <button type="button" className="button small ghost" onClick={() => onRestore(v)}>Restore</button>}
              </div>
            </div>
            {comparing === v.version && latest && <Changes channel={v.channel} older={v} newer={latest} />}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Changes({ channel, older, newer }: { channel: Channel; older: TemplateVersionInfo; newer: TemplateVersionInfo }) {
  const changes = contentChanges(channel, older.content, newer.content);
  if (changes.length === 0) return <p className="small muted">v{older.version} and v{newer.version} have the same copy.</p>;
  return (
    <div className="version-changes" aria-label={`Changes from v${older.version} to v${newer.version}`}>
      {changes.map(c => (
        <div key={c.field}>
          <div className="small"><strong>{c.label}</strong> <span className="muted">v{older.version} → v{newer.version}</span></div>
          <pre className="diff">
            {c.rows.flatMap((r, i) => {
              if (r.kind === 'same') return [<span key={i} className="diff-same">  {r.left}{'\n'}</span>];
              const out = [];
              if (r.kind === 'removed' || r.kind === 'changed') out.push(<del key={`${i}-`} className="diff-del">− {r.left}{'\n'}</del>);
              if (r.kind === 'added' || r.kind === 'changed') out.push(<ins key={`${i}+`} className="diff-ins">+ {r.right}{'\n'}</ins>);
              return out;
            })}
          </pre>
        </div>
      ))}
    </div>
  );
}
