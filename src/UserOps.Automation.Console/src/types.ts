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

// Templates: the editor's shapes (see /api/templates).
export type Channel = 'Email' | 'Sms' | 'Push';

/** Liquid copy of one version; only the fields of the template's channel are used. */
export interface TemplateContent {
  subject?: string | null; html?: string | null; text?: string | null; fromName?: string | null;
  smsBody?: string | null;
  pushTitle?: string | null; pushBody?: string | null; deepLink?: string | null; dataJson?: string | null;
}

export interface TemplateVersionInfo { id: number; key: string; channel: Channel; locale: string; version: number; content: TemplateContent; createdAt: string }

export interface TemplateDetail { template: TemplateSummary; versions: TemplateVersionInfo[]; missingLocales: string[] }

export interface TemplateRequest { key: string; channel: Channel; locale: string; isDefaultLocale: boolean; content: TemplateContent }

export interface SmsSegmentsInfo { encoding: 'Gsm7' | 'Ucs2'; characters: number; units: number; segments: number; remainingInLastSegment: number }

export interface TemplateProblemInfo { field: string; message: string; line?: number | null; column?: number | null }

export interface TemplateValidation {
  problems: TemplateProblemInfo[]; notes: string[]; isValid: boolean; sms: SmsSegmentsInfo | null; missingLocales: string[];
}

export interface TemplateSaved { template: TemplateSummary; validation: TemplateValidation }

/** A message rendered by the host; `kind` says which channel. */
export type RenderedMessage =
  | { kind: 'email'; templateKey: string; templateVersion: number; locale: string; subject: string; html: string; text: string; fromName: string | null }
  | { kind: 'sms'; templateKey: string; templateVersion: number; locale: string; body: string; segments?: SmsSegmentsInfo }
  | { kind: 'push'; templateKey: string; templateVersion: number; locale: string; title: string; body: string; deepLink: string | null; data: Record<string, string> };

export interface PreviewOptions { contactExternalId?: string | null; version?: number | null }
export interface PreviewResult { message: RenderedMessage; sms: SmsSegmentsInfo | null }
/** A draft's preview: no message while the copy does not parse, and why. */
export interface DraftPreviewResult { message: RenderedMessage | null; sms: SmsSegmentsInfo | null; problems: TemplateProblemInfo[] }
export interface TestSendResult {
  message: RenderedMessage;
  result: { status: 'Sent' | 'Accepted' | 'Failed'; succeeded: boolean; providerMessageId: string | null; failure: { kind: string; providerCode: string | null; message: string } | null };
}

// Messages: the outbox (see /api/outbox).
export interface OutboxSummary {
  id: number; idempotencyKey: string; contactId: number; contactExternalId: string | null; channel: Channel; templateKey: string;
  templateVersionId: number | null; definitionId: string | null; activityId: string | null; status: string; reason: string | null; attempts: number;
  createdAt: string; notBefore: string; expiresAt: string | null; sentAt: string | null; deliveredAt: string | null; providerMessageId: string | null;
  frequencyCapped: boolean;
}
export interface OutboxPage { items: OutboxSummary[]; nextBeforeId: number | null }
export interface OutboxAttempt { number: number; at: string; outcome: string; providerMessageId: string | null; errorCode: string | null; errorMessage: string | null; durationMs: number }
export interface CapturedCopy {
  channel: Channel; recipient: string; subject: string | null; body: string; html: string | null; extra: Record<string, unknown> | null;
  templateKey: string; templateVersion: number; locale: string; capturedAt: string;
}
export interface OutboxDetail {
  message: OutboxSummary; attempts: OutboxAttempt[];
  contact: { externalId: string; firstName: string | null; lastName: string | null; email: string | null; phone: string | null; locale: string | null; timeZone: string | null } | null;
  captured: CapturedCopy | null; rendered: RenderedMessage | null; renderedFrom: 'sent-version' | 'current-template' | null;
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
  /** The host process running it; its heartbeat stopping fails the operation ("host stopped"). */
  owner: string | null; heartbeatAt: string;
  startedAt: string; updatedAt: string; finishedAt: string | null;
}

// Launch now, enrolment, delete (GET/POST /api/workflows/{id}/launch, POST …/enrol, DELETE /api/workflows/{id}).
export type DashboardPreset = '24h' | '7d' | '30d' | '90d';
export interface LaunchPreview {
  definitionId: string; version: number; name: string; trigger: string | null;
  segment: string | null; segmentName: string | null; members: number | null; lastRefreshedAt: string | null; canLaunch: boolean;
}
export interface EnrolResult { enrolled: string[]; unknownContacts: string[]; keptOutByEntryPolicy: string[]; segmentEnrolled: number }
// Simulation and audience estimates (POST /api/workflows/simulate, /api/workflows/audience).
export interface SimDuration { amount: number; unit: 'minutes' | 'hours' | 'days' | 'weeks' }

/** A contact described instead of picked: who it is and what its history comes to. */
export interface ContactDescription {
  externalId?: string; firstName?: string; lastName?: string; email?: string; phone?: string; locale?: string; timeZone?: string;
  country?: string; city?: string; attributes?: Record<string, unknown>; tags?: string[];
  consentEmail?: boolean; consentSms?: boolean; consentPush?: boolean; hasPushToken?: boolean;
  daysSinceLastActive?: number; daysSinceSignup?: number; daysSinceLastPurchase?: number;
  purchases?: number; totalSpendMinor?: number; visits?: number; cappedSendsInWindow?: number;
}

export interface SimulatedEventRequest {
  name: string; after?: SimDuration; properties?: Record<string, unknown>; amountMinor?: number; currency?: string; category?: string;
}

export interface SimulateRequest {
  definition: WorkflowDocument;
  contactExternalId?: string;
  contact?: ContactDescription;
  triggerEvent?: SimulatedEventRequest;
  events?: SimulatedEventRequest[];
  waits?: Record<string, 'Received' | 'TimedOut'>;
  startAt?: string;
  ignoreEntry?: boolean;
}

export type SimVerdict = 'send' | 'suppress' | 'defer' | 'expire' | 'fail';

export interface SimulatedMessage {
  channel: Channel; templateKey: string; verdict: SimVerdict; rendered: RenderedMessage | null; sms: SmsSegmentsInfo | null;
  reason: string | null; sendAt: string | null; localSendAt: string | null; to: string | null;
}

export interface SimulatedStep {
  activityId: string; type: string; outcome: string; at: string; localAt: string; detail: string | null;
  until: string | null; localUntil: string | null;
  message: SimulatedMessage | null;
  coupon: { code: string; campaign: string; value: string; expiresAt: string; simulated: boolean } | null;
  webhook: { url: string; body: unknown } | null;
}

export interface SimulationResult {
  timeZone: string;
  entry: { enters: boolean; reason: string };
  steps: SimulatedStep[];
  path: Array<{ source: string; port: string; target: string }>;
  outcome: { status: string; reason: string | null; at: string; localAt: string };
  goalReachedAt: string | null;
  notes: string[];
}

export interface AudienceRequest { segment?: string; event?: string; rule?: string; days?: number }
export interface AudienceEstimate {
  kind: 'segment' | 'event'; reaches: number; contacts: number; explanation: string; sample: string[];
  segmentMembers: number | null; lastRefreshedAt: string | null; sampled: boolean;
}
