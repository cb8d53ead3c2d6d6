import { useMemo, useState } from 'react';
import { api } from '../api';
import { ChartFigure, type Series } from '../components/charts/ChartData';
import { LineChart } from '../components/charts/LineChart';
import { StackedBars } from '../components/charts/StackedBars';
import { Spinner } from '../components/Sparkline';
import { useResource } from '../components/useResource';
import { KpiTile } from '../dashboard/KpiTile';
import { bucketLabel, perBucket, pointsDelta, rateSeries, type Preset, type TimeRange } from '../dashboard/model';
import { RangePicker } from '../dashboard/RangePicker';
import { RecallPanel } from '../dashboard/RecallPanel';
import { WorkflowConversion } from '../dashboard/WorkflowConversion';
import { number, percent } from '../format';
import { href } from '../router';
import type { DashboardReport, MessageCounts } from '../types';

const channelColors: Record<string, string> = { Email: '#2e90fa', Sms: '#7a5af8', Push: '#079455' };
const outcomes: Array<{ key: keyof MessageCounts; label: string; color: string }> = [
  { key: 'delivered', label: 'Delivered', color: '#079455' },
  { key: 'sent', label: 'Sent', color: '#2e90fa' },
  { key: 'pending', label: 'Pending', color: '#98a2b3' },
  { key: 'suppressed', label: 'Suppressed', color: '#dc6803' },
  { key: 'expired', label: 'Expired', color: '#fdb022' },
  { key: 'failed', label: 'Failed', color: '#d92d20' },
];

export function DashboardPage() {
  const [preset, setPreset] = useState<Preset | 'custom'>('7d');
  // A preset goes to the host as it is, so the host's clock decides which days "last 7 days" are; a custom range is sent as picked.
  const [custom, setCustom] = useState<TimeRange | null>(null);
  const query = preset === 'custom' && custom ? custom : { range: preset === 'custom' ? '7d' as const : preset };
  const report = useResource(() => api.dashboard(query), [JSON.stringify(query)], 'Loading the dashboard');
  const r = report.data;
  // What the host used; until it answers, the custom dates (or nothing) stand in.
  const range: TimeRange | null = r ? { from: r.from, to: r.to, bucket: r.bucket } : custom;
  return (
    <div className="page dashboard" data-testid="dashboard-page">
      <header className="page-header">
        <div>
          <h1>Dashboard</h1>
          <p className="muted">Messages, journeys, recall and coupons over the chosen range{range ? ` (${range.bucket === 'hour' ? 'hourly' : 'daily'}, UTC)` : ''}.</p>
        </div>
        <div className="header-actions">
          <RangePicker preset={preset} range={range}
            onPreset={p => { setPreset(p); setCustom(null); }}
            onCustom={c => { setPreset('custom'); setCustom(c); }} />
          <button type="button" className="button small" onClick={report.reload} disabled={report.loading}>Refresh</button>
        </div>
      </header>
      {report.loading && !r && <Spinner label="Loading the dashboard" />}
      {r && <Report report={r} />}
      <section className="dash-section" aria-labelledby="conversion-title">
        <h2 id="conversion-title" className="section-title">Live workflows: goal conversion against the holdout (all time)</h2>
        <WorkflowConversion />
      </section>
    </div>
  );
}

