import { createContext, useContext } from 'react';
import type { ActivityDescriptor, RuleInfo, SegmentSummary, TemplateSummary } from '../types';

/** What the pickers choose from, loaded once per designer. */
export interface Catalog {
  descriptors: Map<string, ActivityDescriptor>;
  segments: SegmentSummary[];
  rules: RuleInfo[];
  templates: TemplateSummary[];
  timeZone: string;
}

export const CatalogContext = createContext<Catalog>({ descriptors: new Map(), segments: [], rules: [], templates: [], timeZone: 'UTC' });

export const useCatalog = () => useContext(CatalogContext);

/** One line under the activity id on the canvas: what this activity is set to do. */
export function summarize(activity: Record<string, unknown>, catalog: Catalog): string {
  const s = (name: string) => (typeof activity[name] === 'string' ? activity[name] as string : '');
  const duration = (name: string) => {
    const d = activity[name] as { amount?: number; unit?: string } | undefined;
    return d && d.amount !== undefined ? `${d.amount} ${d.unit ?? ''}`.trim() : '';
  };
  switch (activity.type) {
    case 'SegmentEntered': {
      const seg = catalog.segments.find(x => x.key === s('segment'));
      return seg ? `${seg.name} · ${seg.members.toLocaleString()}` : s('segment');
    }
    case 'Schedule': return [s('segment'), s('cron') || s('at'), s('timeZone')].filter(Boolean).join(' · ');
    case 'EventReceived': return [s('event'), s('rule') && `if ${s('rule')}`].filter(Boolean).join(' ');
    case 'If': return s('rule') && `if ${s('rule')}`;
    case 'Switch': return `${Array.isArray(activity.cases) ? activity.cases.length : 0} cases`;
    case 'RandomSplit': {
      const b = Array.isArray(activity.branches) ? activity.branches as Array<{ port: string; weight: number }> : [];
      const parts = b.map(x => `${x.port} ${x.weight}%`);
      if (typeof activity.holdout === 'number' && activity.holdout > 0) parts.push(`holdout ${activity.holdout}%`);
      return parts.join(' · ');
    }
    case 'Delay': return duration('duration') && `wait ${duration('duration')}`;
    case 'WaitUntil': return s('timeOfDay') ? `until ${s('timeOfDay')} local${activity.dayOffset ? ` +${activity.dayOffset}d` : ''}` : s('at');
    case 'WaitForEvent': return [s('event'), duration('timeout') ? `≤ ${duration('timeout')}` : s('untilTimeOfDay') && `until ${s('untilTimeOfDay')}`].filter(Boolean).join(' ');
    case 'SendEmail': case 'SendSms': case 'SendPush': return s('template');
    case 'IssueCoupon': return [s('value'), s('campaign'), duration('validFor') && `valid ${duration('validFor')}`].filter(Boolean).join(' · ');
    case 'Webhook': return s('url');
    default: return '';
  }
}
