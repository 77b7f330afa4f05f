// Text both engines can store: NUL characters and lone surrogates are found wherever they sit in a request,
// however deeply nested, and named by their path; well-formed text (surrogate pairs included) passes.

import { describe, expect, it } from 'vitest';
import { TrucelineError } from '../core/errors.js';
import { refuseNul, unstorableText } from './text.js';

describe('unstorableText', () => {
  it('names every string with a NUL or a lone surrogate, in document order', () => {
    const body = { a: 'ok', b: ['x', 'n\u0000l'], c: { d: '\ud800', e: 'emoji \ud83d\ude00 is fine' } };
    expect(unstorableText(body)).toEqual([
      { segments: ['b', '1'], message: 'contains a NUL character (U+0000)' },
      { segments: ['c', 'd'], message: 'contains a lone UTF-16 surrogate, which is not Unicode text' },
    ]);
  });

  it('walks a body nested 100,000 levels deep without overflowing the stack', () => {
    let deep: unknown = 'bottom\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const [found] = unstorableText(deep);
    expect(found?.segments).toHaveLength(100_000);
  });

  it('finds nothing in well-formed text, numbers and nulls', () => {
    expect(unstorableText({ a: 'Київ', b: 1, c: null, d: [true, '\ud83c\udf3b'] })).toEqual([]);
  });
});

describe('refuseNul', () => {
  it('throws VALIDATION_FAILED naming the body field, query value or path parameter', () => {
    const refused = (): void => {
      refuseNul({ params: { id: 'a\u0000' }, query: {}, body: { title: '\udc00' } });
    };
    expect(refused).toThrow(TrucelineError);
    expect(refused).toThrow(/params\.id: contains a NUL.*title: contains a lone UTF-16 surrogate/);
  });
});
