/**
 * Features of one sentence for the check-worthiness model: hashed word n-grams, hashed character
 * n-grams and a few dozen named cues (figures, attributions, comparisons … and the signs of a number
 * in passing or of opinion). Pure and allocation-light: the content script scores every sentence of
 * a page with it, and training uses the very same function, so the two can never drift apart.
 *
 * Output is a sparse vector written into caller-owned buffers (ids + values). Ids below
 * `NAMED_COUNT` are the named cues (see `NAMED`); the rest are hash buckets.
 *
 * Speed (issue 4): the text is read once into a code buffer; a hand-written tokenizer finds the
 * tokens there, and each distinct token is looked up once in a table of `Token`s (lower-cased
 * form, lexicon masks, n-gram hash), so a token met before costs a hash and a compare, no string.
 */

/** Hash buckets (2^HASH_BITS) shared by word and character n-grams. */
export const HASH_BITS = 18;
export const HASH_SIZE = 1 << HASH_BITS;

/**
 * Named cues. `reason` is what a reader is told when the cue pushes a sentence up ("contains a
 * figure"); cues without a reason are used by the model but never shown.
 */
export const NAMED = [
  ['bias', null],
  ['figure', 'a figure'],
  ['big_number', 'a large number'],
  ['percent', 'a percentage'],
  ['money', 'an amount of money'],
  ['year', 'a year'],
  ['date', 'a date'],
  ['quantity_word', 'a quantity'],
  ['statistic_word', 'a statistic or trend'],
  ['entity', 'a named person, place or body'],
  ['entity2', 'a named person, place or body'],
  ['attribution', 'an attribution'],
  ['comparison', 'a comparison'],
  ['superlative', 'a superlative'],
  ['causal', 'a causal link'],
  ['past_action', 'a reported action'],
  ['policy_word', 'a policy or law'],
  ['negated_fact', null],
  ['question', null],
  ['future', null],
  ['hypothetical', null],
  ['opinion', null],
  ['modal_should', null],
  ['first_person', null],
  ['second_person', null],
  ['greeting', null],
  ['imperative', null],
  ['byline', null],
  ['advert', null],
  ['page_number', null],
  ['boilerplate', null],
  ['quote_mark', null],
  ['exclamation', null],
  ['len_short', null],
  ['len_medium', null],
  ['len_long', null],
  ['figure_not_future', 'a figure'],
  ['figure_attributed', 'an attributed figure'],
  ['entity_past', 'a reported action'],
  ['figure_and_stat', 'a statistic'],
  ['num_only_date', null],
  ['fragment', null],
  // Verifiable assertion vs a number in passing, a prediction or an opinion (issue 4).
  ['figure_unit', 'a measured quantity'],
  ['figure_compared', 'a comparison of figures'],
  ['figure_future', null],
  ['figure_you', null],
  ['hedge', null],
  ['judgement', null],
  ['intensifier', null],
  ['we', null],
  ['we_future', null],
  ['i_opinion', null],
  ['time_anchor', 'a dated event'],
  ['entity_attributed', 'an attribution'],
  ['past_tense', null],
  ['citation', null],
  ['dateline', null],
  ['interjection', null],
  ['conditional', null],
] as const satisfies readonly (readonly [string, string | null])[];

export type NamedFeature = (typeof NAMED)[number][0];
export const NAMED_COUNT = NAMED.length;
export const NAMED_INDEX: Record<NamedFeature, number> = Object.fromEntries(
  NAMED.map(([n], i) => [n, i]),
) as Record<NamedFeature, number>;

/** Largest number of features one sentence can produce (longer sentences are truncated). */
export const MAX_FEATURES = 4096;
const MAX_CHARS = 600;

export interface FeatureBuffers {
  ids: Int32Array;
  values: Float32Array;
}

export function createBuffers(): FeatureBuffers {
  return { ids: new Int32Array(MAX_FEATURES), values: new Float32Array(MAX_FEATURES) };
}

