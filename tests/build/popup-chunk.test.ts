import { describe, expect, it } from 'vitest';
import { criticalPathGroup, staticImports, type ModuleGraph } from '@/utils/build/popup-chunk';

/** popup.html → main.tsx → App → preact; App imports i18n; the notes store is a dynamic import of App (not listed). */
const modules: Record<string, string[]> = {
  '/p/popup.html': ['\0virtual:html-plugins', '/p/main.tsx'],
  '\0virtual:html-plugins': [],
  '/p/main.tsx': ['/p/App.tsx', 'preact', '/p/popup.css', '/c/theme.css?inline'],
  '/p/popup.css': [],
  '/c/theme.css?inline': [],
  '/p/App.tsx': ['preact', '/u/i18n.ts'],
  preact: [],
  '/u/i18n.ts': [],
  '/p/notes-store.ts': ['dexie'],
  dexie: [],
  '/l/library.html': ['/l/main.tsx'],
  '/l/main.tsx': ['preact', '/c/theme.css?inline'],
};
const importersOf = (id: string) => Object.keys(modules).filter((m) => modules[m].includes(id));
const graph: ModuleGraph = { getModuleInfo: (id) => (id in modules ? { importedIds: modules[id], importers: importersOf(id) } : null) };

describe('staticImports', () => {
  it('follows static imports transitively, once each, and skips modules the graph does not know', () => {
    const cyclic: ModuleGraph = { getModuleInfo: (id) => ({ a: { importedIds: ['b'] }, b: { importedIds: ['a', 'gone'] } })[id] ?? null };
    expect([...staticImports('a', cyclic)].sort()).toEqual(['a', 'b']);
    expect(staticImports('/p/popup.html', graph)).toEqual(
      new Set(['/p/popup.html', '\0virtual:html-plugins', '/p/main.tsx', '/p/App.tsx', 'preact', '/p/popup.css', '/c/theme.css?inline', '/u/i18n.ts']),
    );
  });
});

describe('criticalPathGroup', () => {
  it("captures what the page imports statically but the page, its rendering script, the stylesheets only that script imports and the lazy chunks' modules", () => {
    const group = criticalPathGroup('/p/popup.html', '/p/main.tsx', 'popup-start');
    const captured = Object.keys(modules).filter((id) => group.name(id, graph) === 'popup-start');
    // The popup's own stylesheet would style the library, which loads the chunk; the shared theme may come.
    expect(captured.sort()).toEqual(['/p/App.tsx', '/u/i18n.ts', '\0virtual:html-plugins', 'preact', '/c/theme.css?inline'].sort());
  });

  it('captures nothing in a build without the page (the content script and background builds)', () => {
    const group = criticalPathGroup('/p/popup.html', '/p/main.tsx', 'popup-start');
    const other: ModuleGraph = { getModuleInfo: (id) => (id === 'preact' ? { importedIds: [] } : null) };
    expect(group.name('preact', other)).toBeNull();
  });
});