function Report({ report }: { report: DashboardReport }) {
  const [by, setBy] = useState<'channel' | 'outcome'>('channel');
  const labels = useMemo(() => report.buckets.map(b => bucketLabel(b, report.bucket)), [report]);
  const points = useMemo(() => perBucket(report.sends, report.buckets.length), [report]);
  const t = report.totals;
  const p = report.previousTotals;
  const sendSeries: Series[] = by === 'channel'
    ? report.sends.map(s => ({ key: s.channel, label: s.channel === 'Sms' ? 'SMS' : s.channel, color: channelColors[s.channel] ?? '#667085', values: s.points.map(x => x.total) }))
    : outcomes.map(o => ({ key: o.key, label: o.label, color: o.color, values: points.map(x => x[o.key] as number) }));
  const rates: Series[] = [
    { key: 'delivery', label: 'Delivery', color: '#079455', values: rateSeries(points, 'deliveryRate') },
    { key: 'failure', label: 'Failure', color: '#d92d20', values: rateSeries(points, 'failureRate') },
    { key: 'suppression', label: 'Suppression', color: '#dc6803', values: rateSeries(points, 'suppressionRate') },
  ];
  const journeys: Series[] = [
    { key: 'active', label: 'Active', color: '#4f46e5', values: report.journeys.active },
    { key: 'entered', label: 'Entered', color: '#2e90fa', values: report.journeys.entered },
    { key: 'ended', label: 'Ended', color: '#98a2b3', values: report.journeys.ended },
  ];
  const coupons: Series[] = [
    { key: 'issued', label: 'Issued', color: '#7a5af8', values: report.coupons.issued },
    { key: 'redeemed', label: 'Redeemed', color: '#079455', values: report.coupons.redeemed },
  ];
  const c = report.coupons;
  const previousCompared = p.total > 0 ? `${number(p.total)} the period before` : undefined;

  return (
    <>
      <div className="kpis" role="list" aria-label="Key figures">
        <div role="listitem"><KpiTile label="Messages" value={number(t.total)} delta={p.total === 0 ? null : ((t.total - p.total) / p.total) * 100} deltaUnit="%" trend={points.map(x => x.total)} hint={previousCompared} /></div>
        <div role="listitem"><KpiTile label="Delivery rate" value={t.finished ? percent(t.deliveryRate) : '—'} delta={pointsDelta(t.deliveryRate, p.deliveryRate, p.finished)} trend={rates[0].values} hint="Sent or delivered, of the messages whose fate is known" /></div>
        <div role="listitem"><KpiTile label="Failure rate" value={t.finished ? percent(t.failureRate) : '—'} delta={pointsDelta(t.failureRate, p.failureRate, p.finished)} goodWhenUp={false} trend={rates[1].values} /></div>
        <div role="listitem"><KpiTile label="Suppression rate" value={t.finished ? percent(t.suppressionRate) : '—'} delta={pointsDelta(t.suppressionRate, p.suppressionRate, p.finished)} goodWhenUp={false} trend={rates[2].values} hint="Held back by consent, unsubscribe, the suppression list or the frequency cap" /></div>
        <div role="listitem"><KpiTile label="Active journeys" value={number(report.journeys.now)} trend={report.journeys.active} hint="Running or waiting right now" /></div>
        <div role="listitem"><KpiTile label="Redemption" value={c.issuedInRange ? percent(c.redemptionRate) : '—'} trend={c.redeemed} hint={`${number(c.redeemedOfIssued)} of ${number(c.issuedInRange)} coupons issued in the range`} /></div>
      </div>

      <section className="card">
        <div className="card-tools">
          <div className="segmented small" role="group" aria-label="Stack the sends by">
            <button type="button" className={by === 'channel' ? 'active' : undefined} aria-pressed={by === 'channel'} onClick={() => setBy('channel')}>By channel</button>
            <button type="button" className={by === 'outcome' ? 'active' : undefined} aria-pressed={by === 'outcome'} onClick={() => setBy('outcome')}>By outcome</button>
          </div>
        </div>
        {t.total === 0 ? (
          <div className="panel-empty">
            <h2>Sends per {by}</h2>
            <p><strong>No messages in this range.</strong></p>
            <p className="muted">Messages appear here as published workflows send them. Publish a workflow in <a href={href('workflows')}>Workflows</a>, import contacts on the <a href={href('imports')}>Import</a> page, or pick a wider range.</p>
          </div>
        ) : (
          <ChartFigure testId="chart-sends" title={`Sends per ${by}`} labels={labels} series={sendSeries} format={number}
            summary={`${number(t.total)} messages: ${report.sends.map(s => `${s.channel} ${number(s.totals.total)}`).join(', ')}; ${number(t.sent + t.delivered)} sent or delivered, ${number(t.failed)} failed, ${number(t.suppressed)} suppressed, ${number(t.expired)} expired.`}>
            <StackedBars labels={labels} series={sendSeries} format={number} />
          </ChartFigure>
        )}
      </section>

      <div className="dash-grid">
        <section className="card">
          {t.finished === 0
            ? <div className="panel-empty"><h2>Rates</h2><p className="muted">No message finished in this range, so there is no rate to show yet.</p></div>
            : (
              <ChartFigure testId="chart-rates" title="Delivery, failure and suppression rates" labels={labels} series={rates} format={v => percent(v, 0)}
                summary={`Delivery ${percent(t.deliveryRate)}, failure ${percent(t.failureRate)}, suppression ${percent(t.suppressionRate)} over the range.`}>
                <LineChart labels={labels} series={rates} format={v => percent(v, 0)} percent />
              </ChartFigure>
            )}
        </section>
        <section className="card">
          <ChartFigure testId="chart-journeys" title="Active journeys" labels={labels} series={journeys} format={number}
            summary={`${number(report.journeys.now)} active now; ${number(report.journeys.entered.reduce((a, b) => a + b, 0))} entered and ${number(report.journeys.ended.reduce((a, b) => a + b, 0))} ended in the range.`}>
            <LineChart labels={labels} series={journeys} format={number} />
          </ChartFigure>
        </section>
        <section className="card" aria-labelledby="recall-title">
          <h2 id="recall-title">Recall reactivation</h2>
          <RecallPanel recall={report.recall} />
        </section>
        <section className="card">
          {c.issuedInRange === 0 && c.redeemed.every(v => v === 0) ? (
            <div className="panel-empty">
              <h2>Coupons</h2>
              <p><strong>No coupons issued in this range.</strong></p>
              <p className="muted">Add an <em>Issue coupon</em> step to a workflow (the 30-day recall has one) and the issued and redeemed coupons show here.</p>
            </div>
          ) : (
            <>
              <ChartFigure testId="chart-coupons" title="Coupons issued and redeemed" labels={labels} series={coupons} format={number}
                summary={`${number(c.issuedInRange)} issued in the range, ${number(c.redeemedOfIssued)} of them redeemed (${percent(c.redemptionRate)}), ${number(c.expiredUnredeemed)} expired unused.`}>
                <LineChart labels={labels} series={coupons} format={number} />
              </ChartFigure>
              <table className="table compact">
                <thead><tr><th>Campaign</th><th className="num">Issued</th><th className="num">Redeemed</th><th className="num">Rate</th></tr></thead>
                <tbody>
                  {c.campaigns.map(k => (
                    <tr key={k.campaign}><td className="mono">{k.campaign}</td><td className="num">{number(k.issued)}</td><td className="num">{number(k.redeemed)}</td><td className="num">{k.issued ? percent(k.redeemed / k.issued) : '—'}</td></tr>
                  ))}
                  <tr><td className="muted">Expired unused</td><td className="num" colSpan={3}>{number(c.expiredUnredeemed)}</td></tr>
                </tbody>
              </table>
            </>
          )}
        </section>
      </div>
    </>
  );
}
