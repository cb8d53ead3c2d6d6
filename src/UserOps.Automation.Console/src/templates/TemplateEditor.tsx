import { useEffect, useId, useMemo, useState } from 'react';
import './editor.css';
import { api, ApiError } from '../api';
import { Icon } from '../components/Icon';
import { Spinner } from '../components/Sparkline';
import { useToasts } from '../components/Toasts';
import { useResource } from '../components/useResource';
import { channelFields, contentFor, isLocaleTag, isTemplateKey, sameContent } from '../lib/templateCatalog';
import { diagnosticsFor, editorFieldOf, messagesFor, problemsFromBody, type TemplateProblem } from '../lib/templateDiagnostics';
import { href, navigate } from '../router';
import type { Channel, PreviewResult, TemplateContent, TemplateRequest } from '../types';
import { channelIcon } from '../pages/TemplatesPage';
import type { PickedContact } from './ContactPicker';
import { LiquidEditor } from './LiquidEditor';
import { LocaleBar } from './LocaleBar';
import { PreviewPanel } from './PreviewPanel';
import { SmsCounter } from './SmsCounter';
import { TestSendForm } from './TestSendForm';
import { useTemplateLive } from './useTemplateLive';
import { useCan } from '../session';
import { VersionList } from './VersionList';

// The contact chosen for previews stays chosen while the operator moves between templates.
let lastContact: PickedContact | null = null;

/** #/templates/{key} without a locale opens the key's default locale. */
export function TemplateRoute({ templateKey, locale }: { templateKey: string; locale?: string }) {
  const needsLocale = templateKey !== 'new' && !locale;
  const variants = useResource(() => (needsLocale ? api.templateVariants(templateKey) : Promise.resolve([])), [templateKey, needsLocale], 'Loading template');
  useEffect(() => {
    if (!needsLocale || !variants.data) return;
    const main = variants.data.find(v => v.isDefaultLocale) ?? variants.data[0];
    if (main) window.location.replace(href('templates', templateKey, main.locale));
  }, [needsLocale, variants.data, templateKey]);
  if (!needsLocale) return <TemplateEditor key={`${templateKey}/${locale ?? ''}`} templateKey={templateKey} locale={locale} />;
  if (variants.data && variants.data.length === 0) return <div className="page"><p>No template '{templateKey}'. <a href={href('templates')}>Back to templates</a></p></div>;
  return <div className="page"><Spinner /></div>;
}

