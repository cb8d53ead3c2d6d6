import { useEffect, useId, useState } from 'react';
import { api } from '../api';
import { Icon } from '../components/Icon';
import type { ContactSummary } from '../types';

export interface PickedContact { externalId: string; label: string }

const nameOf = (c: ContactSummary) => [c.firstName, c.lastName].filter(Boolean).join(' ') || c.email || c.phone || c.externalId;

/**
 * Chooses whom a preview is rendered for: the built-in sample contact, or a real one found through the contacts search.
 * A combobox: arrows move through the matches, Enter picks, Escape closes.
 */
export function ContactPicker({ value, onChange, label = 'Preview for', emptyText = 'Sample contact (every field filled)' }: {
  value: PickedContact | null; onChange: (c: PickedContact | null) => void; label?: string; emptyText?: string;
}) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [matches, setMatches] = useState<ContactSummary[]>([]);
  const [active, setActive] = useState(0);

  useEffect(() => {
    if (!open || query.trim().length < 2) { setMatches([]); return; }
    let live = true;
    const timer = setTimeout(() => {
      api.contacts(query.trim(), 8).then(found => { if (live) { setMatches(found); setActive(0); } }, () => { if (live) setMatches([]); });
    }, 250);
    return () => { live = false; clearTimeout(timer); };
  }, [query, open]);

  const pick = (c: ContactSummary) => {
    onChange({ externalId: c.externalId, label: nameOf(c) });
    setQuery('');
    setOpen(false);
  };

  return (
    <div className="contact-picker">
      <label htmlFor={`${id}-input`} className="field-label">{label}</label>
      {value ? (
        <div className="picked">
          <Icon name="contact" size={14} /> <span>{value.label}</span> <span className="mono muted">{value.externalId}</span>
          <button type="button" className="icon-button" aria-label="Use the sample contact instead" onClick={() => onChange(null)}><Icon name="close" size={14} /></button>
        </div>
      ) : <div className="picked muted"><Icon name="contact" size={14} /> {emptyText}</div>}
      <div className="combo">
        <div className="input-with-icon compact">
          <Icon name="search" />
          <input id={`${id}-input`} type="search" role="combobox" aria-expanded={open && matches.length > 0} aria-controls={`${id}-list`} aria-autocomplete="list"
            aria-activedescendant={open && matches[active] ? `${id}-opt-${active}` : undefined}
            placeholder="Search contacts by name, email, phone, id…" value={query}
            onChange={e => { setQuery(e.target.value); setOpen(true); }}
            onFocus={() => setOpen(true)}
            onBlur={() => setTimeout(() => setOpen(false), 150)}
            onKeyDown={e => {
              if (e.key === 'ArrowDown') { e.preventDefault(); setActive(a => Math.min(a + 1, matches.length - 1)); }
              else if (e.key === 'ArrowUp') { e.preventDefault(); setActive(a => Math.max(a - 1, 0)); }
              else if (e.key === 'Enter' && matches[active]) { e.preventDefault(); pick(matches[active]); }
              else if (e.key === 'Escape') setOpen(false);
            }} />
        </div>
        {open && matches.length > 0 && (
          <ul id={`${id}-list`} role="listbox" className="combo-list" aria-label="Matching contacts">
            {matches.map((c, i) => (
              <li key={c.externalId} id={`${id}-opt-${i}`} role="option" aria-selected={i === active} className={i === active ? 'active' : undefined}
                onMouseDown={e => { e.preventDefault(); pick(c); }}>
                <strong>{nameOf(c)}</strong> <span className="mono small muted">{c.externalId}</span>
                <span className="small muted">{c.email ?? c.phone ?? ''}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
