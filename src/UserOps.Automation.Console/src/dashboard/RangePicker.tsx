import { useState } from 'react';
import { customRange, presets, type Preset, type TimeRange } from './model';

/** Preset ranges as a segmented control, plus a custom pair of dates (UTC days). */
export function RangePicker({ preset, range, onPreset, onCustom }: {
  preset: Preset | 'custom'; range: TimeRange | null; onPreset: (p: Preset) => void; onCustom: (r: TimeRange) => void;
}) {
  const [open, setOpen] = useState(false);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const openCustom = () => {
    // The custom dates start from the range the host last showed (its clock, not the browser's).
    if (!open && range) {
      setFrom(range.from.slice(0, 10));
      setTo(new Date(Date.parse(range.to) - 1).toISOString().slice(0, 10));
    }
    setOpen(o => !o);
  };
  const [error, setError] = useState<string | null>(null);
  const apply = () => {
    const r = customRange(from, to);
    if (typeof r === 'string') { setError(r); return; }
    setError(null);
    setOpen(false);
    onCustom(r);
  };
  return (
    <div className="range-picker">
      <div className="segmented" role="group" aria-label="Time range">
        {presets.map(p => (
          <button key={p.id} type="button" className={preset === p.id ? 'active' : undefined} aria-pressed={preset === p.id} onClick={() => onPreset(p.id)}>
            {p.id}
          </button>
        ))}
        <button type="button" className={preset === 'custom' ? 'active' : undefined} aria-pressed={preset === 'custom'} aria-expanded={open} onClick={openCustom}>
          Custom…
        </button>
      </div>
      {open && (
        <div className="range-custom" role="group" aria-label="Custom range">
          <label>From <input type="date" value={from} onChange={e => setFrom(e.target.value)} /></label>
          <label>To <input type="date" value={to} onChange={e => setTo(e.target.value)} /></label>
          <button type="button" className="button primary small" onClick={apply}>Apply</button>
          {error && <span className="down small" role="alert">{error}</span>}
        </div>
      )}
    </div>
  );
}