// ---------------------------------------------------------------------------------------------
// Lexicons. Each word maps to a bit mask of the cues it signals.
const B = {
  quantity: 1 << 0,
  statistic: 1 << 1,
  attribution: 1 << 2,
  comparison: 1 << 3,
  superlative: 1 << 4,
  causal: 1 << 5,
  past: 1 << 6,
  policy: 1 << 7,
  future: 1 << 8,
  hypothetical: 1 << 9,
  opinion: 1 << 10,
  should: 1 << 11,
  first: 1 << 12,
  second: 1 << 13,
  month: 1 << 14,
  big: 1 << 15,
  money: 1 << 16,
  percent: 1 << 17,
  negation: 1 << 18,
  greeting: 1 << 19,
  advert: 1 << 20,
  boiler: 1 << 21,
  weekday: 1 << 22,
  wh: 1 << 23,
  imperative: 1 << 24,
};

const LEX = new Map<string, number>();
function add(mask: number, words: string): void {
  for (const w of words.split(/\s+/)) if (w) LEX.set(w, (LEX.get(w) ?? 0) | mask);
}

// Second lexicon (the first is full: 25 bits).
const C = {
  hedge: 1 << 0,
  judgement: 1 << 1,
  intensifier: 1 << 2,
  unit: 1 << 3,
  we: 1 << 4,
  timeAnchor: 1 << 5,
  citation: 1 << 6,
  interjection: 1 << 7,
  conditional: 1 << 8,
  pastIrregular: 1 << 9,
  notPast: 1 << 10,
};
const LEX2 = new Map<string, number>();
function add2(mask: number, words: string): void {
  for (const w of words.split(/\s+/)) if (w) LEX2.set(w, (LEX2.get(w) ?? 0) | mask);
}

/**
 * Fills LEX and LEX2 on first use, not when the module loads: in the content script that would be
 * part of the one task that evaluates the bundle, on every page, detection on or off.
 */
