// Incidents alleged by each side between 18 March and 17 April 2025, each with its allegation and source.
// These are claims: screening asks what each would break if it happened as alleged.

import type { z } from 'zod';
import type { incidentInputSchema } from '../core/schemas.js';

type IncidentSeed = z.input<typeof incidentInputSchema>;

export const demoIncidents: readonly IncidentSeed[] = [
  {
    ref: 'demo-2025-03-18-sloviansk',
    title: 'Drone strike on an energy facility in Sloviansk',
    occurredAt: '2025-03-18T20:50:00+02:00',
    eventType: 'Explosions/Remote violence',
    subEventType: 'Air/drone strike',
    actor1: 'Military Forces of Russia (2000-)',
    country: 'Ukraine',
    admin1: 'Donetsk',
    locationName: 'Sloviansk',
    location: { lon: 37.6167, lat: 48.8667 },
    geoPrecision: 1,
    act: 'drone-strike',
    target: 'infrastructure.energy',
    perpetrator: 'RU',
    sourceText: 'Donetsk Regional Prosecutor; Novaya Gazeta Europe',
    sourceScale: 'National',
    notes: 'Drones hit an energy facility at 20:50, leaving part of the town without power.',
    observation: 'reported',
    effects: [{ description: 'Partial blackout in Sloviansk', affected: null }],
    allegations: [
      {
        accuser: 'UA',
        accused: 'RU',
        madeAt: '2025-03-19T09:00:00+02:00',
        summary:
          'The Donetsk regional prosecutor reported a drone strike on an energy facility in Sloviansk at 20:50.',
      },
    ],
  },
  {
    ref: 'demo-2025-03-19-kavkazskaya',
    title: 'Drone strike on the CPC oil-transfer site at Kavkazskaya',
    occurredAt: '2025-03-19T03:00:00+03:00',
    timePrecision: 'hour',
    eventType: 'Explosions/Remote violence',
    subEventType: 'Air/drone strike',
    actor1: 'Military Forces of Ukraine (2019-)',
    country: 'Russia',
    admin1: 'Krasnodar',
    locationName: 'Kavkazskaya',
    location: { lon: 40.6722, lat: 45.4425 },
    geoPrecision: 2,
    act: 'drone-strike',
    target: 'infrastructure.energy.pumping-station',
    weapon: 'fixed-wing drone',
    perpetrator: 'UA',
    sourceText: 'Russian Ministry of Defence; The Moscow Times',
    sourceScale: 'National-International',
    notes:
      'Three fixed-wing drones hit a site that transfers oil from rail tankers into the CPC pipeline; a tank was depressurised and a fire covered 1,700 m².',
    observation: 'reported',
    counts: [{ what: 'drones', value: 3, qualifier: 'exact' }],
    effects: [{ description: 'Fire over 1,700 m²; more than 200 responders deployed', affected: null }],
    allegations: [
      {
        accuser: 'RU',
        accused: 'UA',
        madeAt: '2025-03-19T12:00:00+03:00',
        summary:
          'The Russian Ministry of Defence said three Ukrainian drones struck the Kavkazskaya oil facility.',
      },
    ],
  },
];
