// The one client of the host's public REST API. Everything the console knows it learns here. The operator's
// session is an HttpOnly cookie the host sets at sign-in (the console never sees it); every request sends
// X-Requested-With, which the host requires of cookie-authenticated writes (a cross-site form cannot send it).
import type { AuditEntry } from './lib/audit';
import type { Role } from './lib/roles';
import type {
  ActivityDescriptor, ContactSummary, DraftSaved, ProblemDetails, RuleEstimate, RuleInfo, SegmentDetail, SegmentSummary,
  TemplateSummary, VersionInfo, WorkflowDocument, WorkflowProblem, WorkflowStats, WorkflowSummary,
  DashboardReport, OperationView,
} from './types';
import type { DashboardPreset, EnrolResult, LaunchPreview } from './types';
import type { AudienceEstimate, AudienceRequest, SimulateRequest, SimulationResult } from './types';
import type {
  Channel, DraftPreviewResult, OutboxDetail, OutboxPage, PreviewOptions, PreviewResult, TemplateDetail, TemplateRequest, TemplateSaved, TemplateValidation, TestSendResult,
} from './types';

export const ANTI_FORGERY_HEADER = 'X-Requested-With';

/** Who is signed in: the answer of sign-in, /me and a password change. */
export interface Session { userName: string; role: Role; mustChangePassword: boolean }

/** A failed call, carrying the host's RFC 7807 body when it sent one. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly problem: ProblemDetails | null, message: string) {
    super(message);
  }
}

/** Human text for a problem: its detail, else its title, then each field error as "field: message". */
export function describeProblem(error: unknown): { title: string; lines: string[] } {
  if (error instanceof ApiError) {
    const p = error.problem;
    const lines: string[] = [];
    if (p?.detail) lines.push(p.detail);
    for (const [field, messages] of Object.entries(p?.errors ?? {})) for (const m of messages) lines.push(`${field}: ${m}`);
    return { title: p?.title ?? `${error.status} ${error.message}`, lines };
  }
  return { title: 'Something went wrong', lines: [error instanceof Error ? error.message : String(error)] };
}

const unauthorizedListeners = new Set<() => void>();
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

async function request<T>(method: string, path: string, body?: unknown, as: 'json' | 'text' = 'json', signal?: AbortSignal, extraHeaders?: Record<string, string>): Promise<T> {
  const headers: Record<string, string> = { Accept: as === 'json' ? 'application/json' : 'application/json, text/plain', [ANTI_FORGERY_HEADER]: 'XMLHttpRequest', ...extraHeaders };
  // A Blob (an uploaded file) goes as it is, with its own type; anything else as JSON.
  if (body !== undefined) headers['Content-Type'] = body instanceof Blob ? body.type : 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method, headers, credentials: 'same-origin', signal,
      body: body === undefined ? undefined : body instanceof Blob || typeof body === 'string' ? body : JSON.stringify(body),
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, { title: 'The host cannot be reached', detail: `${method} ${path} failed: is the host running?` }, 'Network error');
  }
  // A refused sign-in is an answer to show; any other 401 means the session ended (expired, signed out, disabled).
  if (response.status === 401 && path !== SIGN_IN) {
    unauthorizedListeners.forEach(l => l());
    throw new ApiError(401, { title: 'Signed out', detail: 'Your session has ended. Sign in again.' }, 'Unauthorized');
  }
  if (!response.ok) {
    let problem: ProblemDetails | null = null;
    const text = await response.text();
    try { problem = text ? JSON.parse(text) as ProblemDetails : null; } catch { problem = { detail: text.slice(0, 300) }; }
    throw new ApiError(response.status, problem, response.statusText || `HTTP ${response.status}`);
  }
  if (response.status === 204) return undefined as T;
  return (as === 'text' ? await response.text() : await response.json()) as T;
}

const enc = encodeURIComponent;
const SIGN_IN = '/api/auth/sign-in';