function fillLexicons(): void {
  add(B.quantity, 'one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands dozen dozens half twice double doubled triple tripled quadrupled third quarter majority minority');
  add(B.big, 'million millions billion billions trillion trillions thousand thousands');
  add(B.money, 'dollar dollars pounds euros cents budget deficit debt spending spent cost costs taxes tax revenue funding');
  add(B.percent, 'percent per-cent percentage');
  add(B.statistic, 'rate rates unemployment unemployed jobs job employment inflation deficit debt gdp economy growth grew increase increased increases decrease decreased decline declined rose risen fell fallen dropped drop cut cuts average median per population poverty wages income crime murders deaths died killed casualties fled refugees votes voted vote poll polls survey census record lowest highest number numbers statistics data figures total');
  add(B.attribution, 'said says told according reported reports announced stated claimed claims confirmed testified estimated estimates found showed shows revealed admitted acknowledged added noted wrote');
  add(B.comparison, 'more less fewer greater higher lower larger smaller bigger than compared versus vs outpaced exceeded surpassed doubled tripled');
  add(B.superlative, 'most least largest smallest biggest highest lowest fastest worst best first only record unprecedented ever');
  add(B.causal, 'because caused causes cause led leads due result resulted results therefore thus consequently since owing blamed');
  add(B.past, 'voted passed signed cut raised created lost won increased decreased launched invaded condemned suspended fled killed approved rejected vetoed introduced supported opposed sponsored enacted banned closed opened spent built ordered fired hired sold bought paid charged sued arrested convicted indicted elected appointed declared announced reached failed joined left withdrew');
  add(B.policy, 'law laws bill bills act legislation congress senate parliament regulation treaty sanctions tariff tariffs tax taxes medicare medicaid obamacare amendment budget court ruling policy program');
  add(B.future, "will won't gonna going shall 'll");
  add(B.hypothetical, 'if would could might may perhaps maybe suppose imagine unless whether hopefully');
  add(B.opinion, 'think believe feel felt hope wish want wants love hate proud honored pleased glad happy sad terrible wonderful great disgrace outrageous ridiculous absolutely frankly honestly clearly obviously shame');
  add(B.should, 'should must ought need needs let');
  add(B.first, "i i'm i've i'd i'll me my mine myself");
  add(B.second, "you you're you've your yours yourself");
  add(B.month, 'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec');
  add(B.weekday, 'monday tuesday wednesday thursday friday saturday sunday');
  add(B.negation, "not no never nothing nobody none didn't doesn't don't isn't wasn't aren't weren't hasn't haven't hadn't can't cannot");
  add(B.greeting, 'thank thanks welcome hello goodnight evening congratulations applause laughter crosstalk');
  add(B.advert, 'buy shop sale deal deals discount coupon subscribe subscription offer order shipping checkout cart');
  add(B.boiler, 'copyright reserved cookies cookie newsletter sign login privacy terms advertisement sponsored updated published photo image credit getty reuters/ ap/ caption read share comments comment min');
  add(B.wh, 'what why how who whom whose which where when');
  add(B.imperative, 'click read watch see sign subscribe follow share listen join download get try');
  add2(C.hedge, 'may might could perhaps maybe possibly probably likely unlikely reportedly allegedly apparently seemingly seem seems seemed appear appears appeared suggest suggests suggested suggesting arguably presumably supposedly potentially believed thought');
  add2(C.judgement, 'good bad great terrible horrible wonderful awful amazing incredible fantastic beautiful disgraceful disgrace ridiculous outrageous stupid crazy dumb unfair fair wrong right important necessary dangerous disaster disastrous failure failed shameful pathetic weak strong tremendous best worst nice sad tragic sick horrendous corrupt incompetent phony fake radical extreme reckless irresponsible compelling bland unacceptable worthy brilliant');
  add2(C.intensifier, 'very really so totally absolutely extremely incredibly truly completely entirely certainly definitely indeed simply just quite pretty');
  add2(C.unit, "percent per-cent % people persons americans jobs workers votes dollars dollar cents pounds euros tons tonnes barrels miles kilometres kilometers km kg acres hours days weeks months years decades points seats troops soldiers deaths cases patients students children women men families homes households companies countries states degrees metres meters feet inches gallons liters litres calories megapixels gb mb");
  add2(C.we, "we we're we've we'll we'd our ours us ourselves");
  add2(C.timeAnchor, 'yesterday today monday tuesday wednesday thursday friday saturday sunday ago since last earlier previously recently former formerly');
  add2(C.citation, 'retrieved isbn doi pp archived');
  add2(C.interjection, 'well look folks okay ok yeah yes oh hey listen');
  add2(C.conditional, 'if unless whether suppose imagine assuming');
  add2(C.pastIrregular, 'was were had did said told made took gave went came got found became began brought built bought caught chose dealt drew drove ate fell fought flew forgot grew heard held hid hit kept knew laid led left lent let lost meant met paid put quit ran rose saw sought sold sent set shot shut sang sank sat slept spoke spent stood stole struck swore taught tore thought threw understood woke won wore wrote');
  add2(C.notPast, 'need needed indeed seed feed speed red bed hundred united');
}

const FIRST_WORD_QUESTION = new Set(['do', 'does', 'did', 'is', 'are', 'was', 'were', 'can', 'could', 'should', 'would', 'will', 'have', 'has', 'why', 'how', 'what', 'who', 'where', 'when', 'which']);
const SENTENCE_STARTERS = new Set(['the', 'a', 'an', 'and', 'but', 'or', 'so', 'i', 'we', 'he', 'she', 'it', 'they', 'you', 'this', 'that', 'there', 'in', 'on', 'at', 'for', 'if', 'as', 'when', 'now', 'well', 'yes', 'no', 'let', 'my', 'our', 'his', 'her', 'their', 'these', 'those', 'after', 'before', 'what', 'why', 'how', 'mr', 'mrs', 'ms', "i'm", "i've", "i'd", "i'll", "we're", "we've", "we'll", "we'd", "it's", "that's", "there's", "he's", "she's", "they're", "they've", "you're", "you've", "let's", "don't", "didn't", "can't", "isn't", "here's", "what's"]);

