// Reader corrections: where a suggestion points (a W3C Web Annotation TextQuoteSelector — the quoted text with
// a little of what comes before and after — and the record the page is about), how a quote finds its place again
// after the page was edited, what submitted text may contain, and the queue's states. Pure: the web app uses the
// anchoring too, so this module imports nothing.

/** How many characters of context are kept on each side of a quote. */
export const CONTEXT_LENGTH = 32;

/** The W3C Web Annotation TextQuoteSelector (https://www.w3.org/TR/annotation-model/#text-quote-selector). */
export interface TextQuoteSelector {
  readonly type: 'TextQuoteSelector';
  /** The quoted text itself. */
  readonly exact: string;
  /** Up to CONTEXT_LENGTH characters just before it (empty at the start of the text). */
  readonly prefix: string;
  /** Up to CONTEXT_LENGTH characters just after it (empty at the end of the text). */
  readonly suffix: string;
}

/** The kinds of record a public page can declare itself to be about (`data-record-type` on its main element). */
export const RECORD_TYPES = ['agreement', 'incident', 'bulletin', 'exchange', 'group', 'issue'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export function isRecordType(value: string): value is RecordType {
  return (RECORD_TYPES as readonly string[]).includes(value);
}

export interface RecordRef {
  readonly type: RecordType;
  readonly id: string;
}

/** What a correction is about: a page (a path of the web app), maybe its record, maybe a quote on it. */
export interface CorrectionTarget {
  /** The page's path and query, e.g. `/agreements/energy-moratorium-2025-03`. */
  readonly source: string;
  readonly title: string | null;
  readonly record: RecordRef | null;
  /** Null when the reader opened the form without selecting anything. */
  readonly selector: TextQuoteSelector | null;
}

/**
 * The selector for `text.slice(start, end)`: the quote and `context` characters on either side. Callers pass
 * the text as they will search it later (the web app collapses runs of white space first).
 */
export function describeQuote(
  text: string,
  start: number,
  end: number,
  context: number = CONTEXT_LENGTH,
): TextQuoteSelector {
  if (start < 0 || end > text.length || start > end)
    throw new RangeError(`No span ${start}–${end} in a text of ${text.length} characters.`);
  return {
    type: 'TextQuoteSelector',
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - context), start),
    suffix: text.slice(end, end + context),
  };
}

/**
 * How a quote was found: `exact` — the quoted text as it was; `fuzzy` — a close variant of it (the page fixed a
 * typo, changed a word); `context` — the quote was rewritten, but what stood before and after it is still there,
 * so the text between them is where it was.
 */
export type AnchorMethod = 'exact' | 'fuzzy' | 'context';

export interface Anchor {
  readonly start: number;
  readonly end: number;
  readonly method: AnchorMethod;
  /** The text at the anchor now. */
  readonly quote: string;
  /** How close `quote` is to the selector's `exact`, from 0 to 1 (1: the same). */
  readonly similarity: number;
}

export interface AnchorOptions {
  /** The most edits per character of the quote a fuzzy match may need (default 0.25). */
  readonly maxErrorRate?: number;
}

/** Quotes shorter than this are found only exactly or by their context: a fuzzy "RU" would match anything. */
const MIN_FUZZY_LENGTH = 5;
/** The most edits a fuzzy match may need whatever the quote's length, which bounds the search's cost. */
const MAX_ERRORS = 128;
/** How many of the best fuzzy candidates are weighed against their context. */
const MAX_CANDIDATES = 20;

/**
 * Finds a quote in a text that may have changed since it was quoted: exact occurrences first (where there are
 * several, the one whose surroundings best match the prefix and suffix), then the closest approximate
 * occurrence (at most `maxErrorRate` edits per character, weighed with its surroundings), then the span between
 * the prefix and the suffix. Null when none of these finds it.
 */
export function anchorQuote(
  text: string,
  selector: TextQuoteSelector,
  options: AnchorOptions = {},
): Anchor | null {
  const { exact } = selector;
  if (exact.length === 0) return null;
  const exactHits = occurrences(text, exact);
  if (exactHits.length > 0) {
    const best = bestBy(exactHits, (start) => contextScore(text, selector, start, start + exact.length));
    return { start: best, end: best + exact.length, method: 'exact', quote: exact, similarity: 1 };
  }
  const rate = options.maxErrorRate ?? 0.25;
  if (exact.length >= MIN_FUZZY_LENGTH) {
    const maxErrors = Math.min(MAX_ERRORS, Math.max(1, Math.floor(exact.length * rate)));
    const candidates = approximateMatches(text, exact, maxErrors);
    if (candidates.length > 0) {
      const best = bestBy(
        candidates,
        (c) => 2.5 * (1 - c.errors / exact.length) + contextScore(text, selector, c.start, c.end),
      );
      const quote = text.slice(best.start, best.end);
      return {
        start: best.start,
        end: best.end,
        method: 'fuzzy',
        quote,
        similarity: similarity(exact, quote),
      };
    }
  }
  return anchorByContext(text, selector, rate);
}

