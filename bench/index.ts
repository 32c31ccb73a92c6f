/**
 * `npm run bench`: every benchmark, each measured against its peers in the same run, printed as
 * tables. `npm run bench -- anchoring claims` runs only the named areas.
 */
import { formatTable, type BenchTable } from './report';

const AREAS: Record<string, () => Promise<BenchTable[]>> = {
  anchoring: async () => (await import('./anchoring')).benchAnchoring(),
  claims: async () => (await import('./claims')).benchClaims(),
  formats: async () => (await import('./formats')).benchFormats(),
  browser: async () => (await import('./browser')).benchBrowser(),
  library: async () => (await import('./library-browser')).benchLibraryBrowser(),
  share: async () => (await import('./share-browser')).benchShareBrowser(),
};

async function main() {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = wanted.filter((w) => !(w in AREAS));
  if (unknown.length) {
    console.error(`Unknown benchmark area: ${unknown.join(', ')}. Areas: ${Object.keys(AREAS).join(', ')}`);
    process.exit(2);
  }
  const areas = wanted.length ? wanted : Object.keys(AREAS);
  console.log(`# Factmark benchmarks — ${new Date().toISOString()} — Node ${process.version}\n`);
  let failed = 0;
  for (const area of areas) {
    const started = performance.now();
    try {
      for (const table of await AREAS[area]()) console.log(formatTable(table));
    } catch (error) {
      failed++;
      console.log(`## ${area}: failed — ${error instanceof Error ? error.message : error}\n`);
    }
    console.log(`(${area} took ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
  }
  process.exit(failed ? 1 : 0);
}

void main();
