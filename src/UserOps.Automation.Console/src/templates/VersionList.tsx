import { ago, dateTime } from '../format';
import type { TemplateVersionInfo } from '../types';

/** Saved versions, newest first: each can be previewed as sent, or loaded into the editor to restore it. */
export function VersionList({ versions, current, viewing, onPreview, onRestore }: {
  versions: TemplateVersionInfo[]; current: number; viewing: number | null;
  onPreview: (version: number | null) => void; onRestore: (v: TemplateVersionInfo) => void;
}) {
  return (
    <section aria-labelledby="versions-heading" className="versions">
      <h3 id="versions-heading">Version history</h3>
      <ol className="version-list">
        {versions.map(v => (
          <li key={v.id} className={viewing === v.version ? 'selected' : undefined}>
            <div>
              <strong>v{v.version}</strong>{v.version === current && <span className="badge badge-published">current</span>}
              <div className="small muted" title={dateTime(v.createdAt)}>{ago(v.createdAt)}</div>
            </div>
            <div className="version-actions">
              <button type="button" className="button small ghost" aria-pressed={viewing === v.version}
                onClick={() => onPreview(viewing === v.version ? null : v.version)}>
                {viewing === v.version ? 'Back to draft' : 'Preview'}
              </button>
              {v.version !== current && <button type="button" className="button small ghost" onClick={() => onRestore(v)}>Restore</button>}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
