import { MessagePreview } from '../components/MessagePreview';
import { fromRendered } from '../lib/messageView';
import { describeSms } from '../lib/sms';
import type { PreviewResult, SmsSegmentsInfo } from '../types';
import type { TemplateProblem } from '../lib/templateDiagnostics';
import { ContactPicker, type PickedContact } from './ContactPicker';

/** The live preview column: whom it is for, the rendered message, and the rendered SMS size. */
export function PreviewPanel({ contact, onContact, preview, problems, busy, heading, recipient }: {
  contact: PickedContact | null;
  onContact: (c: PickedContact | null) => void;
  preview: PreviewResult | null;
  problems: TemplateProblem[];
  busy: boolean;
  heading: string;
  recipient?: string | null;
}) {
  const sms: SmsSegmentsInfo | null = preview?.sms ?? null;
  return (
    <section className="preview-panel" aria-labelledby="preview-heading" aria-busy={busy}>
      <div className="aside-head">
        <h2 id="preview-heading">{heading}</h2>
        {busy && <span className="spinner small" aria-label="Rendering" />}
      </div>
      <ContactPicker value={contact} onChange={onContact} />
      <div aria-live="polite">
        {problems.length > 0 && (
          <div className="callout callout-error" role="status">
            <strong>Cannot render</strong>
            <ul>{problems.map((p, i) => <li key={i}>{p.field ? <span className="mono">{p.field}</span> : null}{p.field ? ': ' : ''}{p.line != null ? `line ${p.line}, column ${p.column}: ` : ''}{p.message}</li>)}</ul>
          </div>
        )}
        {preview && problems.length === 0 && (
          <>
            <MessagePreview view={fromRendered(preview.message, recipient)} label={`Preview of ${preview.message.templateKey} (${preview.message.locale})`} />
            {sms && (
              <p className={`sms-meter ${sms.segments > 1 ? 'warn' : ''}`}>
                Rendered: {describeSms(sms)}
              </p>
            )}
          </>
        )}
      </div>
    </section>
  );
}
