/**
 * Readers for loosely typed JSON(-LD) values: a property may be a string, {"@value": …}, a
 * language-tagged list, or an array where one value was expected. They never throw and never
 * recurse more than a few levels.
 */

export type Obj = Record<string, unknown>;

export function isObj(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export function asArray(x: unknown, max = Infinity): unknown[] {
  if (x === undefined || x === null) return [];
  const a = Array.isArray(x) ? x : [x];
  return a.length > max ? a.slice(0, max) : a;
}

/** A string value: a string, {"@value": string}, or the first such item of an array. */
export function str(x: unknown): string | undefined {
  if (typeof x === 'string') return x;
  if (typeof x === 'number' && Number.isFinite(x)) return String(x);
  if (isObj(x) && typeof x['@value'] === 'string') return x['@value'];
  if (Array.isArray(x)) {
    for (const item of x.slice(0, 20)) {
      if (typeof item === 'string') return item;
      if (isObj(item) && typeof item['@value'] === 'string') return item['@value'];
    }
  }
  return undefined;
}

/** A number, also from strings such as "5" (sloppy real-world markup). */
export function num(x: unknown): number | undefined {
  if (typeof x === 'number') return Number.isFinite(x) ? x : undefined;
  const s = str(x)?.trim();
  if (!s) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** A property by name, case-insensitively if the exact name is absent ("Name" for "name"). */
export function prop(o: Obj, name: string): unknown {
  if (Object.hasOwn(o, name)) return o[name];
  const lower = name.toLowerCase();
  for (const k of Object.keys(o)) if (k.toLowerCase() === lower) return o[k];
  return undefined;
}

/** The type names of a node ("type", "@type"), without schema.org / W3C prefixes. */
export function typesOf(o: unknown): string[] {
  if (!isObj(o)) return [];
  const out: string[] = [];
  for (const t of [...asArray(o['@type'], 10), ...asArray(o.type, 10)]) {
    if (typeof t !== 'string') continue;
    out.push(t.replace(/^(https?:\/\/schema\.org\/|schema:|oa:|http:\/\/www\.w3\.org\/ns\/oa#)/, ''));
  }
  return out;
}

export function hasType(o: unknown, ...names: string[]): boolean {
  const ts = typesOf(o);
  return names.some((n) => ts.includes(n));
}