// ---------------------------------------------------------------------------------------------
// Hashing: FNV-1a over UTF-16 code units plus a final avalanche; n-grams combine token hashes
// numerically so no strings are built per n-gram.
function fnv(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}
function mix(a: number, b: number): number {
  // Int32 sums (`| 0`): the same bits as the float sum `^` truncates, without float arithmetic.
  let h = Math.imul(a ^ ((((b + 0x9e3779b9) | 0) + (a << 6) + (a >>> 2)) | 0), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
const START_HASH = fnv('<s>', 1);
const END_HASH = fnv('</s>', 1);
/** Feature-vector length: named cues first, then the hash table. */
export const DIM = NAMED_COUNT + HASH_SIZE;
const MASK = HASH_SIZE - 1;
// A mask, not `%`: with uint32 hashes `%` falls back to floating-point modulo, 3× slower overall.
function bucket(h: number): number {
  return NAMED_COUNT + (h & MASK);
}

// Tokens: words (with inner apostrophes/hyphens), numbers (with , . and a trailing %), symbols;
// exactly the matches of /[A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z]+)*|\d+(?:[.,:]\d+)*%?|[$£€%?!"“”]/y,
// scanned by hand so that a known token costs no string (tests/claims/scorer-paths.test.ts
// compares the two).
function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0x24f);
}
function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * End of the token that starts at `i` in the first `L` character codes of `codes`, or −1 when
 * none starts there.
 */
export function tokenEnd(codes: Uint16Array, L: number, i: number): number {
  const c = codes[i];
  let j = i + 1;
  if (isLetter(c)) {
    while (j < L && isLetter(codes[j])) j++;
    while (j + 1 < L && (codes[j] === 39 || codes[j] === 0x2019) && isAsciiLetter(codes[j + 1])) {
      j += 2;
      while (j < L && isAsciiLetter(codes[j])) j++;
    }
    return j;
  }
  if (isDigit(c)) {
    while (j < L && isDigit(codes[j])) j++;
    while (j + 1 < L && (codes[j] === 46 || codes[j] === 44 || codes[j] === 58) && isDigit(codes[j + 1])) {
      j += 2;
      while (j < L && isDigit(codes[j])) j++;
    }
    return j < L && codes[j] === 37 ? j + 1 : j;
  }
  return c === 36 || c === 0xa3 || c === 0x20ac || c === 37 || c === 63 || c === 33 || c === 34 || c === 0x201c || c === 0x201d ? j : -1;
}

/** Shape of a number token, so "141" and "193" share evidence ("<n3>") and years stand apart. */
function numberShape(tok: string): string {
  if (tok.endsWith('%')) return '<pct>';
  const plain = tok.replace(/,/g, '');
  if (/^(1[89]|20)\d\d$/.test(plain)) return '<year>';
  if (plain.includes('.')) return '<dec>';
  if (plain.includes(':')) return '<time>';
  return plain.length <= 1 ? '<n1>' : plain.length <= 2 ? '<n2>' : plain.length <= 3 ? '<n3>' : '<n4+>';
}

export interface SentenceCues {
  /** Named cues that fired (ids into NAMED). */
  named: number[];
}

/** What the features need of one token, computed once per distinct token (`tokenAt`). */
export interface Token {
  raw: string;
  /** Lower-cased, first ’ → '. */
  low: string;
  /** LEX and LEX2 masks of `low`. */
  lex: number;
  lex2: number;
  /** fnv of the token as the word n-grams see it (a number by its shape). */
  hash: number;
  /** Bucket of its word unigram. */
  uni: number;
  /** FNV-1a of `raw`, the token table's key. */
  key: number;
  /** A past-tense verb (irregular, or -ed but not "need", "hundred" …). */
  pastVerb: boolean;
  /** Capitalised, more than one character, not "I": a possible name. */
  capitalised: boolean;
  /** Free for the dense model (embedding.ts): the token's rows in the vocabulary `rowsOf`. */
  rowsOf: object | null;
  rows: number;
  row0: number;
  row1: number;
}

/**
 * The tokens met so far, in an open-addressing table keyed by FNV-1a of the text: a page or a
 * corpus repeats its words, and a known token costs a hash and a compare instead of a string, a
 * lower-casing, two lexicon lookups and its n-gram hash. Emptied when full.
 */
const TABLE_BITS = 14;
const TABLE_MASK = (1 << TABLE_BITS) - 1;
const MAX_KNOWN = 1 << (TABLE_BITS - 1);
let slots: Int32Array | null = null;
const known: Token[] = [];

