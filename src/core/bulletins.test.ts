import { describe, expect, it } from 'vitest';
import {
  type BulletinDay,
  type DayIncident,
  draftBulletin,
  isCalendarDate,
  linksIn,
  longDate,
  markdownText,
  plainText,
  relatedItems,
  renderMarkdown,
} from './bulletins.js';

function incident(overrides: Partial<DayIncident> = {}): DayIncident {
  return {
    id: 'i-1',
    title: 'Drone strike on a substation in Sumy region',
    place: 'Sumy region',
    sector: null,
    allegations: [{ accuser: 'UA', accused: 'RU' }],
    screenings: [
      {
        agreementSlug: 'energy-moratorium-2025-03',
        agreementTitle: '30-day moratorium on strikes on energy infrastructure',
        verdict: 'covered',
      },
    ],
    occurrence: 'alleged',
    grade: 'weak',
    rulings: [{ agreementSlug: 'energy-moratorium-2025-03', status: 'unable-to-rule' }],
    ...overrides,
  };
}

function day(overrides: Partial<BulletinDay> = {}): BulletinDay {
  return {
    date: '2025-04-02',
    incidents: [],
    findingsPublished: [],
    windowEdges: [],
    exchanges: null,
    sectors: new Map([['donetsk-north', 'Donetsk north']]),
    ...overrides,
  };
}

