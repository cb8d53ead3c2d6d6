import { useState } from 'react';
import { niceScale } from '../../dashboard/model';
import type { Series } from './ChartData';
import { GridLines } from './GridLines';
import { useWidth } from './useWidth';

const H = 220;
const PAD = { left: 44, right: 8, top: 10, bottom: 26 };

/** Bars per bucket, one stacked segment per series; hovering a column shows its numbers. */
export function StackedBars({ labels, series, format }: { labels: string[]; series: Series[]; format: (n: number) => string }) {
  const [hover, setHover] = useState<number | null>(null);
  const [ref, W] = useWidth<HTMLDivElement>();
  const totals = labels.map((_, i) => series.reduce((a, s) => a + (s.values[i] ?? 0), 0));
  const scale = niceScale(Math.max(0, ...totals));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, labels.length);
  const barW = Math.max(2, Math.min(38, slot * 0.7));
  const y = (v: number) => PAD.top + plotH - (v / scale.max) * plotH;
  const every = Math.ceil(labels.length / Math.max(2, Math.floor((W - 52) / 64)));

  return (
    <div className="chart-box" ref={ref} onMouseLeave={() => setHover(null)}>
      <svg viewBox={`0 0 ${W} ${H}`} className="chart-svg" width={W} height={H}>
        <GridLines ticks={scale.ticks} y={y} left={PAD.left} right={W - PAD.right} format={format} />
        {labels.map((label, i) => {
          const x = PAD.left + slot * i + (slot - barW) / 2;
          let base = 0;
          return (
            <g key={i} onMouseEnter={() => setHover(i)}>
              <rect x={PAD.left + slot * i} y={PAD.top} width={slot} height={plotH} className={hover === i ? 'hover-col' : 'hit'} />
              {series.map(s => {
                const v = s.values[i] ?? 0;
                if (v <= 0) return null;
                const top = y(base + v);
                const height = y(base) - top;
                base += v;
                return <rect key={s.key} x={x} y={top} width={barW} height={Math.max(0.5, height)} fill={s.color} rx={1.5} />;
              })}
              {i % every === 0 && <text x={PAD.left + slot * i + slot / 2} y={H - 8} className="axis" textAnchor="middle">{label}</text>}
            </g>
          );
        })}
      </svg>
      {hover != null && (
        <div className="chart-tip" style={{ left: `${((PAD.left + slot * (hover + 0.5)) / W) * 100}%` }}>
          <strong>{labels[hover]}</strong>
          {series.map(s => <div key={s.key}><span className="swatch" style={{ background: s.color }} />{s.label}: {format(s.values[hover] ?? 0)}</div>)}
          <div className="muted">Total: {format(totals[hover])}</div>
        </div>
      )}
    </div>
  );
}
