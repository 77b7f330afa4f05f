// An illustrative mission's assessment of the demo incidents, grounded only in what the cited sources establish.
// It never rules `violation` on a real event: a claim resting on one party's word is published as that party's
// claim with every ruling `unable-to-rule`; an event both parties describe is corroborated, its rulings left open.

import type { ChangeInput } from '../services/findings.js';

export interface DemoFinding {
  /** The incident's `ref`. */
  readonly incident: string;
  /** Applied in order, in one transaction, by the demo's system actor. */
  readonly changes: readonly ChangeInput[];
}

const MORATORIUM = 'energy-moratorium-2025-03';

const PARTY_NAMES = { RU: 'Russia', UA: 'Ukraine' } as const;
type Side = keyof typeof PARTY_NAMES;

/** The reason for every ruling on a claim that only the accusing party makes. */
export const UNCORROBORATED = 'only the accusing party’s statement; no independent corroboration';

/**
 * A claim that rests on the accusing party's statements alone: occurrence stays `alleged`, attribution is the
 * accuser's, grade stays `weak`, every screened agreement is `unable-to-rule`, and it is published as a claim.
 */
function oneSidedClaim(incident: string, accuser: Side, accused: Side): DemoFinding {
  return {
    incident,
    changes: [
      {
        kind: 'attribution',
        to: { status: 'alleged', party: accused },
        reason: `${PARTY_NAMES[accuser]} blames ${PARTY_NAMES[accused]}; the mission has not attributed it.`,
      },
      { kind: 'rule', agreement: MORATORIUM, to: 'unable-to-rule', reason: UNCORROBORATED },
      {
        kind: 'publish',
        reason: `Published as ${PARTY_NAMES[accuser]}’s claim, not as a finding that it happened.`,
      },
    ],
  };
}

/**
 * Sudzha: both parties say the station was hit and each blames the other. That the event happened is
 * corroborated; who did it is disputed, so attribution stays unknown, the grade is `contested` and any ruling
 * stays pending.
 */
function disputedEvent(incident: string, corroboration: string, publish: string): DemoFinding {
  return {
    incident,
    changes: [
      { kind: 'occurrence', to: 'corroborated', reason: corroboration },
      {
        kind: 'grade',
        to: 'contested',
        reason: 'The parties’ accounts conflict on who struck the station and how.',
      },
      { kind: 'publish', reason: publish },
    ],
  };
}

/**
 * One entry per demo incident the mission has assessed. The three interceptions (the seven Russian drones on
 * 18 March, Saratov, TurkStream) have none: no agreement screens them, so there is no ruling to make, and the
 * occurrence rests on Russia's word alone. They stay unpublished, in the review queue.
 */
export const demoFindings: readonly DemoFinding[] = [
  oneSidedClaim('demo-2025-03-18-sloviansk', 'UA', 'RU'),
  oneSidedClaim('demo-2025-03-19-dnipropetrovsk-railway-power', 'UA', 'RU'),
  oneSidedClaim('demo-2025-03-19-kavkazskaya', 'RU', 'UA'),
  disputedEvent(
    'demo-2025-03-21-sudzha-gas-metering',
    'Both parties say the station was destroyed that night, each blaming the other, and a NASA FIRMS fire detection (reported by The Insider) places a fire there about an hour before the time Russia gives.',
    'Published: that the station was destroyed is corroborated; who destroyed it is disputed and not attributed.',
  ),
  oneSidedClaim('demo-2025-03-26-kursk-energy', 'RU', 'UA'),
  disputedEvent(
    'demo-2025-03-28-sudzha-gas-metering',
    'Both parties say the station was attacked on 28 March, each blaming the other; Reuters could not establish who was responsible.',
    'Published: that the station was attacked is corroborated; the ruling on the moratorium stays pending while the attack is not attributed.',
  ),
  oneSidedClaim('demo-2025-04-01-kherson-power', 'UA', 'RU'),
  oneSidedClaim('demo-2025-04-02-sumy-substation', 'UA', 'RU'),
  oneSidedClaim('demo-2025-04-02-dnipropetrovsk-power-line', 'UA', 'RU'),
  oneSidedClaim('demo-2025-04-04-kherson-tpp', 'UA', 'RU'),
  oneSidedClaim('demo-2025-04-12-belgorod-power-lines', 'RU', 'UA'),
  oneSidedClaim('demo-2025-04-12-bryansk-power-lines', 'RU', 'UA'),
  oneSidedClaim('demo-2025-04-16-mykolaiv-transformer', 'UA', 'RU'),
  oneSidedClaim('demo-2025-04-16-kherson-transformer', 'UA', 'RU'),
  oneSidedClaim('demo-2025-04-16-poltava-power-line', 'UA', 'RU'),
];
