import { describe, expect, it } from 'vitest';
import {
  anchorQuote,
  CORRECTION_STATUSES,
  type CorrectionStatus,
  type CorrectionStep,
  describeQuote,
  editDistance,
  forbiddenCharacter,
  nextCorrectionStatus,
  similarity,
  stripMarkup,
} from './corrections.js';

const PAGE =
  'On 18 March 2025 the presidents of Russia and the United States spoke by telephone. The Kremlin said ' +
  'that Russia would stop strikes on energy infrastructure facilities for 30 days. The White House said ' +
  'that the leaders agreed to a halt of strikes on energy and infrastructure. Ukraine’s foreign ministry ' +
  'dated the moratorium from 25 March.';

/** The selector of the first occurrence of `quote` in PAGE. */
function quoted(quote: string, text = PAGE) {
  const start = text.indexOf(quote);
  expect(start, quote).toBeGreaterThanOrEqual(0);
  return describeQuote(text, start, start + quote.length);
}

describe('describeQuote', () => {
  it('keeps the quote and 32 characters of context on each side', () => {
    const selector = quoted('30 days');
    expect(selector).toEqual({
      type: 'TextQuoteSelector',
      exact: '30 days',
      prefix: 'energy infrastructure facilities for '.slice(-32),
      suffix: '. The White House said that the l'.slice(0, 32),
    });
  });

  it('has an empty prefix at the start of the text and an empty suffix at its end', () => {
    expect(describeQuote('ceasefire', 0, 9)).toMatchObject({ prefix: '', suffix: '', exact: 'ceasefire' });
  });

  it('refuses a span outside the text', () => {
    expect(() => describeQuote('short', 2, 9)).toThrow(RangeError);
  });
});

describe('anchorQuote', () => {
  it('finds an unchanged quote exactly where it was', () => {
    const selector = quoted('energy infrastructure facilities');
    const start = PAGE.indexOf('energy infrastructure facilities');
    expect(anchorQuote(PAGE, selector)).toEqual({
      start,
      end: start + 'energy infrastructure facilities'.length,
      method: 'exact',
      quote: 'energy infrastructure facilities',
      similarity: 1,
    });
  });

  it('follows the quote when text is added before it', () => {
    const selector = quoted('dated the moratorium from 25 March');
    const edited = `Updated 20 March 2025: sources added. ${PAGE}`;
    const anchor = anchorQuote(edited, selector);
    expect(anchor?.method).toBe('exact');
    expect(edited.slice(anchor?.start, anchor?.end)).toBe('dated the moratorium from 25 March');
  });

  it('tells repeated quotes apart by their prefix and suffix', () => {
    // "said that" occurs twice; the reader selected the White House's.
    const second = PAGE.indexOf('said that', PAGE.indexOf('said that') + 1);
    const selector = describeQuote(PAGE, second, second + 'said that'.length);
    expect(anchorQuote(PAGE, selector)?.start).toBe(second);
    // Still the second after the first moved.
    const edited = PAGE.replace('The Kremlin said', 'The Kremlin’s readout said');
    const moved = edited.indexOf('said that', edited.indexOf('said that') + 1);
    expect(anchorQuote(edited, selector)).toMatchObject({ start: moved, method: 'exact' });
  });

  it('finds a quote whose typo the page has since fixed, and reports the text now there', () => {
    const original = PAGE.replace('energy infrastructure facilities', 'energy infrastucture facilites');
    const selector = quoted('stop strikes on energy infrastucture facilites for 30 days', original);
    const anchor = anchorQuote(PAGE, selector);
    expect(anchor).toMatchObject({
      method: 'fuzzy',
      quote: 'stop strikes on energy infrastructure facilities for 30 days',
    });
    expect(anchor?.similarity).toBeGreaterThan(0.9);
    expect(anchor?.similarity).toBeLessThan(1);
  });

  it('finds a reworded quote by a fuzzy match weighed with its context', () => {
    const selector = quoted('agreed to a halt of strikes on energy and infrastructure');
    const edited = PAGE.replace('agreed to a halt of strikes', 'agreed to halt strikes');
    const anchor = anchorQuote(edited, selector);
    expect(anchor?.method).toBe('fuzzy');
    expect(anchor?.quote).toBe('agreed to halt strikes on energy and infrastructure');
  });

  it('finds a rewritten quote between its unchanged prefix and suffix', () => {
    const selector = quoted('for 30 days');
    const edited = PAGE.replace('for 30 days', 'from 18 March until 17 April');
    const anchor = anchorQuote(edited, selector);
    expect(anchor).toMatchObject({ method: 'context', quote: ' from 18 March until 17 April'.trim() });
    expect(anchor?.similarity).toBeLessThan(0.5);
  });

  it('tolerates small edits of the context too when the quote itself was rewritten', () => {
    const selector = quoted('for 30 days');
    const edited = PAGE.replace(
      'infrastructure facilities for 30 days. The',
      'infrastructure facilities for a month. The',
    );
    expect(anchorQuote(edited, selector)).toMatchObject({ method: 'context', quote: 'for a month' });
  });

  it('gives up when the quote and its context are both gone', () => {
    const selector = quoted('Ukraine’s foreign ministry dated the moratorium from 25 March');
    const edited = PAGE.slice(0, PAGE.indexOf('Ukraine’s'));
    expect(anchorQuote(edited, selector)).toBeNull();
  });

  it('does not match a short quote loosely', () => {
    const selector = describeQuote('The parties are RU and UA.', 16, 18); // "RU"
    expect(anchorQuote('Parties: Russia and Ukraine.', selector)).toBeNull();
  });

  it('finds a quote in a long page quickly', () => {
    const filler = 'Incident report: drone strike on a substation, power restored within hours. ';
    const long = `${filler.repeat(2500)}${PAGE}${filler.repeat(2500)}`;
    const selector = quoted('Russia would stop strikes on energy infrastructure facilities', long);
    const edited = long.replace('Russia would stop strikes', 'Russia would halt strikes');
    const started = performance.now();
    const anchor = anchorQuote(edited, selector);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(anchor).toMatchObject({
      method: 'fuzzy',
      quote: 'Russia would halt strikes on energy infrastructure facilities',
    });
  });
});