export const api = {
  signIn: (userName: string, password: string) => request<Session>('POST', SIGN_IN, { userName, password }),
  signOut: () => request<void>('POST', '/api/auth/sign-out'),
  me: () => request<Session>('GET', '/api/auth/me'),
  /** The current session or null, without a 401 (which the browser would log) when there is none. */
  session: async (): Promise<Session | null> => {
    const state = await request<{ signedIn: boolean } & Session>('GET', '/api/auth/session');
    return state.signedIn ? { userName: state.userName, role: state.role, mustChangePassword: state.mustChangePassword } : null;
  },
  changePassword: (currentPassword: string, newPassword: string) => request<Session>('POST', '/api/auth/password', { currentPassword, newPassword }),

  operators: () => request<OperatorInfo[]>('GET', '/api/operators'),
  createOperator: (userName: string, password: string, role: Role) => request<OperatorInfo>('POST', '/api/operators', { userName, password, role }),
  updateOperator: (userName: string, change: { role?: Role; disabled?: boolean }) => request<OperatorInfo>('PUT', `/api/operators/${enc(userName)}`, change),
  resetPassword: (userName: string) => request<{ userName: string; password: string }>('POST', `/api/operators/${enc(userName)}/reset-password`),

  keys: () => request<KeyInfo[]>('GET', '/api/keys'),
  createKey: (name: string, role: Role) => request<KeyInfo & { key: string }>('POST', '/api/keys', { name, role }),
  revokeKey: (prefix: string) => request<void>('DELETE', `/api/keys/${enc(prefix)}`),

  audit: (query: string) => request<AuditEntry[]>('GET', `/api/audit${query}`),

  activities: () => request<ActivityDescriptor[]>('GET', '/api/activities'),

  workflows: () => request<WorkflowSummary[]>('GET', '/api/workflows'),
  versions: (id: string) => request<VersionInfo[]>('GET', `/api/workflows/${enc(id)}`),
  exportVersion: (id: string, version: number) => request<string>('GET', `/api/workflows/${enc(id)}/versions/${version}`, undefined, 'text'),
  saveDraft: (doc: WorkflowDocument) => request<DraftSaved>('POST', '/api/workflows', doc),
  validate: (doc: WorkflowDocument, signal?: AbortSignal) => request<WorkflowProblem[]>('POST', '/api/workflows/validate', doc, 'json', signal),
  publish: (id: string) => request<VersionInfo>('POST', `/api/workflows/${enc(id)}/publish`),
  retire: (id: string) => request<void>('POST', `/api/workflows/${enc(id)}/retire`),
  stats: (id: string) => request<WorkflowStats>('GET', `/api/workflows/${enc(id)}/stats`),

  segments: () => request<SegmentSummary[]>('GET', '/api/segments'),
  segment: (key: string) => request<SegmentDetail>('GET', `/api/segments/${enc(key)}`),

  rules: () => request<RuleInfo[]>('GET', '/api/rules'),
  estimate: (rule: string) => request<RuleEstimate>('POST', '/api/rules/estimate', { rule }),

  templates: () => request<TemplateSummary[]>('GET', '/api/templates'),
  templateVariants: (key: string, channel?: Channel) =>
    request<TemplateSummary[]>('GET', `/api/templates?key=${enc(key)}${channel ? `&channel=${channel}` : ''}`),
  template: (key: string, locale: string) => request<TemplateDetail>('GET', `/api/templates/${enc(key)}/${enc(locale)}`),
  createTemplate: (t: TemplateRequest) => request<TemplateSaved>('POST', '/api/templates', t),
  updateTemplate: (t: TemplateRequest) => request<TemplateSaved>('PUT', `/api/templates/${enc(t.key)}/${enc(t.locale)}`, t),
  deleteTemplate: (key: string, locale: string) => request<void>('DELETE', `/api/templates/${enc(key)}/${enc(locale)}`),
  validateTemplate: (t: TemplateRequest, signal?: AbortSignal) => request<TemplateValidation>('POST', '/api/templates/validate', t, 'json', signal),
  /** Renders the editor's unsaved copy for a contact (or the sample contact). */
  previewDraft: (t: TemplateRequest, preview: PreviewOptions, signal?: AbortSignal) =>
    request<DraftPreviewResult>('POST', '/api/templates/preview', { template: t, preview }, 'json', signal),
  /** Renders a saved version (the latest unless `version` is given). */
  previewTemplate: (key: string, locale: string, preview: PreviewOptions, signal?: AbortSignal) =>
    request<PreviewResult>('POST', `/api/templates/${enc(key)}/${enc(locale)}/preview`, preview, 'json', signal),
  testSend: (key: string, locale: string, to: string, preview: PreviewOptions, platform?: string) =>
    request<TestSendResult>('POST', `/api/templates/${enc(key)}/${enc(locale)}/test-send`, { to, platform, preview }),

  outbox: (query: string) => request<OutboxPage>('GET', `/api/outbox?${query}`),
  outboxMessage: (id: number) => request<OutboxDetail>('GET', `/api/outbox/${id}`),

  contacts: (q: string, take = 50) => request<ContactSummary[]>('GET', `/api/contacts?q=${enc(q)}&take=${take}`),
  contact: (id: string) => request<ContactDetail>('GET', `/api/contacts/${enc(id)}`),
  journeys: (id: string) => request<JourneyHistory[]>('GET', `/api/contacts/${enc(id)}/journeys`),

  /** A preset range is reckoned on the host's clock (the answer's from/to say what it used); a custom one is sent as it is. */
  dashboard: (q: { range: DashboardPreset } | { from: string; to: string; bucket?: 'hour' | 'day' }) =>
    request<DashboardReport>('GET', `/api/dashboard?${'range' in q ? `range=${q.range}`
      : `from=${enc(q.from)}&to=${enc(q.to)}${q.bucket ? `&bucket=${q.bucket}` : ''}`}`),
  operations: (q: { status?: 'running' | 'finished'; kind?: string; take?: number } = {}) =>
    request<OperationView[]>('GET', `/api/operations?take=${q.take ?? 20}${q.status ? `&status=${q.status}` : ''}${q.kind ? `&kind=${enc(q.kind)}` : ''}`),
  operation: (id: number) => request<OperationView>('GET', `/api/operations/${id}`),
  /** Starts a segment refresh now; answers 202 with its operation. */
  refreshSegment: (key: string) => request<OperationView>('POST', `/api/segments/${enc(key)}/refresh`, undefined, 'json', undefined, RESPOND_ASYNC),

  /** Runs the canvas's workflow for one contact on the host's engine; nothing is sent or written. */
  simulate: (r: SimulateRequest, signal?: AbortSignal) => request<SimulationResult>('POST', '/api/workflows/simulate', r, 'json', signal),
  /** How many contacts a trigger's segment or event (and rule) reaches now. */
  audience: (r: AudienceRequest, signal?: AbortSignal) => request<AudienceEstimate>('POST', '/api/workflows/audience', r, 'json', signal),
};

