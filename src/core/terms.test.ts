// When a readout's terms bind: its window, cut short by the lifecycle, held back by unmet preconditions.

import { describe, expect, it } from 'vitest';
import { agreementEnd, readoutSpan, windowInterval, windowProblems } from './terms.js';
import {
  bound,
  buildAgreement,
  buildCondition,
  buildLifecycleStep,
  buildReadout,
  buildWindow,
  ms,
} from './testing/factories.js';
import { toUtcIso } from './time.js';

function interval(window = buildWindow()) {
  const result = windowInterval(window);
  if (!result) throw new Error('expected the window to have an interval');
  return result;
}

describe('windowInterval', () => {
  it('starts at the beginning of the start’s unit: a day in Moscow starts at 21:00Z the day before', () => {
    const window = buildWindow({ start: bound('2025-03-18T15:00:00+03:00', 'day') });
    expect(toUtcIso(interval(window).startMs)).toBe('2025-03-17T21:00:00.000Z');
  });

  it('starts at the stated minute for a minute-precision start', () => {
    const window = buildWindow({ start: bound('2025-03-18T15:00:00+03:00', 'minute') });
    expect(interval(window).startMs).toBe(ms('2025-03-18T15:00:00+03:00'));
  });

  it('ends 30 days from 18 March in Moscow at 17 April 00:00 +03:00', () => {
    const window = buildWindow({ start: bound('2025-03-18T00:00:00+03:00'), durationDays: 30 });
    expect(interval(window).endMs).toBe(ms('2025-04-17T00:00:00+03:00'));
  });

  it('includes the whole day of an explicit day-precision end', () => {
    const window = buildWindow({ durationDays: null, end: bound('2025-04-16T00:00:00+03:00', 'day') });
    expect(interval(window).endMs).toBe(ms('2025-04-17T00:00:00+03:00'));
  });

  it('includes the whole minute of an explicit minute-precision end', () => {
    const window = buildWindow({ durationDays: null, end: bound('2025-04-16T18:00:00+03:00', 'minute') });
    expect(interval(window).endMs).toBe(ms('2025-04-16T18:01:00+03:00'));
  });

  it('is open-ended with neither an end nor a duration', () => {
    expect(interval(buildWindow({ durationDays: null })).endMs).toBe(Number.POSITIVE_INFINITY);
  });

  it('is null without a start', () => {
    expect(windowInterval(buildWindow({ start: null, durationDays: null }))).toBeNull();
  });
});

describe('windowProblems', () => {
  it('finds nothing wrong with a start and a duration', () => {
    expect(windowProblems(buildWindow())).toEqual([]);
  });

  it('finds nothing wrong with a window that ends on the day it starts', () => {
    const window = buildWindow({ durationDays: null, end: bound('2025-03-18T00:00:00+03:00') });
    expect(windowProblems(window)).toEqual([]);
  });

  it('finds nothing wrong with a window that has no start, end or duration', () => {
    expect(windowProblems(buildWindow({ start: null, durationDays: null }))).toEqual([]);
  });

  it('reports an end before the start on the end', () => {
    const window = buildWindow({ durationDays: null, end: bound('2025-03-17T00:00:00+03:00') });
    expect(windowProblems(window)).toEqual([{ path: 'end', message: 'the window ends before it starts' }]);
  });

  it('reports an end and a duration together on the duration', () => {
    const window = buildWindow({ durationDays: 30, end: bound('2025-04-16T00:00:00+03:00') });
    expect(windowProblems(window).map((p) => p.path)).toEqual(['durationDays']);
  });

  it('reports an end without a start on the start', () => {
    const window = buildWindow({ start: null, durationDays: null, end: bound('2025-04-16') });
    expect(windowProblems(window).map((p) => p.path)).toEqual(['start']);
  });

  it('reports a duration without a start on the start', () => {
    expect(windowProblems(buildWindow({ start: null, durationDays: 30 })).map((p) => p.path)).toEqual([
      'start',
    ]);
  });

  it('reports an unparseable start on its text', () => {
    const window = buildWindow({ start: bound('18 March') });
    expect(windowProblems(window)).toEqual([
      { path: 'start.at', message: '"18 March" is not an ISO 8601 date or time' },
    ]);
  });

  it('reports an impossible end date on its text', () => {
    const window = buildWindow({ durationDays: null, end: bound('2025-02-30') });
    expect(windowProblems(window).map((p) => p.path)).toEqual(['end.at']);
  });
});