/** The token of `text` at [start, end), whose character codes are in `codes`. */
function tokenAt(text: string, codes: Uint16Array, start: number, end: number): Token {
  let key = 0x811c9dc5;
  for (let k = start; k < end; k++) key = Math.imul(key ^ codes[k], 0x01000193);
  slots ??= new Int32Array(1 << TABLE_BITS);
  let slot = key & TABLE_MASK;
  for (let at = slots[slot]; at !== 0; at = slots[slot]) {
    const t = known[at - 1];
    if (t.key === key && t.raw.length === end - start && sameText(t.raw, codes, start)) return t;
    slot = (slot + 1) & TABLE_MASK;
  }
  if (known.length >= MAX_KNOWN) {
    slots.fill(0);
    known.length = 0;
    slot = key & TABLE_MASK;
  }
  const raw = text.slice(start, end);
  const low = raw.toLowerCase().replace('’', "'");
  const c0 = raw.charCodeAt(0);
  const hash = fnv(c0 >= 48 && c0 <= 57 ? numberShape(raw) : low, 1);
  const lex2 = LEX2.get(low) ?? 0;
  const pastVerb = !!(lex2 & C.pastIrregular || (low.length > 4 && low.endsWith('ed') && !(lex2 & C.notPast)));
  const capitalised = c0 >= 65 && c0 <= 90 && low !== 'i' && raw.length > 1;
  const t: Token = { raw, low, lex: LEX.get(low) ?? 0, lex2, hash, uni: bucket(mix(hash, 11)), key, pastVerb, capitalised, rowsOf: null, rows: 0, row0: 0, row1: 0 };
  known.push(t);
  slots[slot] = known.length;
  return t;
}

function sameText(a: string, codes: Uint16Array, at: number): boolean {
  for (let k = 0; k < a.length; k++) if (a.charCodeAt(k) !== codes[at + k]) return false;
  return true;
}

const tokLower: string[] = [];
const tokRaw: string[] = [];
const tokWord: Token[] = [];

// Named cues are written through module state, not a closure over `n`: a captured `n` would live
// in a heap context for the whole function, n-gram loops included.
let cueIds: Int32Array;
let cueValues: Float32Array;
let cueCount = 0;
function named(f: NamedFeature): void {
  cueIds[cueCount] = NAMED_INDEX[f];
  cueValues[cueCount++] = 1;
}
/** Character codes of the text as the character n-grams see them (digits → '0', tab/newlines → ' '). */
const folded = new Uint16Array(MAX_CHARS * 2);

/** Character codes of the sentence (read once: sentences are often slices, slow to index). */
const codes = new Uint16Array(MAX_CHARS);

/**
 * Copies `text` into `codes` and fills `folded` from it, lower-casing as `toLowerCase` would,
 * without the string, when every character is ASCII or one that `toLowerCase` leaves alone and
 * context-free (U+00A0–U+00BF, U+2000–U+206F: spaces, quotes, dashes). Returns whether it could.
 */
function readText(text: string): boolean {
  let plain = true;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    codes[i] = c;
    if (c >= 128) {
      if (!((c >= 0xa0 && c <= 0xbf) || (c >= 0x2000 && c <= 0x206f))) plain = false;
    } else if (c >= 65 && c <= 90) c += 32;
    else if (c >= 48 && c <= 57) c = 48;
    else if (c === 9 || c === 10 || c === 13) c = 32;
    folded[i] = c;
  }
  return plain;
}
// The n-gram loops stand apart from extractFeatures, too large by then for V8 to inline `mix`.

/** Word 1–3-gram buckets of the `nTok` tokens in `tokWord`, written into `ids` from `n`; returns the new `n`. */
function wordNgrams(ids: Int32Array, n: number, nTok: number): number {
  let h1 = START_HASH;
  let h2 = 0;
  for (let i = 0; i <= nTok && n < MAX_FEATURES - 8; i++) {
    let h: number;
    if (i === nTok) h = END_HASH;
    else {
      const w = tokWord[i];
      h = w.hash;
      ids[n++] = w.uni;
    }
    ids[n++] = bucket(mix(mix(h1, h), 22));
    if (h2) ids[n++] = bucket(mix(mix(mix(h2, h1), h), 33));
    h2 = h1;
    h1 = h;
  }
  return n;
}