const RESPOND_ASYNC = { Prefer: 'respond-async' };

/** Launch now, workflow delete, enrolment from the console (issue 5). */
export const workflowOps = {
  /** What a launch would do: the published version, its trigger, the audience and its size. */
  launchPreview: (id: string) => request<LaunchPreview>('GET', `/api/workflows/${enc(id)}/launch`),
  /** Fires the blast once now; the same `key` again answers the same operation (a double click launches once). */
  launch: (id: string, key: string) =>
    request<OperationView>('POST', `/api/workflows/${enc(id)}/launch`, undefined, 'json', undefined, { 'Idempotency-Key': key }),
  /** Enrols a segment's members and/or listed contacts into an API-triggered workflow; `requestId` makes a retry enrol nobody twice. */
  enrol: (id: string, body: { segment?: string; externalIds?: string[]; requestId: string }) =>
    request<EnrolResult>('POST', `/api/workflows/${enc(id)}/enrol`, body),
  deleteWorkflow: (id: string) => request<void>('DELETE', `/api/workflows/${enc(id)}`),
};

/**
 * Uploads a CSV file with XMLHttpRequest, whose upload events report the bytes sent before the host has the file
 * (fetch has no upload progress in Chromium without a streamed body, which needs HTTP/2). The host answers 202
 * with the import's operation. Errors are the same ApiError as every other call.
 */
