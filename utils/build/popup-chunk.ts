/**
 * Build step (used by wxt.config.ts): every module the popup needs before its first paint goes
 * into one chunk, so popup.html loads two script files (its entry and that chunk) instead of the
 * three to four the bundler's automatic splitting gives it (shared with the library and the lazily
 * loaded chunks). Each file is a request the browser process serves and a module the page compiles
 * before the popup's code runs; measured with a throwaway copy of the build (11 opens each, two
 * rounds, against a one-script page opened the same way), the popup's script ran 20–30 ms sooner
 * with its modules in one or two files. The entry module itself stays apart: it renders on import,
 * and other pages import the shared chunk. Pages that share modules with the popup (the library,
 * the lazy chunks) load them from this chunk, a few KB of popup-only code more for the library.
 * Runs in Node (the WXT config), never in the extension.
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

/** Rolldown's own helpers (CommonJS interop for the polyfill), a module of the graph like any other. */
const BUNDLER_RUNTIME = '\0rolldown/runtime.js';

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
        if (members.size) members.add(BUNDLER_RUNTIME);
      }
      if (!members.has(id)) return null;
      const pageOnly = STYLESHEET.test(id) && (graph.getModuleInfo(id)?.importers ?? [main]).every((importer) => importer === main);
      return pageOnly ? null : name;
    },
  };
}
