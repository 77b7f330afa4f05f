// Two published bulletins of the demo: each drafted from the demo data of its day by the same use case an editor
// uses, then lightly edited (an editor's note in front, from the sources the demo cites) and published.

import type { BulletinSeed } from '../core/bulletins.js';

export const demoBulletins: readonly BulletinSeed[] = [
  {
    date: '2025-03-18',
    slug: 'daily-2025-03-18',
    summary:
      'The first day of the energy moratorium, as the White House and the Kremlin date it: one Ukrainian claim of a drone strike on an energy facility in Sloviansk, contested because Ukraine dates the moratorium from 25 March.',
    note: [
      '**Editor’s note.** The White House and the Kremlin date the 30-day moratorium on strikes on energy infrastructure from 18 March 2025; Ukraine’s foreign ministry dates it from 25 March. The one published incident of the day, the drone strike the Donetsk regional prosecutor reported in Sloviansk at 20:50, is therefore **contested**: covered under the readouts that start on 18 March, outside the window of the one that starts on 25 March.',
      '',
      'It rests on the prosecutor’s statement alone, as reported by Novaya Gazeta Europe; the mission has no observation of its own. Russia’s statement that it shot down seven of its own attack drones after the order was given is a claim of an interception, not a strike, and is still under review.',
    ].join('\n'),
  },
  {
    date: '2025-04-02',
    slug: 'daily-2025-04-02',
    summary:
      'Two Ukrainian claims of Russian strikes on energy infrastructure on 2 April 2025, a substation in Sumy region and a power line in Dnipropetrovsk region, both covered by the energy moratorium under every readout.',
    note: [
      '**Editor’s note.** Both incidents rest on one statement by President Zelensky on 2 April, reported by Reuters: a drone hit a substation in Sumy region, and artillery damaged a power line in Dnipropetrovsk region, leaving nearly 4,000 consumers without power. It is not clear whether that figure includes consumers cut off by the Sumy strike.',
      '',
      'By 2 April the moratorium was in force under every readout, including Ukraine’s, which dates it from 25 March: the verdict does not depend on whose start date is used. The mission has made no ruling beyond “unable to rule” on a single party’s statement.',
    ].join('\n'),
  },
];