/**
 * The span between a match of the prefix and a match of the suffix that follows it closely enough to have held
 * a rewritten quote. Both must be long enough to mean something.
 */
function anchorByContext(text: string, selector: TextQuoteSelector, rate: number): Anchor | null {
  const { prefix, suffix, exact } = selector;
  if (prefix.length < 8 || suffix.length < 8) return null;
  const maxGap = Math.max(2 * exact.length, exact.length + 200);
  const prefixes = approximateMatches(text, prefix, Math.floor(prefix.length * rate));
  const suffixes = approximateMatches(text, suffix, Math.floor(suffix.length * rate));
  let best: { start: number; end: number; errors: number } | null = null;
  for (const p of prefixes) {
    for (const s of suffixes) {
      if (s.start < p.end || s.start - p.end > maxGap) continue;
      const errors = p.errors + s.errors;
      if (best === null || errors < best.errors) best = { start: p.end, end: s.start, errors };
    }
  }
  if (best === null) return null;
  const quote = text.slice(best.start, best.end);
  return { start: best.start, end: best.end, method: 'context', quote, similarity: similarity(exact, quote) };
}

function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) found.push(at);
  return found;
}

function bestBy<T>(items: readonly T[], score: (item: T) => number): T {
  let best = items[0] as T;
  let bestScore = -Infinity;
  for (const item of items) {
    const s = score(item);
    if (s > bestScore) {
      best = item;
      bestScore = s;
    }
  }
  return best;
}

/** How well the text around a span matches the selector's prefix and suffix: 0 to 2. */
function contextScore(text: string, selector: TextQuoteSelector, start: number, end: number): number {
  const before = text.slice(Math.max(0, start - selector.prefix.length), start);
  const after = text.slice(end, end + selector.suffix.length);
  // An empty prefix means the quote opened the text; an empty suffix, that it closed it.
  const prefixScore =
    selector.prefix.length === 0 ? (start === 0 ? 1 : 0.5) : similarity(selector.prefix, before);
  const suffixScore =
    selector.suffix.length === 0 ? (end === text.length ? 1 : 0.5) : similarity(selector.suffix, after);
  return prefixScore + suffixScore;
}

/** 1 minus the edit distance over the longer length: 1 for equal strings, 0 for nothing in common. */
export function similarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : 1 - editDistance(a, b) / longer;
}

/** Levenshtein distance, two rows. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const substitute = (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      cur[j] = Math.min(substitute, (prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length] ?? 0;
}

interface ApproximateMatch {
  readonly start: number;
  readonly end: number;
  readonly errors: number;
}

/**
 * Every place where `pattern` occurs in `text` with at most `maxErrors` edits: Sellers' dynamic programme (a
 * match may start anywhere) with Ukkonen's cut-off (only the rows that can still stay within `maxErrors` are
 * computed), so a search costs about text length × maxErrors. Each cell carries where its match started. Of
 * overlapping matches the best ones are kept, at most MAX_CANDIDATES.
 */
function approximateMatches(text: string, pattern: string, maxErrors: number): ApproximateMatch[] {
  const m = pattern.length;
  if (m === 0) return [];
  const over = maxErrors + 1;
  let prevCost = new Int32Array(m + 1);
  let prevStart = new Int32Array(m + 1);
  let curCost = new Int32Array(m + 1);
  let curStart = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) prevCost[i] = Math.min(i, over);
  let lastActive = Math.min(m, maxErrors);
  const found: ApproximateMatch[] = [];
  for (let j = 1; j <= text.length; j++) {
    const ch = text[j - 1];
    curCost[0] = 0;
    curStart[0] = j;
    const bound = Math.min(m, lastActive + 1);
    for (let i = 1; i <= bound; i++) {
      let cost = (prevCost[i - 1] as number) + (pattern[i - 1] === ch ? 0 : 1);
      let start = prevStart[i - 1] as number;
      const skipPattern = (curCost[i - 1] as number) + 1;
      if (skipPattern < cost) {
        cost = skipPattern;
        start = curStart[i - 1] as number;
      }
      const skipText = (prevCost[i] as number) + 1;
      if (skipText < cost) {
        cost = skipText;
        start = prevStart[i] as number;
      }
      curCost[i] = Math.min(cost, over);
      curStart[i] = start;
    }
    for (let i = bound + 1; i <= m; i++) curCost[i] = over;
    lastActive = bound;
    while (lastActive > 0 && (curCost[lastActive] as number) > maxErrors) lastActive--;
    if (lastActive === m) found.push({ start: curStart[m] as number, end: j, errors: curCost[m] as number });
    [prevCost, curCost] = [curCost, prevCost];
    [prevStart, curStart] = [curStart, prevStart];
  }
  return bestDistinct(found);
}

