import { useState } from 'react';
import { activityIcon, Icon } from '../components/Icon';
import type { ActivityDescriptor, ActivityKind } from '../types';

export const DRAG_TYPE = 'application/x-userops-activity';

const groups: Array<{ kind: ActivityKind; label: string }> = [
  { kind: 'Trigger', label: 'Triggers' },
  { kind: 'Action', label: 'Actions' },
  { kind: 'Wait', label: 'Waits' },
  { kind: 'Flow', label: 'Flow' },
];

/** Drag an item onto the canvas, or press Enter on it to drop it under the selection. */
export function Palette({ descriptors, onAdd }: { descriptors: ActivityDescriptor[]; onAdd: (type: string) => void }) {
  const [filter, setFilter] = useState('');
  const f = filter.trim().toLowerCase();
  const shown = descriptors.filter(d => !f || d.displayName.toLowerCase().includes(f) || d.description.toLowerCase().includes(f));
  return (
    <div className="palette" aria-label="Activity palette">
      <div className="input-with-icon compact"><Icon name="search" size={14} /><input type="search" placeholder="Find an activity" aria-label="Find an activity" value={filter} onChange={e => setFilter(e.target.value)} /></div>
      {groups.map(g => {
        const items = shown.filter(d => d.kind === g.kind);
        if (items.length === 0) return null;
        return (
          <section key={g.kind}>
            <h3 className={`palette-group kind-${g.kind.toLowerCase()}`}>{g.label}</h3>
            <ul>
              {items.map(d => (
                <li key={d.type}>
                  <button type="button" className={`palette-item kind-${d.kind.toLowerCase()}`} draggable title={d.description} data-testid={`palette-${d.type}`}
                    onDragStart={e => { e.dataTransfer.setData(DRAG_TYPE, d.type); e.dataTransfer.effectAllowed = 'move'; }}
                    onClick={() => onAdd(d.type)}>
                    <span className="palette-icon"><Icon name={activityIcon(d.type, d.kind)} size={14} /></span>
                    <span className="palette-text"><span>{d.displayName}</span><small>{d.description}</small></span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      <dl className="shortcuts" aria-label="Keyboard shortcuts">
        <dt>Add</dt><dd>drag, or Enter on an item (joins the selected step)</dd>
        <dt>Ctrl Z / Ctrl ⇧ Z</dt><dd>undo / redo</dd>
        <dt>Ctrl C / Ctrl V</dt><dd>copy / paste steps</dd>
        <dt>Del</dt><dd>delete selection</dd>
        <dt>Shift-drag</dt><dd>select an area</dd>
      </dl>
    </div>
  );
}
