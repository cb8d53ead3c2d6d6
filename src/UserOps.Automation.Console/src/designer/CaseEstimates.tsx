import { useState } from 'react';
import { api } from '../api';
import { useToasts } from '../components/Toasts';
import { number } from '../format';
import { useCatalog } from './catalog';

/**
 * A Switch's rule estimates: how many contacts each case's rule matches now (each alone: a contact matching two cases
 * takes the first). Rules over the triggering event cannot be counted in advance.
 */
export function CaseEstimates({ cases }: { cases: Array<{ port: string; rule: string }> }) {
  const { rules } = useCatalog();
  const toasts = useToasts();
  const countable = cases.filter(c => rules.some(r => r.name === c.rule && !r.usesEvent));
  const [counts, setCounts] = useState<{ key: string; rows: Array<[string, number, number]> } | null>(null);
  const [busy, setBusy] = useState(false);
  const key = JSON.stringify(countable);
  if (countable.length === 0) return null;
  const run = async () => {
    setBusy(true);
    try {
      const rows = await Promise.all(countable.map(async c => { const e = await api.estimate(c.rule); return [c.port, e.matches, e.contacts] as [string, number, number]; }));
      setCounts({ key, rows });
    } catch (e) { toasts.error(e, 'Estimate'); } finally { setBusy(false); }
  };
  return (
    <div className="case-estimates">
      <button type="button" className="button small" onClick={() => void run()} disabled={busy} title="Count the contacts each case's rule matches now">{busy ? '…' : 'Estimate cases'}</button>
      {counts?.key === key && (
        <ul className="estimate small">{counts.rows.map(([port, n, of]) => <li key={port}><strong>{port}</strong>: {number(n)} of {number(of)} contacts</li>)}</ul>
      )}
    </div>
  );
}
