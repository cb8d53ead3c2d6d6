import { useState } from 'react';
import { niceScale } from '../../dashboard/model';
import type { Series } from './ChartData';
import { GridLines } from './GridLines';
import { useWidth } from './useWidth';

const H = 200;
const PAD = { left: 44, right: 26, top: 10, bottom: 26 };

/** Lines over buckets (a gap where a value is null); the first series is shaded. Percent charts scale to at most 100%. */
export function LineChart({ labels, series, format, percent = false }: { labels: string[]; series: Series[]; format: (n: number) => string; percent?: boolean }) {
  const [hover, setHover] = useState<number | null>(null);
  const [ref, W] = useWidth<HTMLDivElement>();
  const values = series.flatMap(s => s.values.filter((v): v is number => v != null));
  const scale = percent ? niceScale(Math.min(1, Math.max(0.05, ...values)), 4) : niceScale(Math.max(0, ...values));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const step = labels.length > 1 ? plotW / (labels.length - 1) : plotW;
  const x = (i: number) => PAD.left + (labels.length > 1 ? step * i : plotW / 2);
  const y = (v: number) => PAD.top + plotH - (v / scale.max) * plotH;
  const every = Math.ceil(labels.length / Math.max(2, Math.floor((W - 52) / 64)));

  const paths = series.map(s => {
    let d = '';
    s.values.forEach((v, i) => { if (v != null) d += `${d && s.values[i - 1] != null ? 'L' : 'M'}${x(i)},${y(v)}`; });
    return d;
  });
  const first = series[0];
  const area = first && first.values.every(v => v != null) && labels.length > 1
    ? `M${x(0)},${y(0)} ${first.values.map((v, i) => `L${x(i)},${y(v ?? 0)}`).join(' ')} L${x(labels.length - 1)},${y(0)}Z`
    : null;

  return (
    <div className="chart-box" ref={ref} onMouseLeave={() => setHover(null)}>
      <svg viewBox={`0 0 ${W} ${H}`} className="chart-svg" width={W} height={H}>
        <GridLines ticks={scale.ticks} y={y} left={PAD.left} right={W - PAD.right} format={format} />
        {area && <path d={area} fill={first.color} opacity={0.12} />}
        {series.map((s, k) => <path key={s.key} d={paths[k]} fill="none" stroke={s.color} strokeWidth={2} vectorEffect="non-scaling-stroke" />)}
        {labels.map((label, i) => (
          <g key={i} onMouseEnter={() => setHover(i)}>
            <rect x={x(i) - step / 2} y={PAD.top} width={Math.max(step, 4)} height={plotH} className={hover === i ? 'hover-col' : 'hit'} />
            {i % every === 0 && <text x={x(i)} y={H - 8} className="axis" textAnchor="middle">{label}</text>}
          </g>
        ))}
        {/* A value with no neighbour draws no segment: mark it with a dot so a lone bucket still shows. */}
        {series.map(s => s.values.map((v, i) => v != null && s.values[i - 1] == null && s.values[i + 1] == null
          ? <circle key={`${s.key}-${i}`} cx={x(i)} cy={y(v)} r={3} fill={s.color} /> : null))}
        {hover != null && series.map(s => s.values[hover] != null && <circle key={s.key} cx={x(hover)} cy={y(s.values[hover]!)} r={3.5} fill={s.color} />)}
      </svg>
      {hover != null && (
        <div className="chart-tip" style={{ left: `${(x(hover) / W) * 100}%` }}>
          <strong>{labels[hover]}</strong>
          {series.map(s => <div key={s.key}><span className="swatch" style={{ background: s.color }} />{s.label}: {s.values[hover] == null ? '—' : format(s.values[hover]!)}</div>)}
        </div>
      )}
    </div>
  );
}
