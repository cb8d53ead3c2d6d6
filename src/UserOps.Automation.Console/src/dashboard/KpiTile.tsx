import { Sparkline } from '../components/Sparkline';

/** A headline number with its change against the previous period of the same length, and its trend over the range. */
export function KpiTile({ label, value, delta, deltaUnit = 'pts', goodWhenUp = true, trend, hint }: {
  label: string; value: string; delta?: number | null; deltaUnit?: string; goodWhenUp?: boolean; trend?: Array<number | null>; hint?: string;
}) {
  const points = (trend ?? []).filter((v): v is number => v != null);
  const tone = delta == null || Math.abs(delta) < 0.05 ? 'flat' : (delta > 0) === goodWhenUp ? 'up' : 'down';
  return (
    <div className="kpi" title={hint}>
      <div className="kpi-label">{label}</div>
      <div className="kpi-main">
        <span className="kpi-value">{value}</span>
        {points.length > 1 && <span className="kpi-trend"><Sparkline values={points} width={64} height={22} label={`${label} trend over the range`} /></span>}
      </div>
      <div className={`kpi-delta ${tone}`}>
        {delta == null
          ? <span className="muted">vs previous: —</span>
          : <>{delta > 0 ? '▲' : delta < 0 ? '▼' : '■'} {Math.abs(delta).toFixed(1)} {deltaUnit}<span className="muted"> vs previous</span></>}
      </div>
    </div>
  );
}
