import { measureSms, nonGsmCharacters } from '../lib/sms';

/** The size of the SMS as written, counted while typing (placeholders as written; the preview counts the rendered text). */
export function SmsCounter({ text }: { text: string }) {
  const info = measureSms(text);
  const forcing = info.encoding === 'Ucs2' ? nonGsmCharacters(text) : [];
  return (
    <div className={`sms-meter ${info.segments > 1 ? 'warn' : ''}`} role="status" aria-live="polite">
      <span><strong>{info.segments}</strong> segment{info.segments === 1 ? '' : 's'}</span>
      <span className={`badge ${info.encoding === 'Ucs2' ? 'badge-draft' : ''}`}>{info.encoding === 'Gsm7' ? 'GSM-7' : 'UCS-2'}</span>
      <span className="muted">{info.characters} characters as written · {info.remainingInLastSegment} {info.encoding === 'Gsm7' ? 'septets' : 'code units'} left in the last segment</span>
      {forcing.length > 0 && <span className="small muted">UCS-2 because of: {forcing.slice(0, 8).map(c => `“${c}”`).join(' ')}</span>}
    </div>
  );
}
