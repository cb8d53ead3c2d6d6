// Shapes of the host's public REST API (see /openapi/v1.json). Only what the console reads.

export type ActivityKind = 'Trigger' | 'Flow' | 'Wait' | 'Action';

export type InputKind =
  | 'Text' | 'Rule' | 'Segment' | 'Template' | 'Duration' | 'TimeOfDay' | 'LocalDateTime' | 'TimeZone' | 'Cron'
  | 'Percent' | 'Days' | 'Cases' | 'Branches' | 'Attributes' | 'Tags' | 'Url' | 'Json';

export interface InputDescriptor { name: string; kind: InputKind; required: boolean; description: string }

export interface ActivityDescriptor {
  type: string;
  kind: ActivityKind;
  displayName: string;
  description: string;
  inputs: InputDescriptor[];
  fixedPorts: string[];
}

export interface Position { x: number; y: number }

/** One activity: id, type, its inputs as top-level properties, and designer metadata. */
export interface Activity {
  id: string;
  type: string;
  metadata?: { designer?: { position?: Position } };
  [input: string]: unknown;
}

export interface Endpoint { activity: string; port?: string }
export interface Connection { source: Endpoint; target: Endpoint }

export interface WorkflowSettings {
  entry?: { policy?: 'Once' | 'OncePerPeriod' | 'EveryTime'; periodDays?: number };
  exitRule?: string;
  goal?: { event: string; rule?: string; withinDays?: number };
  timeZone?: string;
  frequencyCapped?: boolean;
}

export interface WorkflowDocument {
  definitionId: string;
  version?: number;
  name: string;
  description?: string;
  isPublished?: boolean;
  isLatest?: boolean;
  settings?: WorkflowSettings;
  root: { type?: 'Flowchart'; activities: Activity[]; connections: Connection[] };
}

export interface WorkflowSummary {
  definitionId: string; name: string; latestVersion: number; publishedVersion: number | null;
  latestStatus: string; updatedAt: string; activeJourneys: number;
}

export interface VersionInfo {
  version: number; name: string; status: string; createdAt: string; publishedAt: string | null; retiredAt: string | null;
}

export interface WorkflowProblem { activityId: string | null; message: string }

export interface DraftSaved { definitionId: string; version: number; problems: WorkflowProblem[] }

export interface ActivityStats {
  activityId: string; outcomes: Record<string, number>; waiting: number; messages: Record<string, number>;
}

export interface Conversion {
  treated: number; treatedConverted: number; holdout: number; holdoutConverted: number;
  treatedRate: number; holdoutRate: number; lift: number | null;
}

export interface WorkflowStats { definitionId: string; activities: ActivityStats[]; conversion: Conversion }

export interface SegmentTrendPoint { at: string; members: number; entered: number; left: number }
export interface SegmentSummary {
  key: string; name: string; description: string | null; rule: string; members: number;
  lastRefreshedAt: string | null; trend: SegmentTrendPoint[];
}
export interface SegmentMember { externalId: string; email: string | null; phone: string | null; lifecycle: string; enteredAt: string }
export interface SegmentDetail { segment: SegmentSummary; sampleMembers: SegmentMember[] }

export interface RuleInfo {
  name: string; ruleSet: string; file: string; expression: string; title: string | null; description: string | null; usesEvent: boolean;
}
export interface RuleEstimate { matches: number; contacts: number; sample: string[] }

export interface TemplateSummary {
  id: number; key: string; channel: string; locale: string; isDefaultLocale: boolean; version: number;
  content: Record<string, unknown>; createdAt: string; updatedAt: string;
}

export interface ContactSummary {
  externalId: string; email: string | null; phone: string | null; firstName: string | null; lastName: string | null;
  lifecycle: string; lastActiveAt: string; createdAt: string;
}

/** RFC 7807 problem details as the host sends them. */
export interface ProblemDetails {
  type?: string; title?: string; status?: number; detail?: string;
  errors?: Record<string, string[]>;
  problems?: WorkflowProblem[];
}

// Dashboard (GET /api/dashboard): every series is aligned with `buckets` (UTC bucket starts).
export interface MessageCounts {
  sent: number; delivered: number; failed: number; suppressed: number; expired: number; pending: number;
  total: number; finished: number; deliveryRate: number; failureRate: number; suppressionRate: number; expiryRate: number;
}
export interface ChannelSends { channel: string; totals: MessageCounts; points: MessageCounts[] }
export interface RecallGroup {
  definitionId: string; name: string; treated: number; treatedReactivated: number; holdout: number; holdoutReactivated: number;
  treatedRate: number; holdoutRate: number; lift: number | null;
}
export interface DashboardReport {
  from: string; to: string; bucket: 'hour' | 'day'; buckets: string[];
  sends: ChannelSends[]; totals: MessageCounts; previousTotals: MessageCounts;
  journeys: { now: number; active: number[]; entered: number[]; ended: number[] };
  recall: { overall: RecallGroup; workflows: RecallGroup[] };
  coupons: {
    issued: number[]; redeemed: number[]; issuedInRange: number; redeemedOfIssued: number; expiredUnredeemed: number;
    redemptionRate: number; campaigns: Array<{ campaign: string; issued: number; redeemed: number }>;
  };
}

// Long operations (GET /api/operations): imports, segment refreshes, blast firings.
export type OperationStatus = 'Running' | 'Succeeded' | 'CompletedWithErrors' | 'Failed';
export interface OperationError { line: number | null; field: string | null; message: string }
export interface OperationView {
  id: number; kind: string; subject: string | null; status: OperationStatus; unit: string;
  processed: number; total: number | null; fraction: number | null; errors: number; firstErrors: OperationError[];
  counts: Record<string, number>; message: string | null; startedBy: string | null;
  startedAt: string; updatedAt: string; finishedAt: string | null;
}
