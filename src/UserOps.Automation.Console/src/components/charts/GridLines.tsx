/** The horizontal grid and the value axis shared by the dashboard's charts: one line and one label per tick. */
export function GridLines({ ticks, y, left, right, format }: {
  ticks: number[]; y: (value: number) => number; left: number; right: number; format: (n: number) => string;
}) {
  return (
    <>
      {ticks.map(t => (
        <g key={t}>
          <line x1={left} x2={right} y1={y(t)} y2={y(t)} className="grid" />
          <text x={left - 6} y={y(t) + 4} className="axis" textAnchor="end">{format(t)}</text>
        </g>
      ))}
    </>
  );
}
