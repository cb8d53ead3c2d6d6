import { useEffect, useRef } from 'react';
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap, type Completion } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { liquid, closePercentBrace } from '@codemirror/lang-liquid';
import { bracketMatching, defaultHighlightStyle, HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { tags as t } from '@lezer/highlight';
import { lintGutter, lintKeymap, setDiagnostics } from '@codemirror/lint';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, placeholder as placeholderText } from '@codemirror/view';
import type { FieldDiagnostic } from '../lib/templateDiagnostics';
import type { FieldKind } from '../lib/templateCatalog';

// What the host's template sandbox exposes (Infrastructure/Messaging/Templates/TemplateFields.cs), offered as completions.
const variables: Completion[] = [
  { label: 'contact', type: 'variable', info: 'The contact the message goes to' },
  { label: 'event', type: 'variable', info: 'The event that triggered the workflow' },
  { label: 'journey', type: 'variable', info: 'The journey: its variables' },
  { label: 'coupon', type: 'variable', info: 'The coupon issued in this journey' },
  { label: 'unsubscribe_url', type: 'variable', info: 'Signed one-click unsubscribe link' },
];
const properties: Record<string, string[]> = {
  contact: ['first_name', 'last_name', 'email', 'phone', 'locale', 'time_zone', 'country', 'city', 'attributes', 'tags'],
  event: ['name', 'properties', 'amount'],
  journey: ['variables'],
  coupon: ['code', 'value', 'expires_at'],
};
const filters: Completion[] = [{ label: 'local_date', type: 'function', info: "Date in the contact's time zone and locale, e.g. local_date: 'MMM d'" }];

// Liquid stands out from the copy around it: delimiters and names in colour, filters in their own.
const liquidStyle = HighlightStyle.define([
  { tag: t.brace, color: '#7a5af8', fontWeight: '600' },
  { tag: t.variableName, color: '#175cd3' },
  { tag: t.propertyName, color: '#1570ef' },
  { tag: t.function(t.variableName), color: '#c11574' },
  { tag: [t.keyword, t.controlKeyword, t.definitionKeyword, t.operatorKeyword], color: '#7a5af8', fontWeight: '600' },
  { tag: t.string, color: '#067647' },
  { tag: [t.number, t.bool, t.atom], color: '#b54708' },
  { tag: [t.lineComment, t.blockComment], color: '#98a2b3', fontStyle: 'italic' },
  { tag: [t.tagName, t.angleBracket], color: '#475467' },
  { tag: t.attributeName, color: '#b54708' },
  { tag: t.attributeValue, color: '#067647' },
]);

const theme = EditorView.theme({
  '&': { fontSize: '13px', backgroundColor: '#fff', border: '1px solid var(--line-strong)', borderRadius: '6px' },
  '&.cm-focused': { outline: 'none', borderColor: 'var(--primary)', boxShadow: '0 0 0 3px rgba(79,70,229,.15)' },
  '.cm-content': { fontFamily: '"JetBrains Mono", ui-monospace, Menlo, Consolas, monospace', padding: '6px 0' },
  '.cm-gutters': { backgroundColor: '#f9fafb', borderRight: '1px solid var(--line)', color: 'var(--faint)', borderRadius: '6px 0 0 6px' },
  '.cm-scroller': { overflow: 'auto' },
});

interface Props {
  value: string;
  onChange: (value: string) => void;
  kind: FieldKind;
  labelId: string;
  describedBy?: string;
  diagnostics: FieldDiagnostic[];
  placeholder?: string;
  readOnly?: boolean;
}

/**
 * A CodeMirror 6 editor for one Liquid field. Tab is left to the browser (focus moves on), so the form stays usable from
 * the keyboard; completions open with Ctrl+Space, diagnostics from the host are underlined where they point.
 */
export function LiquidEditor({ value, onChange, kind, labelId, describedBy, diagnostics, placeholder, readOnly }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    const single = kind === 'line';
    const extensions: Extension[] = [
      history(),
      keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap, ...lintKeymap]),
      liquid({ variables, filters, properties: path => (properties[path[0]] && path.length === 1 ? properties[path[0]].map(label => ({ label, type: 'property' })) : []) }),
      closePercentBrace,
      closeBrackets(),
      bracketMatching(),
      autocompletion(),
      syntaxHighlighting(liquidStyle),
      syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
      theme,
      EditorView.contentAttributes.of({ 'aria-labelledby': labelId, ...(describedBy ? { 'aria-describedby': describedBy } : {}), 'aria-multiline': String(!single) }),
      EditorView.updateListener.of(u => { if (u.docChanged) onChangeRef.current(u.state.doc.toString()); }),
      EditorState.readOnly.of(!!readOnly),
    ];
    if (placeholder) extensions.push(placeholderText(placeholder));
    if (single) {
      // A subject or title is one line: newlines typed or pasted are dropped.
      extensions.push(EditorState.transactionFilter.of(tr => (tr.docChanged && tr.newDoc.lines > 1 ? [] : tr)));
    } else {
      extensions.push(lineNumbers(), lintGutter(), EditorView.lineWrapping);
    }
    const v = new EditorView({ parent: host.current!, state: EditorState.create({ doc: value, extensions }) });
    view.current = v;
    return () => { v.destroy(); view.current = null; };
    // The editor is created once per field kind; value changes from outside are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind, labelId, readOnly]);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const length = v.state.doc.length;
    const clamped = diagnostics.map(d => ({ ...d, from: Math.min(d.from, length), to: Math.min(Math.max(d.to, d.from), length) }));
    v.dispatch(setDiagnostics(v.state, clamped));
  }, [diagnostics]);

  return <div ref={host} className={`liquid-editor kind-${kind}`} />;
}