describe('dates', () => {
  it.each([
    ['2025-04-02', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-4-2', false],
    ['2025-04-02T00:00', false],
    ['', false],
  ])('%s is a calendar date: %s', (text, expected) => {
    expect(isCalendarDate(text)).toBe(expected);
  });

  it('writes a day out in words', () => {
    expect(longDate('2025-04-02')).toBe('2 April 2025');
  });
});

describe('draftBulletin', () => {
  it('names each incident of the day with its verdict under each agreement, and links it', () => {
    const contested = incident({
      id: 'i-2',
      title: 'Strike on Sloviansk',
      sector: 'donetsk-north',
      screenings: [{ ...incident().screenings[0]!, verdict: 'contested' }],
    });
    const { markdown, title, summary } = draftBulletin(day({ incidents: [incident(), contested] }));
    expect(title).toBe('Daily bulletin: 2 April 2025');
    expect(markdown).toContain(
      '- **covered** — [Drone strike on a substation in Sumy region](/incidents/i-1): Sumy region; alleged by UA against RU; occurrence alleged; ruling: unable to rule.',
    );
    expect(markdown).toContain('- **contested** — [Strike on Sloviansk](/incidents/i-2)');
    // The disputed first.
    expect(markdown.indexOf('**contested**')).toBeLessThan(markdown.indexOf('**covered**'));
    expect(markdown).toContain(
      'Under [30-day moratorium on strikes on energy infrastructure](/agreements/energy-moratorium-2025-03):',
    );
    expect(summary).toBe(
      '2 incidents on 2 April 2025 (screenings: contested 1, covered 1); 0 findings published; 0 readout windows starting or lapsing.',
    );
  });

  it('groups the incidents by sector, by name, with those outside every sector last', () => {
    const { markdown } = draftBulletin(
      day({ incidents: [incident(), incident({ id: 'i-2', title: 'B', sector: 'donetsk-north' })] }),
    );
    const section = markdown.slice(markdown.indexOf('### By sector'));
    expect(section).toMatch(
      /- \*\*Donetsk north\*\* \(1\): \[B\]\(\/incidents\/i-2\)\n- \*\*Outside the sectors, or not located\*\* \(1\)/,
    );
  });

  it('says plainly when a day has no incident, finding or window edge', () => {
    const { markdown } = draftBulletin(day());
    expect(markdown).toContain('No published incident is recorded for this day.');
    expect(markdown).toContain('No finding was published on this day.');
    expect(markdown).toContain('No readout’s window starts or lapses on this day.');
    expect(markdown).not.toContain('Prisoner exchanges');
  });

  it('lists the findings published, the readout windows starting or lapsing, and the exchanges', () => {
    const { markdown } = draftBulletin(
      day({
        findingsPublished: [
          {
            incidentId: 'i-9',
            incidentTitle: 'Sudzha',
            occurrence: 'corroborated',
            grade: 'contested',
            rulings: [],
          },
        ],
        windowEdges: [
          {
            agreementSlug: 'm',
            agreementTitle: 'Moratorium',
            readoutKey: 'kremlin',
            issuer: 'The Kremlin',
            edge: 'lapses',
            at: '2025-04-17T00:00:00+03:00',
            cutShortBy: null,
          },
        ],
        exchanges: [
          { id: 'x-1', title: '175 for 175', summary: 'RU handed over 175 and UA 175 (350 people).' },
        ],
      }),
    );
    expect(markdown).toContain('- [Sudzha](/incidents/i-9): occurrence corroborated, grade contested.');
    expect(markdown).toContain(
      '- [Moratorium](/agreements/m), as The Kremlin reads it (`kremlin`): lapses at 2025-04-17T00:00:00+03:00.',
    );
    expect(markdown).toContain(
      '## Prisoner exchanges\n\n- [175 for 175](/exchanges#x-1): RU handed over 175',
    );
  });

  it('escapes Markdown in the data, so that a title reads as written', () => {
    const { markdown } = draftBulletin(
      day({ incidents: [incident({ title: 'A *bold* [link](javascript:x)' })] }),
    );
    expect(markdown).toContain('[A \\*bold\\* \\[link\\](javascript:x)](/incidents/i-1)');
    expect(renderMarkdown(markdown)).not.toContain('href="javascript');
    expect(markdownText('a\nb')).toBe('a b');
  });
});

describe('renderMarkdown', () => {
  it('shows raw HTML as text, never as markup', () => {
    const html = renderMarkdown('Hello <script>alert(1)</script> <img src=x onerror=alert(1)>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<script|<img/);
  });

  it('refuses javascript: links and marks links that leave the site', () => {
    expect(renderMarkdown('[x](javascript:alert(1))')).not.toContain('href');
    expect(renderMarkdown('[x](https://example.org)')).toContain(
      '<a href="https://example.org" rel="nofollow noopener noreferrer">x</a>',
    );
    expect(renderMarkdown('[x](/agreements/m)')).toBe('<p><a href="/agreements/m">x</a></p>\n');
  });

  it('gives the plain text of a document', () => {
    expect(plainText('# Title\n\nSome *text* and [a link](/x).')).toBe('Title Some text and a link.');
  });
});

describe('linksIn', () => {
  it('finds the agreements, incidents and bulletins a text links to, once each, by the site’s own paths', () => {
    const links = linksIn(
      [
        '[a](/agreements/energy-moratorium-2025-03) [b](/incidents/i-1) [c](/incidents/i-1#finding)',
        '[d](/bulletins/daily-2025-03-18/) [e](https://example.org/incidents/i-2) [f](/agreements/a%20b)',
        '* [g](/incidents/i-3?tab=x)',
      ].join('\n'),
    );
    expect(links).toEqual({
      agreements: ['energy-moratorium-2025-03', 'a b'],
      incidents: ['i-1', 'i-3'],
      bulletins: ['daily-2025-03-18'],
    });
  });
});

describe('relatedItems', () => {
  const none = { agreements: [], incidents: [], bulletins: [] };

  it('joins what the text links to with the day’s data, linked items first', () => {
    const related = relatedItems({
      slug: 'daily-2025-04-02',
      date: '2025-04-02',
      links: { agreements: ['m'], incidents: ['i-1'], bulletins: ['daily-2025-03-18', 'daily-2025-04-02'] },
      day: { incidents: ['i-1', 'i-2'], agreements: ['m', 'b'] },
      others: [],
    });
    expect(related.agreements).toEqual([
      { key: 'm', reasons: ['linked', 'same-day'] },
      { key: 'b', reasons: ['same-day'] },
    ]);
    expect(related.incidents).toEqual([
      { key: 'i-1', reasons: ['linked', 'same-day'] },
      { key: 'i-2', reasons: ['same-day'] },
    ]);
    // Never itself.
    expect(related.bulletins).toEqual([{ key: 'daily-2025-03-18', reasons: ['linked'] }]);
  });

  it('finds bulletins that link here, report on the same day or share an incident', () => {
    const related = relatedItems({
      slug: 'self',
      date: '2025-04-02',
      links: none,
      day: { incidents: ['i-1'], agreements: [] },
      others: [
        { slug: 'self', date: '2025-04-02', links: none },
        { slug: 'back', date: '2025-04-05', links: { ...none, bulletins: ['self'] } },
        { slug: 'twin', date: '2025-04-02', links: none },
        { slug: 'shares', date: '2025-04-09', links: { ...none, incidents: ['i-1'] } },
        { slug: 'unrelated', date: '2025-04-09', links: { ...none, incidents: ['i-7'] } },
      ],
    });
    expect(related.bulletins).toEqual([
      { key: 'back', reasons: ['links-here'] },
      { key: 'twin', reasons: ['same-day'] },
      { key: 'shares', reasons: ['shares-incident'] },
    ]);
  });
});