/** Edits one locale variant of a template key (or a new template when the key is "new"), with live validation and preview. */
export function TemplateEditor({ templateKey, locale }: { templateKey: string; locale?: string }) {
  // Controls a role cannot use are left out; the host refuses them anyway.
  const canEdit = useCan('editTemplates');
  const canTestSend = useCan('testSend');
  // #/templates/new is a new template; a template whose key is "new" is still reachable as #/templates/new/<locale>.
  const isNew = templateKey === 'new' && !locale;
  const uid = useId();
  const toasts = useToasts();
  const detail = useResource(() => (isNew ? Promise.resolve(null) : api.template(templateKey, locale ?? 'en')), [templateKey, locale], 'Loading template');
  const variants = useResource(() => (isNew ? Promise.resolve([]) : api.templateVariants(templateKey)), [templateKey], 'Loading locales');

  const [key, setKey] = useState(isNew ? '' : templateKey);
  const [loc, setLoc] = useState(locale ?? 'en');
  const [channel, setChannel] = useState<Channel>('Email');
  const [content, setContent] = useState<TemplateContent>({});
  const [saved, setSaved] = useState<TemplateContent | null>(null);
  const [isDefault, setIsDefault] = useState(true);
  const [savedDefault, setSavedDefault] = useState(true);
  const [saveProblems, setSaveProblems] = useState<TemplateProblem[]>([]);
  const [contact, setContact] = useState<PickedContact | null>(lastContact);
  const [viewing, setViewing] = useState<number | null>(null);
  const [versionPreview, setVersionPreview] = useState<PreviewResult | null>(null);
  const [busy, setBusy] = useState(false);
  // Deleting asks first, in the page (not a browser dialog), so it reads well and can be driven from the keyboard.
  const [confirming, setConfirming] = useState<boolean | null>(null);

  useEffect(() => {
    const t = detail.data?.template;
    if (!t) return;
    setChannel(t.channel as Channel);
    setContent(t.content as TemplateContent);
    setSaved(t.content as TemplateContent);
    setIsDefault(t.isDefaultLocale);
    setSavedDefault(t.isDefaultLocale);
  }, [detail.data]);

  useEffect(() => { lastContact = contact; }, [contact]);

  const loaded = isNew || !!detail.data;
  const dirty = isNew || (saved !== null && (!sameContent(channel, content, saved) || isDefault !== savedDefault));
  const request: TemplateRequest | null = loaded
    ? { key: isTemplateKey(key) ? key : 'draft', channel, locale: isLocaleTag(loc) ? loc : 'en', isDefaultLocale: isDefault, content: contentFor(channel, content) }
    : null;
  const live = useTemplateLive(request, contact?.externalId ?? null);
  const problems = live.validation?.problems ?? saveProblems;
  const fieldNames = channelFields[channel].map(f => f.name as string);
  const otherProblems = problems.filter(p => !fieldNames.includes(editorFieldOf(p.field)));

  useEffect(() => {
    if (viewing === null || isNew) { setVersionPreview(null); return; }
    let live = true;
    api.previewTemplate(templateKey, loc, { contactExternalId: contact?.externalId ?? null, version: viewing })
      .then(p => { if (live) setVersionPreview(p); }, e => { if (live) toasts.error(e, `Preview of v${viewing}`); });
    return () => { live = false; };
  }, [viewing, contact, templateKey, loc, isNew, toasts]);

  useEffect(() => {
    if (!dirty || isNew) return;
    const warn = (e: BeforeUnloadEvent) => { e.preventDefault(); };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty, isNew]);

  const save = async () => {
    if (!request || busy) return;
    if (isNew && (!isTemplateKey(key) || !isLocaleTag(loc))) {
      setSaveProblems([{ field: 'key', message: 'A key of letters, digits, "-", "_" or "." and a locale such as en or zh-CN are needed.' }]);
      return;
    }
    setBusy(true);
    try {
      const body = { ...request, key, locale: loc };
      const result = isNew ? await api.createTemplate(body) : await api.updateTemplate(body);
      setSaveProblems([]);
      toasts.success(`Saved ${result.template.key} (${result.template.locale}) as v${result.template.version}`, result.validation.notes);
      if (isNew) navigate('templates', result.template.key, result.template.locale);
      else { detail.reload(); variants.reload(); }
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) setSaveProblems(problemsFromBody(e.problem as Parameters<typeof problemsFromBody>[0]));
      toasts.error(e, 'Not saved');
    } finally {
      setBusy(false);
    }
  };

  const addLocale = async (newLocale: string) => {
    setBusy(true);
    try {
      await api.createTemplate({ key, channel, locale: newLocale, isDefaultLocale: false, content: contentFor(channel, content) });
      toasts.success(`Added ${newLocale}`, ['It starts as a copy of this variant: translate it.']);
      navigate('templates', key, newLocale);
    } catch (e) { toasts.error(e, `Adding ${newLocale}`); } finally { setBusy(false); }
  };

  const deletion = (all: boolean) => {
    const locales = all ? (variants.data ?? []).map(v => v.locale) : [loc];
    return { all, locales, what: all ? `template '${key}' in every locale (${locales.join(', ')})` : `the ${loc} variant of '${key}'` };
  };

  const remove = async (all: boolean) => {
    const { locales, what } = deletion(all);
    setConfirming(null);
    setBusy(true);
    try {
      for (const l of locales) await api.deleteTemplate(key, l);
      toasts.success(`Deleted ${what}`);
      const rest = (variants.data ?? []).filter(v => !locales.includes(v.locale));
      if (rest.length) navigate('templates', key, rest[0].locale); else navigate('templates');
    } catch (e) { toasts.error(e, 'Delete'); } finally { setBusy(false); }
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') { e.preventDefault(); if (canEdit) void save(); }
  };

  const locales = useMemo(() => {
    const list = (variants.data ?? []).slice().sort((a, b) => Number(b.isDefaultLocale) - Number(a.isDefaultLocale) || a.locale.localeCompare(b.locale));
    return { all: list.map(v => v.locale), default: list.find(v => v.isDefaultLocale)?.locale ?? null };
  }, [variants.data]);
  const removeBlocked = !isNew && savedDefault && locales.all.length > 1;

  if (!loaded) return <div className="page">{detail.loading ? <Spinner /> : <p>Template not found. <a href={href('templates')}>Back to templates</a></p>}</div>;

  return (
    <div className="template-editor" onKeyDown={onKeyDown}>
      <header className="designer-bar">
        <div className="crumbs">
          <a href={href('templates')}>Templates</a><span className="muted">/</span>
          <Icon name={channelIcon[channel]} /><strong className="mono">{isNew ? 'New template' : key}</strong>
          {!isNew && <span className="badge">{loc}</span>}
          {!isNew && detail.data && <span className="small muted">v{detail.data.template.version}</span>}
          {dirty && !isNew && <span className="badge badge-unsaved">unsaved</span>}
        </div>
        <div className="toolbar">
          {!isNew && canEdit && (
            <>
              <button type="button" className="button ghost danger-text" onClick={() => setConfirming(false)} disabled={busy || removeBlocked}
                title={removeBlocked ? 'This is the default locale: make another locale the default first' : `Delete the ${loc} variant`}>
                <Icon name="trash" size={14} /> Delete {loc}
              </button>
              {locales.all.length > 1 && <button type="button" className="button ghost danger-text" onClick={() => setConfirming(true)} disabled={busy}>Delete template</button>}
              <span className="sep" />
            </>
          )}
          {canEdit && (
            <button type="button" className="button primary" onClick={() => void save()} disabled={busy || (!dirty && !isNew)} aria-keyshortcuts="Control+S">
              <Icon name="save" size={14} /> {isNew ? 'Create' : 'Save'}
            </button>
          )}
        </div>
      </header>
      {confirming !== null && (
        <div className="confirm-bar" role="alertdialog" aria-labelledby={`${uid}-confirm`}>
          <Icon name="alert" />
          <span id={`${uid}-confirm`}>Delete {deletion(confirming).what}? Workflows that send it will fail those sends; past messages keep their copy.</span>
          <button type="button" className="button danger" autoFocus onClick={() => void remove(confirming)}>Delete</button>
          <button type="button" className="button ghost" onClick={() => setConfirming(null)}>Cancel</button>
        </div>
      )}
      <div className="template-body">
        <section className="template-form" aria-label="Template copy">
          {isNew ? (
            <fieldset className="new-template">
              <legend className="sr-only">New template</legend>
              <div>
                <label htmlFor={`${uid}-key`} className="field-label">Key</label>
                <input id={`${uid}-key`} className="mono" value={key} onChange={e => setKey(e.target.value)} placeholder="recall-email-45d" aria-invalid={key !== '' && !isTemplateKey(key)} required />
              </div>
              <div>
                <span className="field-label" id={`${uid}-channel`}>Channel</span>
                <div className="segmented" role="radiogroup" aria-labelledby={`${uid}-channel`}>
                  {(['Email', 'Sms', 'Push'] as Channel[]).map(c => (
                    <button key={c} type="button" role="radio" aria-checked={channel === c} className={channel === c ? 'on' : undefined} onClick={() => setChannel(c)}>
                      <Icon name={channelIcon[c]} size={14} /> {c === 'Sms' ? 'SMS' : c}
                    </button>
                  ))}
                </div>
              </div>
              <div>
                <label htmlFor={`${uid}-locale`} className="field-label">Locale</label>
                <input id={`${uid}-locale`} value={loc} onChange={e => setLoc(e.target.value)} placeholder="en" aria-invalid={!isLocaleTag(loc)} required />
              </div>
            </fieldset>
          ) : (
            <LocaleBar templateKey={key} locales={locales.all} current={loc} defaultLocale={locales.default} missing={detail.data?.missingLocales ?? []} onAdd={l => void addLocale(l)} busy={busy} />
          )}
          {!isNew && (
            <label className="check">
              <input type="checkbox" checked={isDefault} disabled={savedDefault} onChange={e => setIsDefault(e.target.checked)} />
              Default locale {savedDefault ? '(contacts whose locale has no variant get this one)' : '(make this the fallback for locales without a variant)'}
            </label>
          )}
          {otherProblems.length > 0 && (
            <div className="callout callout-error" role="alert"><ul>{otherProblems.map((p, i) => <li key={i}><span className="mono">{p.field}</span>: {p.message}</li>)}</ul></div>
          )}
          {channelFields[channel].map(f => {
            const text = content[f.name] ?? '';
            const messages = messagesFor(f.name, problems);
            const labelId = `${uid}-${f.name}-label`;
            const describedBy = [f.hint && `${uid}-${f.name}-hint`, messages.length && `${uid}-${f.name}-errors`].filter(Boolean).join(' ') || undefined;
            return (
              <div key={`${channel}-${f.name}`} className={`field ${messages.length ? 'has-error' : ''}`}>
                <div className="field-label" id={labelId}>{f.label}{f.required && <span className="muted" aria-hidden="true"> *</span>}</div>
                <LiquidEditor kind={f.kind} value={text} labelId={labelId} describedBy={describedBy}
                  onChange={v => setContent(c => ({ ...c, [f.name]: v }))} diagnostics={diagnosticsFor(f.name, text, problems)}
                  placeholder={f.kind === 'json' ? '{ "screen": "cart", "coupon": "{{ coupon.code }}" }' : undefined} />
                {f.hint && <p id={`${uid}-${f.name}-hint`} className="small muted field-hint">{f.hint}</p>}
                {messages.length > 0 && <ul id={`${uid}-${f.name}-errors`} className="field-errors">{messages.map((m, i) => <li key={i}>{m}</li>)}</ul>}
                {f.name === 'smsBody' && <SmsCounter text={text} />}
              </div>
            );
          })}
          {(live.validation?.notes.length ?? 0) > 0 && (
            <ul className="notes small muted">{live.validation!.notes.map((n, i) => <li key={i}>{n}</li>)}</ul>
          )}
          <p className="small muted">Ctrl+S saves. Ctrl+Space suggests fields: contact, event, journey, coupon, unsubscribe_url.</p>
        </section>
        <aside className="template-aside" aria-label="Preview and versions">
          <PreviewPanel
            heading={viewing !== null ? `Preview of saved v${viewing}` : 'Live preview'}
            contact={contact} onContact={setContact}
            preview={viewing !== null ? versionPreview : live.preview}
            problems={viewing !== null ? [] : live.previewProblems}
            busy={viewing === null && live.busy} recipient={contact?.label ?? null} />
          {!isNew && canTestSend && <TestSendForm templateKey={key} locale={loc} channel={channel} contactExternalId={contact?.externalId ?? null} dirty={dirty} />}
          {!isNew && detail.data && (
            <VersionList versions={detail.data.versions} current={detail.data.template.version} viewing={viewing} onPreview={setViewing}
              onRestore={v => { setContent(v.content); setViewing(null); toasts.info(`Loaded v${v.version} into the editor`, ['Save to make it the current version.']); }} />
          )}
        </aside>
      </div>
    </div>
  );
}
