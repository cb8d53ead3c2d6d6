// Server-side template problems (field, message, 1-based line and column) turned into editor diagnostics: a character
// range inside the field's own text. Problems without a position stay messages under the field.

export interface TemplateProblem { field: string; message: string; line?: number | null; column?: number | null }

export interface FieldDiagnostic { from: number; to: number; message: string; severity: 'error' | 'warning' }

/** The editor field a server field name belongs to: push data entries ("data.url") live in the one JSON editor. */
export function editorFieldOf(field: string): string {
  return field.startsWith('data.') || field === 'data' ? 'dataJson' : field;
}

/** Offset of a 1-based line and column in a text, clamped to the text. */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  const lineEnd = text.indexOf('\n', offset);
  const end = lineEnd < 0 ? text.length : lineEnd;
  return Math.min(offset + Math.max(column - 1, 0), end);
}

/** The range to underline from an offset: the word or Liquid token there, else one character, else the line end. */
export function rangeAt(text: string, from: number): { from: number; to: number } {
  let to = from;
  while (to < text.length && /[\w.\-[\]]/.test(text[to])) to++;
  if (to === from && from < text.length && text[from] !== '\n') to = from + 1;
  if (to === from && from > 0) return { from: from - 1, to: from }; // at the very end: mark the last character
  return { from, to };
}

/** Diagnostics for one editor field, from all the problems of a validation or a refused save. */
export function diagnosticsFor(field: string, text: string, problems: TemplateProblem[]): FieldDiagnostic[] {
  const out: FieldDiagnostic[] = [];
  for (const p of problems) {
    if (editorFieldOf(p.field) !== field) continue;
    let from: number | null = null;
    if (p.line != null && p.column != null) from = offsetOf(text, p.line, p.column);
    else if (p.field.startsWith('data.')) {
      const at = text.indexOf(`"${p.field.slice(5)}"`);
      if (at >= 0) from = at + 1; // the key itself, inside its quotes
    }
    if (from === null) continue;
    const range = rangeAt(text, from);
    out.push({ ...range, message: p.message, severity: 'error' });
  }
  return out;
}

/** Every problem of a field as a line of text (positions as "line 2, column 5"), for the message under the editor. */
export function messagesFor(field: string, problems: TemplateProblem[]): string[] {
  return problems
    .filter(p => editorFieldOf(p.field) === field)
    .map(p => (p.line != null ? `Line ${p.line}, column ${p.column ?? 1}: ${p.message}` : p.message));
}

const positioned = /^(\S+) \((\d+):(\d+)\): ([\s\S]*)$/;
const plain = /^(\S+): ([\s\S]*)$/;

/**
 * Problems from an RFC 7807 body: the structured `problems` extension when the host sent it, else the `errors`
 * strings ("smsBody (2:5): message") parsed back.
 */
export function problemsFromBody(body: { problems?: unknown; errors?: Record<string, string[]> } | null | undefined): TemplateProblem[] {
  if (Array.isArray(body?.problems)) {
    return (body.problems as TemplateProblem[]).filter(p => p && typeof p.field === 'string' && typeof p.message === 'string');
  }
  const out: TemplateProblem[] = [];
  for (const [key, messages] of Object.entries(body?.errors ?? {})) {
    for (const m of messages) {
      const a = positioned.exec(m);
      if (a) { out.push({ field: a[1], line: Number(a[2]), column: Number(a[3]), message: a[4] }); continue; }
      const b = plain.exec(m);
      out.push(b && b[1] === key ? { field: key, message: b[2] } : { field: key, message: m });
    }
  }
  return out;
}
