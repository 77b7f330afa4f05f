// Incident statistics: the counts dashboards need, in one request, as the caller may see them.

import { incidentStats, type IncidentStats, type VerdictCounts } from '../../../services/stats.js';
import type { RoutePlugin } from '../plugin.js';
import { statsQuery, statsResponse } from './schema.js';

const presentVerdicts = (v: VerdictCounts) => ({
  covered: v.covered,
  contested: v.contested,
  unknown: v.unknown,
  'not-covered': v['not-covered'],
  none: v.none,
});

function present(stats: IncidentStats) {
  return {
    total: stats.total,
    byAgreement: stats.byAgreement.map((a) => ({
      agreement: { id: a.agreement.id, slug: a.agreement.slug, title: a.agreement.title },
      total: a.total,
      verdicts: presentVerdicts(a.verdicts),
    })),
    byParty: stats.byParty.map((p) => ({
      party: p.party,
      total: p.total,
      verdicts: presentVerdicts(p.verdicts),
    })),
    byWeek: stats.byWeek.map((w) => ({
      week: w.week,
      total: w.total,
      verdicts: presentVerdicts(w.verdicts),
    })),
    bySector: stats.bySector.map((s) => ({
      sector: s.sector && { key: s.sector.key, name: s.sector.name },
      total: s.total,
    })),
    byOblast: stats.byOblast.map((o) => ({
      oblast: o.oblast && { code: o.oblast.code, name: o.oblast.name },
      total: o.total,
    })),
  };
}

export const statsRoutes: RoutePlugin = async (app, { services }) => {
  app.get(
    '/stats',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Counts of incidents by verdict per agreement, by party, by week, by sector and by oblast',
        description:
          'Over the incidents the caller may list (the public: published ones), narrowed by the same filters as GET /incidents. A withheld location counts under no sector and no oblast for readers of public copies.',
        querystring: statsQuery,
        response: { 200: statsResponse },
      },
    },
    async (request) => present(await incidentStats(services, request.actor, request.query)),
  );
};