/** Character 3–5-gram buckets of the first `L` codes of `folded`, written into `ids` from `n`; returns the new `n`. */
function charNgrams(ids: Int32Array, n: number, L: number): number {
  for (let i = 0; i < L && n < MAX_FEATURES - 4; i++) {
    let h = Math.imul(0x811c9dc5 ^ folded[i], 0x01000193);
    if (i + 1 >= L) continue;
    h = Math.imul(h ^ folded[i + 1], 0x01000193);
    if (i + 2 >= L) continue;
    h = Math.imul(h ^ folded[i + 2], 0x01000193);
    ids[n++] = bucket(mix(h, 102));
    if (i + 3 >= L) continue;
    h = Math.imul(h ^ folded[i + 3], 0x01000193);
    ids[n++] = bucket(mix(h, 103));
    if (i + 4 >= L) continue;
    h = Math.imul(h ^ folded[i + 4], 0x01000193);
    ids[n++] = bucket(mix(h, 104));
  }
  return n;
}

/**
 * Lower-cased tokens of the sentence last passed to `extractFeatures` (a shared array, valid until
 * the next call): the dense model (utils/claims/embedding.ts) reads them instead of re-tokenizing.
 */
export const lastTokens: readonly string[] = tokLower;
/** The same tokens' `Token`s. */
export const lastTokenInfo: readonly Token[] = tokWord;

/**
 * Writes the features of `sentence` into `buf`; returns how many were written.
 * Values: 1 for named cues; word and character n-grams are each L2-normalised as a block.
 */