describe('edit distance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(similarity('abc', 'abc')).toBe(1);
    expect(similarity('', '')).toBe(1);
  });
});

describe('stripMarkup', () => {
  it.each([
    ['<script>alert(1)</script>The date is wrong', 'alert(1)The date is wrong'],
    ['<img src=x onerror="alert(1)">18 March', '18 March'],
    ['<b>bold</b> and <a href="javascript:x">link</a>', 'bold and link'],
    ['<!-- hidden -->visible', 'visible'],
    ['<scr<b>ipt>alert(1)</script>', 'alert(1)'],
    ['unfinished <img src=x onerror=alert(1)', 'unfinished img src=x onerror=alert(1)'],
    ['fewer than 10 < 20 and 5 > 3', 'fewer than 10 < 20 and 5 > 3'],
    ['&lt;script&gt; stays as written', '&lt;script&gt; stays as written'],
    ['  line one\r\nline two  ', 'line one\nline two'],
  ])('%j becomes %j', (input, output) => {
    expect(stripMarkup(input)).toBe(output);
    expect(stripMarkup(output)).toBe(output);
  });
});

describe('forbiddenCharacter', () => {
  it('names control characters and bidirectional overrides, and allows tabs, line ends and any script', () => {
    expect(forbiddenCharacter('bell\u0007')).toBe('U+0007');
    expect(forbiddenCharacter('escape\u001b[31m')).toBe('U+001B');
    expect(forbiddenCharacter('c1\u0085')).toBe('U+0085');
    expect(forbiddenCharacter('override\u202e')).toBe('U+202E');
    expect(forbiddenCharacter('tab\tand\nline\r\nends')).toBeNull();
    expect(forbiddenCharacter('Енергетична інфраструктура — 30 днів')).toBeNull();
  });
});

describe('the correction queue', () => {
  // Written out by hand: from each status, where each step leads (- : not open).
  const EXPECTED: Record<CorrectionStatus, Record<CorrectionStep, CorrectionStatus | '-'>> = {
    submitted: { accept: 'accepted', reject: 'rejected', apply: '-' },
    accepted: { accept: '-', reject: '-', apply: 'applied' },
    rejected: { accept: '-', reject: '-', apply: '-' },
    applied: { accept: '-', reject: '-', apply: '-' },
  };

  it.each(CORRECTION_STATUSES)('from %s', (status) => {
    for (const step of ['accept', 'reject', 'apply'] as const) {
      const expected = EXPECTED[status][step];
      expect(nextCorrectionStatus(status, step), step).toBe(expected === '-' ? null : expected);
    }
  });
});