describe('agreementEnd', () => {
  it('is null when no step ends the agreement', () => {
    const agreement = buildAgreement({ lifecycle: [buildLifecycleStep({ status: 'in-force' })] });
    expect(agreementEnd(agreement)).toBeNull();
  });

  it('is the start of the unit of the earliest expired or collapsed step', () => {
    const agreement = buildAgreement({
      lifecycle: [
        buildLifecycleStep({ status: 'expired', at: '2025-04-17T00:00:00+03:00' }),
        buildLifecycleStep({ status: 'collapsed', at: '2025-04-10T15:00:00+03:00', precision: 'day' }),
      ],
    });
    expect(agreementEnd(agreement)).toEqual({
      atMs: ms('2025-04-10T00:00:00+03:00'),
      label: 'collapsed 2025-04-10',
    });
  });

  it('ignores a terminal step about one party', () => {
    const agreement = buildAgreement({
      lifecycle: [buildLifecycleStep({ status: 'collapsed', party: 'UA' })],
    });
    expect(agreementEnd(agreement)).toBeNull();
  });
});

describe('readoutSpan', () => {
  function spanOf(overrides: Parameters<typeof buildAgreement>[0] = {}) {
    const agreement = buildAgreement(overrides);
    const [readout] = agreement.readouts;
    if (!readout) throw new Error('expected a readout');
    return readoutSpan(agreement, readout);
  }

  it('is the window itself, uncapped, when nothing ends or holds back the agreement', () => {
    expect(spanOf()).toEqual({
      inForce: true,
      interval: { startMs: ms('2025-03-18T00:00:00+03:00'), endMs: ms('2025-04-17T00:00:00+03:00') },
      cappedBy: null,
    });
  });

  it('is not in force when the readout gives no start', () => {
    const readout = buildReadout({ window: buildWindow({ start: null, durationDays: null }) });
    expect(spanOf({ readouts: [readout] })).toEqual({
      inForce: false,
      reason: 'this readout puts the terms in force at no date',
    });
  });

  it('is cut short by an agreement that expired inside the window', () => {
    const span = spanOf({ lifecycle: [buildLifecycleStep({ status: 'expired', at: '2025-04-10' })] });
    expect(span).toEqual({
      inForce: true,
      interval: { startMs: ms('2025-03-18T00:00:00+03:00'), endMs: ms('2025-04-10T00:00:00Z') },
      cappedBy: 'expired 2025-04-10',
    });
  });

  it('is cut short by an agreement that collapsed inside the window', () => {
    const span = spanOf({
      lifecycle: [buildLifecycleStep({ status: 'collapsed', at: '2025-03-25T00:00:00+03:00' })],
    });
    expect(span.inForce && span.interval.endMs).toBe(ms('2025-03-25T00:00:00+03:00'));
  });

  it('is not in force when the agreement collapsed before the window opened', () => {
    const span = spanOf({
      lifecycle: [buildLifecycleStep({ status: 'collapsed', at: '2025-03-17T00:00:00+03:00' })],
    });
    expect(span).toEqual({
      inForce: false,
      reason: 'the agreement collapsed 2025-03-17 before this window',
    });
  });

  it('is not capped by an expiry after the window has closed', () => {
    const span = spanOf({ lifecycle: [buildLifecycleStep({ status: 'expired', at: '2025-05-01' })] });
    expect(span.inForce && span.cappedBy).toBeNull();
  });

  it('is not capped by one party’s terminal step', () => {
    const span = spanOf({
      lifecycle: [buildLifecycleStep({ status: 'collapsed', party: 'UA', at: '2025-03-25T00:00:00+02:00' })],
    });
    expect(span.inForce && span.interval.endMs).toBe(ms('2025-04-17T00:00:00+03:00'));
  });

  it('is held out of force by an unmet precondition tied to the readout', () => {
    const span = spanOf({ conditions: [buildCondition({ readout: 'kremlin', status: 'open' })] });
    expect(span).toEqual({
      inForce: false,
      reason: 'not in force until a precondition is met: sanctions relief first',
    });
  });

  it('is held out of force by a partly met precondition', () => {
    const span = spanOf({ conditions: [buildCondition({ readout: 'kremlin', status: 'partly-met' })] });
    expect(span.inForce).toBe(false);
  });

  it('is in force once the precondition tied to it is met', () => {
    const span = spanOf({ conditions: [buildCondition({ readout: 'kremlin', status: 'met' })] });
    expect(span.inForce).toBe(true);
  });

  it('is not held back by a precondition tied to another readout', () => {
    const span = spanOf({ conditions: [buildCondition({ readout: 'white-house', status: 'open' })] });
    expect(span.inForce).toBe(true);
  });

  it('is not held back by an open demand tied to it', () => {
    const span = spanOf({ conditions: [buildCondition({ kind: 'demand', readout: 'kremlin' })] });
    expect(span.inForce).toBe(true);
  });
});
