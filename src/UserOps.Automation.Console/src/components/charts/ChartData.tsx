import type { ReactNode } from 'react';

export interface Series { key: string; label: string; color: string; values: Array<number | null> }

/**
 * A chart with its text alternative: the drawing is an image with a summary label, and the same numbers are one
 * click away as a table (screen readers reach the table; sighted keyboard users open it with Enter).
 */
export function ChartFigure({ title, summary, labels, series, format, children, testId }: {
  title: string; summary: string; labels: string[]; series: Series[]; format: (n: number) => string; children: ReactNode; testId?: string;
}) {
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption className="chart-head">
        <h2>{title}</h2>
        <ul className="legend" aria-hidden="true">
          {series.map(s => <li key={s.key}><span className="swatch" style={{ background: s.color }} />{s.label}</li>)}
        </ul>
      </figcaption>
      <div role="img" aria-label={`${title}. ${summary}`}>{children}</div>
      <details className="chart-table">
        <summary>Show the numbers as a table</summary>
        <div className="chart-table-scroll">
          <table className="table compact">
            <caption className="visually-hidden">{title}</caption>
            <thead><tr><th scope="col">Time (UTC)</th>{series.map(s => <th key={s.key} scope="col" className="num">{s.label}</th>)}</tr></thead>
            <tbody>
              {labels.map((label, i) => (
                <tr key={i}><th scope="row">{label}</th>{series.map(s => <td key={s.key} className="num">{s.values[i] == null ? '—' : format(s.values[i]!)}</td>)}</tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
