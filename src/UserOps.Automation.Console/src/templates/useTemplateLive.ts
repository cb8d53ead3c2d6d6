import { useEffect, useState } from 'react';
import { api, ApiError } from '../api';
import { problemsFromBody, type TemplateProblem } from '../lib/templateDiagnostics';
import type { PreviewResult, TemplateRequest, TemplateValidation } from '../types';

export interface LiveState {
  validation: TemplateValidation | null;
  preview: PreviewResult | null;
  /** Why the preview could not be rendered (syntax errors, unknown contact), as problems. */
  previewProblems: TemplateProblem[];
  busy: boolean;
}

/**
 * Validates and renders the editor's current copy on the host, a short pause after the operator stops typing. A newer
 * edit aborts the requests of an older one, so answers never arrive out of order.
 */
export function useTemplateLive(request: TemplateRequest | null, contactExternalId: string | null, delayMs = 400): LiveState {
  const [state, setState] = useState<LiveState>({ validation: null, preview: null, previewProblems: [], busy: false });
  const body = request ? JSON.stringify(request) : null;

  useEffect(() => {
    if (!request) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      setState(s => ({ ...s, busy: true }));
      const [validation, preview] = await Promise.allSettled([
        api.validateTemplate(request, controller.signal),
        api.previewDraft(request, { contactExternalId }, controller.signal),
      ]);
      if (controller.signal.aborted) return;
      setState(s => ({
        validation: validation.status === 'fulfilled' ? validation.value : s.validation,
        preview: preview.status === 'fulfilled' && preview.value.message ? { message: preview.value.message, sms: preview.value.sms } : null,
        previewProblems: preview.status === 'rejected' ? problemsOf(preview.reason) : preview.value.problems,
        busy: false,
      }));
    }, delayMs);
    return () => { clearTimeout(timer); controller.abort(); };
    // `body` stands for the request's content.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [body, contactExternalId, delayMs]);

  return state;
}

function problemsOf(error: unknown): TemplateProblem[] {
  if (error instanceof ApiError) {
    const problems = problemsFromBody(error.problem as Parameters<typeof problemsFromBody>[0]);
    if (problems.length) return problems;
    return [{ field: '', message: error.problem?.detail ?? error.problem?.title ?? error.message }];
  }
  return [{ field: '', message: error instanceof Error ? error.message : String(error) }];
}