export function extractFeatures(sentence: string, buf: FeatureBuffers): number {
  if (LEX.size === 0) fillLexicons();
  const text = sentence.length > MAX_CHARS ? sentence.slice(0, MAX_CHARS) : sentence;
  const { ids, values } = buf;
  cueIds = ids;
  cueValues = values;
  cueCount = 0;

  // ---- tokens
  tokLower.length = 0;
  tokRaw.length = 0;
  tokWord.length = 0;
  const T = text.length;
  const plain = readText(text);
  for (let i = 0; i < T; ) {
    const end = tokenEnd(codes, T, i);
    if (end < 0) {
      i++;
      continue;
    }
    const t = tokenAt(text, codes, i, end);
    i = end;
    tokRaw.push(t.raw);
    tokLower.push(t.low);
    tokWord.push(t);
  }

  let mask = 0;
  let figures = 0;
  let years = 0;
  let dates = 0;
  let bigNumber = false;
  let percent = false;
  let money = false;
  let entities = 0;
  let words = 0;
  let quoteMarks = 0;
  let dayNumberOnly = true;
  let mask2 = 0;
  let figureUnit = false;
  let figureCompared = false;
  let pastVerbs = 0;
  for (let i = 0; i < tokRaw.length; i++) {
    const raw = tokRaw[i];
    const low = tokLower[i];
    const c0 = raw.charCodeAt(0);
    if (c0 >= 48 && c0 <= 57) {
      const shape = numberShape(raw);
      if (shape === '<year>') years++;
      else {
        const prev = i > 0 ? tokLower[i - 1] : '';
        const next = i + 1 < tokLower.length ? tokLower[i + 1] : '';
        const prevMask = i > 0 ? tokWord[i - 1].lex : 0;
        const nextMask = i + 1 < tokLower.length ? tokWord[i + 1].lex : 0;
        if (prevMask & B.month || nextMask & B.month) dates++;
        else {
          figures++;
          dayNumberOnly = false;
          if (shape === '<pct>') percent = true;
          if (shape === '<n4+>' || nextMask & B.big) bigNumber = true;
          if (prev === '$' || prev === '£' || prev === '€' || nextMask & B.money) money = true;
          if (next === '%' || nextMask & B.percent) percent = true;
          // "3.5 million barrels", "40,000 people", "$5 a pound": a figure that measures something.
          if (shape === '<pct>' || (i + 1 < tokLower.length ? tokWord[i + 1].lex2 : 0) & C.unit || nextMask & (B.big | B.money) || prev === '$' || prev === '£' || prev === '€' || ((nextMask & B.big) && (i + 2 < tokLower.length ? tokWord[i + 2].lex2 : 0) & C.unit)) figureUnit = true;
          if (prevMask & B.comparison || (i > 1 ? tokWord[i - 2].lex : 0) & B.comparison || prev === 'from' || prev === 'to' || prev === 'by' || prev === 'about' || prev === 'nearly' || prev === 'almost' || prev === 'over' || prev === 'under') figureCompared = true;
        }
      }
      continue;
    }
    if (raw === '$' || raw === '£' || raw === '€') money = true;
    if (raw === '%') percent = true;
    if (raw === '"' || raw === '“' || raw === '”') quoteMarks++;
    if (c0 >= 65) words++;
    const lm = tokWord[i].lex;
    mask |= lm;
    const lm2 = tokWord[i].lex2;
    mask2 |= lm2;
    if (tokWord[i].pastVerb) pastVerbs++;
    // Capitalised word not at the sentence start, or a capitalised start that is not a common opener.
    if (tokWord[i].capitalised) {
      if (i > 0 ? !(lm & (B.month | B.weekday)) : !SENTENCE_STARTERS.has(low) && lm === 0) entities++;
    }
    if (i > 0) {
      const prev = tokLower[i - 1];
      if (prev === 'according' && low === 'to') mask |= B.attribution;
      if ((prev === 'more' || prev === 'less' || prev === 'fewer' || prev === 'higher' || prev === 'lower') && low === 'than') mask |= B.comparison;
      if ((prev === 'going' || prev === 'gonna') && low === 'to') mask |= B.future;
      if ((prev === 'i' || prev === 'we') && (lm & B.opinion)) mask |= B.opinion;
      if ((prev === 'have' || prev === 'has' || prev === 'got') && low === 'to') mask |= B.should;
      if (prev === 'led' && low === 'to') mask |= B.causal;
      if (prev === 'per' && low === 'cent') percent = true;
      if ((prev === 'we' || prev === "we'll" || prev === "we're") && (lm & B.future || low === 'going' || low === 'need' || low === 'must' || low === 'should' || low === 'want')) mask2 |= C.we << 16;
      if (prev === 'i' && (lm & B.opinion || low === 'believe' || low === 'think' || low === 'feel' || low === 'guess')) mask2 |= C.judgement << 16;
      if ((low === 'ago' || low === 'year' || low === 'week' || low === 'month') && (prev === 'last' || prev === 'this' || tokWord[i - 1].lex & B.quantity || /^\d/.test(prev))) mask2 |= C.timeAnchor;
    }
  }

  // ---- named cues
  named('bias');
  const nTok = tokRaw.length;
  // Last non-space character (without allocating a trimmed copy).
  let lastAt = text.length - 1;
  while (lastAt >= 0 && (text.charCodeAt(lastAt) <= 32 || text.charCodeAt(lastAt) === 160)) lastAt--;
  const last = lastAt >= 0 ? text[lastAt] : '';
  const isQuestion = last === '?' || (nTok > 0 && FIRST_WORD_QUESTION.has(tokLower[0]) && tokWord[0].lex & B.wh && last !== '.');
  if (figures) named('figure');
  if (bigNumber || mask & B.big) named('big_number');
  if (percent || mask & B.percent) named('percent');
  if (money) named('money');
  if (years) named('year');
  if (dates || (mask & B.month && years)) named('date');
  if (mask & B.quantity) named('quantity_word');
  if (mask & B.statistic) named('statistic_word');
  if (entities >= 1) named('entity');
  if (entities >= 3) named('entity2');
  if (mask & B.attribution) named('attribution');
  if (mask & B.comparison) named('comparison');
  if (mask & B.superlative) named('superlative');
  if (mask & B.causal) named('causal');
  if (mask & B.past) named('past_action');
  if (mask & B.policy) named('policy_word');
  if (mask & B.negation && (figures || mask & B.past)) named('negated_fact');
  if (isQuestion) named('question');
  if (mask & B.future) named('future');
  if (mask & B.hypothetical) named('hypothetical');
  if (mask & B.opinion) named('opinion');
  if (mask & B.should) named('modal_should');
  if (mask & B.first) named('first_person');
  if (mask & B.second) named('second_person');
  if (mask & B.greeting) named('greeting');
  if (nTok > 0 && tokWord[0].lex & B.imperative) named('imperative');
  if (words < 14 && /^\s*(by|updated|published|posted)\b/i.test(text)) named('byline');
  if (mask & B.advert && money) named('advert');
  const hasDigit = figures + years + dates > 0;
  if (hasDigit && /\b(page|p\.)\s*\d+(\s*of\s*\d+)?\b|^\s*\d+\s*(of|\/)\s*\d+\s*$/i.test(text)) named('page_number');
  if (mask & B.boiler) named('boilerplate');
  if (quoteMarks) named('quote_mark');
  if (last === '!') named('exclamation');
  if (words < 6) named('len_short');
  else if (words < 25) named('len_medium');
  else named('len_long');
  const anyFigure = figures > 0 || percent || money || bigNumber;
  if (anyFigure && !(mask & (B.future | B.hypothetical)) && !isQuestion) named('figure_not_future');
  if (anyFigure && mask & B.attribution) named('figure_attributed');
  if (entities && mask & B.past) named('entity_past');
  if (anyFigure && mask & B.statistic) named('figure_and_stat');
  if ((dates || years) && dayNumberOnly && !figures) named('num_only_date');
  if (!'.!?"”’)'.includes(last) || !last) named('fragment');
  if (figureUnit) named('figure_unit');
  if (figureCompared && anyFigure) named('figure_compared');
  if (anyFigure && mask & B.future) named('figure_future');
  if (anyFigure && mask & B.second) named('figure_you');
  if (mask2 & C.hedge) named('hedge');
  if (mask2 & C.judgement) named('judgement');
  if (mask2 & C.intensifier) named('intensifier');
  if (mask2 & C.we) named('we');
  if (mask2 & (C.we << 16)) named('we_future');
  if (mask2 & (C.judgement << 16)) named('i_opinion');
  if (mask2 & C.timeAnchor || dates || (years && !(mask & B.future))) named('time_anchor');
  if (entities && mask & B.attribution) named('entity_attributed');
  if (pastVerbs >= 2 || (pastVerbs === 1 && words < 12)) named('past_tense');
  // The regex only on texts with "p." or "^" (every match holds one).
  if (mask2 & C.citation || ((text.includes('p.') || text.includes('^')) && /\bpp?\.\s*\d|\^/.test(text))) named('citation');
  if (/^\s*[A-Z][A-Z .,'-]{2,}(\([A-Za-z ]+\))?\s*[—–-]{1,2}\s/.test(text)) named('dateline');
  if (nTok > 1 && tokWord[0].lex2 & C.interjection && /^\W*[A-Za-z]+\s*[,.!-]/.test(text)) named('interjection');
  if (mask2 & C.conditional) named('conditional');

  // ---- hashed word 1–3-grams over normalised tokens
  let n = cueCount;
  const wordStart = n;
  n = wordNgrams(ids, n, nTok);
  const wordCount = n - wordStart;
  values.fill(wordCount ? 1 / Math.sqrt(wordCount) : 0, wordStart, n);

  // ---- hashed character 3–5-grams over the lower-cased text, digits folded to '0'
  const charStart = n;
  let L = T;
  if (!plain) {
    const lower = text.toLowerCase();
    // toLowerCase can lengthen a text ('İ' → 'i̇'), hence the room in `folded`.
    L = Math.min(lower.length, folded.length);
    for (let i = 0; i < L; i++) {
      const c = lower.charCodeAt(i);
      folded[i] = c >= 48 && c <= 57 ? 48 : c === 9 || c === 10 || c === 13 ? 32 : c;
    }
  }
  n = charNgrams(ids, n, L);
  const charCount = n - charStart;
  values.fill(charCount ? 1 / Math.sqrt(charCount) : 0, charStart, n);
  return n;
}
