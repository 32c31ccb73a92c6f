/**
 * WAI-ARIA tabs: arrow keys, Home and End move between tabs (automatic activation), Tab moves
 * into the panel. Only the selected panel is rendered.
 */
import type { ComponentChildren } from 'preact';
import { useId, useRef } from 'preact/hooks';

export interface TabSpec<Id extends string> {
  id: Id;
  label: string;
  panel: () => ComponentChildren;
}

export function Tabs<Id extends string>({ tabs, selected, onSelect, label }: { tabs: TabSpec<Id>[]; selected: Id; onSelect: (id: Id) => void; label: string }) {
  const base = useId();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const index = Math.max(0, tabs.findIndex((tab) => tab.id === selected));
  const go = (i: number) => {
    const next = (i + tabs.length) % tabs.length;
    onSelect(tabs[next].id);
    refs.current[next]?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 };
    if (e.key in moves) {
      e.preventDefault();
      go(moves[e.key]);
    }
  };
  return (
    <>
      <div role="tablist" aria-label={label} class="fm-tabs" onKeyDown={onKeyDown}>
        {tabs.map((tab, i) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`${base}-tab-${tab.id}`}
            aria-selected={i === index ? 'true' : 'false'}
            aria-controls={`${base}-panel-${tab.id}`}
            tabIndex={i === index ? 0 : -1}
            ref={(el) => void (refs.current[i] = el)}
            onClick={() => onSelect(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${base}-panel-${tabs[index].id}`} aria-labelledby={`${base}-tab-${tabs[index].id}`} class="fm-tabpanel">
        {tabs[index].panel()}
      </div>
    </>
  );
}
