/**
 * Build step (used by wxt.config.ts): every script the popup needs before its first paint goes
 * into one chunk, so popup.html loads its entry, that chunk and the bundler's 0.6 KB helpers
 * (Rolldown always gives those a chunk of their own when several chunks use them) instead of three chunks shared with the library and the lazily loaded chunks. Each file is a
 * request the browser process serves and a module the page compiles before the popup's code
 * runs. Measured with throwaway scripts (medians of 11 opens, two rounds each, alternating): the
 * popup's first paint 186 / 195 ms with the automatic chunks, 173 / 169 ms with this group; a
 * copy bundled into one file ran its script 12–45 ms sooner, relative to a one-script page
 * opened the same way, than the automatic chunks. The entry module itself stays apart: it
 * renders on import, and other pages import the shared chunk. Pages that share modules with the
 * popup (the library, the lazy chunks) load them from this chunk, a few KB of popup-only code
 * more for the library. Runs in Node (the WXT config), never in the extension.
 */

/** What of Rolldown's module graph this needs (ChunkingContext.getModuleInfo). */
export interface ModuleGraph {
  getModuleInfo(id: string): { importedIds: readonly string[]; importers?: readonly string[] } | null;
}

/** `entry` and every module it imports statically, directly or not (dynamic imports stay out). */
export function staticImports(entry: string, graph: ModuleGraph): Set<string> {
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    const info = graph.getModuleInfo(id);
    if (!info) continue;
    seen.add(id);
    stack.push(...info.importedIds);
  }
  return seen;
}

const STYLESHEET = /\.css(?:$|\?)/;

/**
 * A Rolldown code-splitting group that puts what the page `html` (an absolute module id) imports
 * statically into one chunk named `name`: everything but the page's own script `main`, which
 * renders on import and so must not run where another page imports the chunk, and the
 * stylesheets only `main` imports: a chunk's CSS is linked by every page that loads the chunk,
 * and the popup's own (`body { width: 400px }`) would shape the library. In a build without that
 * page it captures nothing.
 */
export function criticalPathGroup(html: string, main: string, name: string) {
  let members: Set<string> | undefined;
  return {
    name: (id: string, graph: ModuleGraph): string | null => {
      if (!members) {
        members = staticImports(html, graph);
        members.delete(html);
        members.delete(main);
      }
      if (!members.has(id)) return null;
      const pageOnly = STYLESHEET.test(id) && (graph.getModuleInfo(id)?.importers ?? [main]).every((importer) => importer === main);
      return pageOnly ? null : name;
    },
  };
}
