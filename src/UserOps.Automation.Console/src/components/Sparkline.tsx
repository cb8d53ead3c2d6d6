/** A tiny trend line; one point draws a flat line so a new segment still shows something. */
export function Sparkline({ values, width = 120, height = 28, label }: { values: number[]; width?: number; height?: number; label: string }) {
  if (values.length === 0) return <span className="muted">—</span>;
  const series = values.length === 1 ? [values[0], values[0]] : values;
  const min = Math.min(...series);
  const max = Math.max(...series);
  const span = max - min || 1;
  const points = series.map((v, i) => `${(i / (series.length - 1)) * (width - 4) + 2},${height - 3 - ((v - min) / span) * (height - 6)}`);
  const last = points[points.length - 1].split(',');
  return (
    <svg width={width} height={height} role="img" aria-label={label} className="sparkline">
      <polyline points={points.join(' ')} fill="none" stroke="currentColor" strokeWidth={1.6} />
      <circle cx={last[0]} cy={last[1]} r={2.4} fill="currentColor" />
    </svg>
  );
}

export function Spinner({ label = 'Loading' }: { label?: string }) {
  return <div className="spinner-row" role="status"><span className="spinner" aria-hidden="true" />{label}…</div>;
}