/** Of matches that share a start, the one with the fewest errors (then the shortest); the best few overall. */
function bestDistinct(matches: readonly ApproximateMatch[]): ApproximateMatch[] {
  const byStart = new Map<number, ApproximateMatch>();
  for (const match of matches) {
    const held = byStart.get(match.start);
    if (
      held === undefined ||
      match.errors < held.errors ||
      (match.errors === held.errors && match.end < held.end)
    )
      byStart.set(match.start, match);
  }
  return [...byStart.values()]
    .sort((a, b) => a.errors - b.errors || a.start - b.start)
    .slice(0, MAX_CANDIDATES);
}

// --- What a submission may contain -------------------------------------------------------------------------

/**
 * Characters a reader's text may not contain: C0 controls other than tab, line feed and carriage return, DEL,
 * C1 controls, and the bidirectional embedding, override and isolate controls (which can make text read
 * differently from what it is).
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** The first forbidden character in `value`, described (`U+0007`), or null when there is none. */
export function forbiddenCharacter(value: string): string | null {
  const match = FORBIDDEN.exec(value);
  if (match === null) return null;
  const code = match[0].codePointAt(0) ?? 0;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * A reader's text with the markup taken out: comments, tags (`<b>`, `</script>`, `<img src=x onerror=...>`,
 * `<!DOCTYPE>`, `<?xml ...?>`) and the opening of any unfinished tag are removed, the words between them stay.
 * A `<` not followed by a letter, `/`, `!` or `?` is ordinary text (`fewer than 10 <  20`). Line ends become
 * `\n`, the text is NFC-normalised and trimmed. Applying it twice changes nothing more.
 */
export function stripMarkup(value: string): string {
  let text = value.replace(/\r\n?/g, '\n').normalize('NFC');
  // Removing one tag can join the pieces of another (`<scr<b>ipt>`): repeat until nothing changes.
  for (let previous = ''; previous !== text;) {
    previous = text;
    text = text.replace(/<!--[\s\S]*?(?:-->|$)/g, '').replace(/<[A-Za-z/!?][^<>]*>/g, '');
  }
  // What still opens a tag never closes it; without its `<` it is words. (Dropping a `<` makes no new tag.)
  return text.replace(/<(?=[A-Za-z/!?])/g, '').trim();
}

/** A line of text: one reader's contact, which is never more than one line. */
export function isSingleLine(value: string): boolean {
  return !/[\n\r\t]/.test(value);
}

/** Limits of a submission, in characters. */
export const CORRECTION_LIMITS = {
  source: 500,
  title: 300,
  recordId: 200,
  exact: 2000,
  context: 200,
  suggestion: 2000,
  comment: 4000,
  contact: 200,
  reply: 4000,
  note: 4000,
} as const;

/** The request body limit of a submission, in bytes: the fields' limits with room for UTF-8 and JSON. */
export const CORRECTION_BODY_LIMIT = 64 * 1024;

// --- The editors' queue --------------------------------------------------------------------------------------

/**
 * `submitted`: in the editors' queue; `accepted` or `rejected`: an editor answered, with a reply; `applied`: an
 * editor changed the page and said what changed, and it is listed in the public corrections log.
 */
export const CORRECTION_STATUSES = ['submitted', 'accepted', 'rejected', 'applied'] as const;
export type CorrectionStatus = (typeof CORRECTION_STATUSES)[number];

export const CORRECTION_DECISIONS = ['accept', 'reject'] as const;
export type CorrectionDecision = (typeof CORRECTION_DECISIONS)[number];

export type CorrectionStep = CorrectionDecision | 'apply';

/** The status a step leads to from `current`, or null when the step is not open from there. */
export function nextCorrectionStatus(
  current: CorrectionStatus,
  step: CorrectionStep,
): CorrectionStatus | null {
  switch (step) {
    case 'accept':
      return current === 'submitted' ? 'accepted' : null;
    case 'reject':
      return current === 'submitted' ? 'rejected' : null;
    case 'apply':
      return current === 'accepted' ? 'applied' : null;
  }
}

/** A reader's correction as stored, with the editors' answers. `contact` is never shown to the public. */
export interface Correction {
  readonly id: string;
  readonly status: CorrectionStatus;
  readonly target: CorrectionTarget;
  readonly suggestion: string;
  readonly comment: string;
  readonly contact: string | null;
  readonly submittedAt: string;
  /** The person who sent it when signed in; null for the public. */
  readonly submittedBy: string | null;
  readonly review: {
    readonly decision: 'accepted' | 'rejected';
    readonly reply: string;
    readonly at: string;
    readonly by: string;
  } | null;
  readonly applied: { readonly note: string; readonly at: string; readonly by: string } | null;
}
