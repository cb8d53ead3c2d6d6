import { useEffect, useState } from 'react';
import { api } from '../api';
import { Icon } from '../components/Icon';
import { number, percent } from '../format';
import type { Activity, AudienceEstimate } from '../types';
import { audienceRequest } from './simulation';

/** The audience estimate in a trigger's properties: how many contacts it reaches now, counted by the host as it changes. */
export function TriggerAudience({ activity }: { activity: Activity }) {
  const request = audienceRequest(activity);
  const key = JSON.stringify(request);
  const [state, setState] = useState<{ key: string; estimate?: AudienceEstimate; error?: string } | null>(null);
  useEffect(() => {
    if (!request) { setState(null); return; }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api.audience(request, controller.signal).then(
        estimate => setState({ key, estimate }),
        e => { if (!controller.signal.aborted) setState({ key, error: e instanceof Error ? e.message : String(e) }); });
    }, 350);
    return () => { clearTimeout(timer); controller.abort(); };
    // The request is rebuilt each render; its JSON is what changes.
  }, [key]);

  if (activity.type === 'ApiTrigger') return <p className="estimate muted small">Contacts are enrolled by API calls: there is no audience to count.</p>;
  if (!request) return null;
  const current = state?.key === key ? state : null;
  const e = current?.estimate;
  return (
    <div className="audience" aria-live="polite" aria-busy={!current} data-testid="audience-estimate">
      <h3 className="small"><Icon name="contact" size={12} /> Audience now</h3>
      {!current && <p className="muted small">Counting…</p>}
      {current?.error && <p className="field-error">Cannot count: {current.error}</p>}
      {e && (
        <>
          <p className="estimate"><strong>{number(e.reaches)}</strong> of {number(e.contacts)} contacts{e.contacts > 0 ? ` (${percent(e.reaches / e.contacts)})` : ''}
            {e.sampled && <span className="badge badge-draft" title="Judged on the latest events only">sampled</span>}</p>
          <p className="hint">{e.explanation}</p>
          {e.sample.length > 0 && <p className="muted small">e.g. <span className="mono">{e.sample.slice(0, 3).join(', ')}</span></p>}
        </>
      )}
    </div>
  );
}
