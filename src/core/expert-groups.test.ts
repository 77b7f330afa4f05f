import { describe, expect, it } from 'vitest';
import { issueUpdateInputSchema } from './expert-group-inputs.js';
import {
  type BoardItem,
  ISSUE_STATUSES,
  ISSUE_TRANSITIONS,
  issueBoard,
  type IssueStatus,
  seatHolds,
  transitionRefusal,
} from './expert-groups.js';

const state = (status: IssueStatus, waitingOn: string | null = null) => ({ status, waitingOn });

function item(
  title: string,
  status: IssueStatus,
  lastActivity: string,
  waitingOn: string | null = null,
): BoardItem {
  return { title, status, waitingOn, lastActivity };
}

describe('issue transitions', () => {
  // Written out by hand: from each status (rows), which statuses an update may move to.
  const LEGAL: Readonly<Record<IssueStatus, readonly IssueStatus[]>> = {
    open: ['in-discussion', 'waiting', 'decided', 'dropped'],
    'in-discussion': ['waiting', 'decided', 'dropped'],
    waiting: ['in-discussion', 'waiting', 'decided', 'dropped'],
    decided: ['in-discussion'],
    dropped: ['open'],
  };

  it('has the table written out here', () => {
    expect(ISSUE_TRANSITIONS).toEqual(LEGAL);
  });

  it.each(ISSUE_STATUSES.flatMap((from) => ISSUE_STATUSES.map((to) => ({ from, to }))))(
    '$from → $to',
    ({ from, to }) => {
      const fromState = state(from, from === 'waiting' ? 'RU' : null);
      const toState = state(to, to === 'waiting' ? 'US' : null);
      expect(transitionRefusal(fromState, toState) === null).toBe(LEGAL[from].includes(to));
    },
  );

  it('passes a waiting issue to another party, but not to the same one', () => {
    expect(transitionRefusal(state('waiting', 'RU'), state('waiting', 'US'))).toBeNull();
    expect(transitionRefusal(state('waiting', 'RU'), state('waiting', 'RU'))).toBe(
      'The issue is already waiting on RU.',
    );
  });

  it('says where an issue may go instead', () => {
    expect(transitionRefusal(state('decided'), state('dropped'))).toBe(
      'An issue that is decided can move only to in-discussion, not to dropped.',
    );
    expect(transitionRefusal(state('open'), state('open'))).toBe('The issue is already open.');
  });
});

describe('the issue board', () => {
  const issues = [
    item('Sanctions', 'waiting', '2025-03-25T16:00:00.000Z', 'US'),
    item('Navigation', 'in-discussion', '2025-03-25T17:00:00.000Z'),
    item('Violations', 'waiting', '2025-04-17T09:00:00.000Z', 'US'),
    item('Warships', 'waiting', '2025-03-25T10:00:00.000Z', 'RU'),
    item('Facility list', 'decided', '2025-03-25T17:00:00.000Z'),
  ];

  it('has a column per status, in order, the most recently active first', () => {
    const board = issueBoard(issues);
    expect(board.columns.map((c) => [c.status, c.issues.map((i) => i.title)])).toEqual([
      ['open', []],
      ['in-discussion', ['Navigation']],
      ['waiting', ['Violations', 'Sanctions', 'Warships']],
      ['decided', ['Facility list']],
      ['dropped', []],
    ]);
    expect(board.counts).toEqual({ open: 0, 'in-discussion': 1, waiting: 3, decided: 1, dropped: 0 });
  });

  it('lists what waits on whom, parties in order', () => {
    expect(issueBoard(issues).waitingOn.map((w) => [w.party, w.issues.map((i) => i.title)])).toEqual([
      ['RU', ['Warships']],
      ['US', ['Violations', 'Sanctions']],
    ]);
  });

  it('breaks ties in activity by title, and is empty with no issues', () => {
    const tied = issueBoard([item('B', 'open', '2025-01-01'), item('A', 'open', '2025-01-01')]);
    expect(tied.columns[0]?.issues.map((i) => i.title)).toEqual(['A', 'B']);
    expect(issueBoard([]).waitingOn).toEqual([]);
  });
});

describe('update input', () => {
  it('needs the party a waiting issue waits on, and refuses one otherwise', () => {
    const paths = (value: unknown) =>
      issueUpdateInputSchema.safeParse(value).error?.issues.map((i) => i.path.join('.')) ?? [];
    expect(paths({ text: 'x', status: 'waiting' })).toEqual(['waitingOn']);
    expect(paths({ text: 'x', status: 'decided', waitingOn: 'RU' })).toEqual(['waitingOn']);
    expect(paths({ text: 'x', waitingOn: 'RU' })).toEqual(['waitingOn']);
    expect(paths({ text: 'x', status: 'waiting', waitingOn: 'RU' })).toEqual([]);
  });
});

describe('seats', () => {
  it('hold until the day their holder left', () => {
    expect(seatHolds({ leftOn: null }, '2025-04-01')).toBe(true);
    expect(seatHolds({ leftOn: '2025-04-01' }, '2025-03-31')).toBe(true);
    expect(seatHolds({ leftOn: '2025-04-01' }, '2025-04-01')).toBe(false);
  });
});
