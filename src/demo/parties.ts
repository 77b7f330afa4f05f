// The parties of the March 2025 scenario.

import type { PartyInput } from '../core/schemas.js';

export const demoParties: readonly PartyInput[] = [
  { code: 'RU', name: 'Russian Federation', kind: 'state' },
  { code: 'UA', name: 'Ukraine', kind: 'state' },
  { code: 'US', name: 'United States', kind: 'mediator' },
  { code: 'SA', name: 'Saudi Arabia', kind: 'mediator' },
  { code: 'AE', name: 'United Arab Emirates', kind: 'mediator' },
  { code: 'TR', name: 'Türkiye', kind: 'mediator' },
];
