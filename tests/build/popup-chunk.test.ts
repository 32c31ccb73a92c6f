import { describe, expect, it } from 'vitest';
import { criticalPathGroup, staticImports, type ModuleGraph } from '@/utils/build/popup-chunk';

/** popup.html → main.tsx → App → preact; App imports i18n; the notes store is a dynamic import of App (not listed). */
const modules: Record<string, string[]> = {
  '/p/popup.html': ['\0virtual:html-plugins', '/p/main.tsx'],
  '\0virtual:html-plugins': [],
  '/p/main.tsx': ['/p/App.tsx', 'preact'],
  '/p/App.tsx': ['preact', '/u/i18n.ts'],
  preact: [],
  '/u/i18n.ts': [],
  '/p/notes-store.ts': ['dexie'],
  dexie: [],
  '/l/library.html': ['/l/main.tsx'],
  '/l/main.tsx': ['preact'],
};
const graph: ModuleGraph = { getModuleInfo: (id) => (id in modules ? { importedIds: modules[id] } : null) };

describe('staticImports', () => {
  it('follows static imports transitively, once each, and skips modules the graph does not know', () => {
    const cyclic: ModuleGraph = { getModuleInfo: (id) => ({ a: { importedIds: ['b'] }, b: { importedIds: ['a', 'gone'] } })[id] ?? null };
    expect([...staticImports('a', cyclic)].sort()).toEqual(['a', 'b']);
    expect(staticImports('/p/popup.html', graph)).toEqual(new Set(['/p/popup.html', '\0virtual:html-plugins', '/p/main.tsx', '/p/App.tsx', 'preact', '/u/i18n.ts']));
  });
});

describe('criticalPathGroup', () => {
  it("captures what the page imports statically, not the page, not its rendering script, not the lazy chunks' modules", () => {
    const group = criticalPathGroup('/p/popup.html', '/p/main.tsx', 'popup-start');
    const captured = Object.keys(modules).filter((id) => group.name(id, graph) === 'popup-start');
    expect(captured.sort()).toEqual(['/p/App.tsx', '/u/i18n.ts', '\0virtual:html-plugins', 'preact'].sort());
  });

  it('captures nothing in a build without the page (the content script and background builds)', () => {
    const group = criticalPathGroup('/p/popup.html', '/p/main.tsx', 'popup-start');
    const other: ModuleGraph = { getModuleInfo: (id) => (id === 'preact' ? { importedIds: [] } : null) };
    expect(group.name('preact', other)).toBeNull();
  });
});
