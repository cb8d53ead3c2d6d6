import { useId, useState } from 'react';
import { Icon } from '../components/Icon';
import { isLocaleTag } from '../lib/templateCatalog';
import { href } from '../router';

/** The locale variants of one key as tabs, the default (fallback) marked, with adding a locale and listing missing ones. */
export function LocaleBar({ templateKey, locales, current, defaultLocale, missing, onAdd, busy }: {
  templateKey: string; locales: string[]; current: string; defaultLocale: string | null; missing: string[];
  onAdd: (locale: string) => void; busy: boolean;
}) {
  const id = useId();
  const [adding, setAdding] = useState(false);
  const [locale, setLocale] = useState('');
  const valid = isLocaleTag(locale) && !locales.some(l => l.toLowerCase() === locale.trim().toLowerCase());
  const add = () => { if (valid) { onAdd(locale.trim()); setAdding(false); setLocale(''); } };
  return (
    <div className="locale-bar">
      <nav aria-label="Locales">
        <ul className="locale-tabs">
          {locales.map(l => (
            <li key={l}>
              <a href={href('templates', templateKey, l)} className={l === current ? 'on' : undefined} aria-current={l === current ? 'page' : undefined}>
                {l}{l === defaultLocale && <span className="default-mark" title="Default locale: contacts whose locale has no variant get this one"> ★<span className="sr-only"> default</span></span>}
              </a>
            </li>
          ))}
          <li>
            {!adding
              ? <button type="button" className="button small ghost" onClick={() => setAdding(true)}><Icon name="plus" size={14} /> Add locale</button>
              : (
                <div className="add-locale" role="group" aria-label="Add a locale">
                  <label htmlFor={`${id}-loc`} className="sr-only">New locale</label>
                  <input id={`${id}-loc`} list={`${id}-missing`} placeholder="e.g. zh-TW" value={locale} autoFocus
                    onChange={e => setLocale(e.target.value)} aria-invalid={locale !== '' && !valid}
                    onKeyDown={e => { if (e.key === 'Escape') setAdding(false); if (e.key === 'Enter') { e.preventDefault(); add(); } }} />
                  <datalist id={`${id}-missing`}>{missing.map(m => <option key={m} value={m} />)}</datalist>
                  <button type="button" className="button small" disabled={!valid || busy} onClick={add}>Add</button>
                  <button type="button" className="button small ghost" onClick={() => setAdding(false)}>Cancel</button>
                </div>
              )}
          </li>
        </ul>
      </nav>
      {missing.length > 0 && (
        <p className="small muted missing-locales">
          <Icon name="alert" size={12} /> No variant for {missing.map((m, i) => (
            <span key={m}>{i > 0 && ', '}<button type="button" className="link mono" onClick={() => onAdd(m)} disabled={busy} title={`Add a ${m} variant, starting from this copy`}>{m}</button></span>
          ))}: those contacts get {defaultLocale ?? 'the default'}.
        </p>
      )}
    </div>
  );
}