export function importCsvWithProgress(
  kind: 'contacts' | 'events', file: Blob, name: string, onProgress: (sent: number, total: number) => void, signal?: AbortSignal,
): Promise<OperationView> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const path = `/api/imports/${kind}?name=${enc(name)}`;
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', 'text/csv');
    xhr.setRequestHeader(ANTI_FORGERY_HEADER, 'XMLHttpRequest');
    xhr.setRequestHeader('Prefer', RESPOND_ASYNC.Prefer);
    xhr.upload.onprogress = e => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onerror = () => reject(new ApiError(0, { title: 'The host cannot be reached', detail: `POST ${path} failed: is the host running?` }, 'Network error'));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    xhr.onload = () => {
      if (xhr.status === 401) {
        unauthorizedListeners.forEach(l => l());
        reject(new ApiError(401, { title: 'Signed out', detail: 'Your session has ended. Sign in again.' }, 'Unauthorized'));
        return;
      }
      let body: unknown = null;
      try { body = xhr.responseText ? JSON.parse(xhr.responseText) : null; } catch { body = { detail: xhr.responseText.slice(0, 300) }; }
      if (xhr.status < 200 || xhr.status >= 300) reject(new ApiError(xhr.status, body as ProblemDetails | null, xhr.statusText || `HTTP ${xhr.status}`));
      else resolve(body as OperationView);
    };
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(file);
  });
}

export interface ContactDetail {
  externalId: string; email: string | null; phone: string | null; firstName: string | null; lastName: string | null;
  locale: string | null; timeZone: string | null; country: string | null; city: string | null;
  attributes: Record<string, unknown>; tags: string[];
  consent: { email: boolean; sms: boolean; push: boolean };
  pushTokens: Array<{ token: string; platform: string; createdAt: string }>;
  facts: {
    lastActiveAt: string; lastPurchaseAt: string | null; visitCount: number; purchaseCount: number; totalSpendMinor: number;
    visitsInWindow: number; purchasesInWindow: number; spendInWindowMinor: number;
    recencyScore: number; frequencyScore: number; monetaryScore: number; lifecycle: string;
    interests: Array<{ category: string; count: number; lastSeenAt: string }>;
  };
  recentEvents: Array<{ name: string; timestamp: string; properties: Record<string, unknown>; amountMinor: number | null; currency: string | null; category: string | null }>;
  /** The segments the contact is in now, with when it entered each. */
  segments: Array<{ key: string; name: string; enteredAt: string }>;
  createdAt: string; updatedAt: string;
}

export interface JourneyHistory {
  id: number; workflow: string; version: number; status: string; activity: string; dueAt: string | null; variant: string | null;
  enteredAt: string; endedAt: string | null; endReason: string | null; goalReachedAt: string | null;
  steps: Array<{ activity: string; outcome: string; at: string; detail: string | null }>;
}

export interface OperatorInfo {
  userName: string; role: Role; disabled: boolean; mustChangePassword: boolean;
  createdAt: string; lastSignInAt: string | null; lockedUntil: string | null; failedAttempts: number;
}

export interface KeyInfo { name: string; prefix: string; role: Role; createdAt: string; revokedAt: string | null }
