import { db } from '~db/connection';
import { newId } from '~/modules/auth/tokens.server';
import type { makeMember } from '../../../test/factories';

type Who = Awaited<ReturnType<typeof makeMember>>;

/**
 * A decided round with one award, written straight to the tables (how it was decided is the panel's
 * and the vote's business, tested there). Returns the ids the grant tests need.
 */
export async function decidedGrant(o: { steward: Who; lead: Who; pot?: number; awarded?: number; lines?: [string, number][]; opensAt?: number; decidedAt?: number; hostOrgId?: string | null; name?: string }) {
  const roundId = newId();
  const appId = newId();
  const opensAt = o.opensAt ?? Date.now() - 200 * 86_400_000;
  const decidedAt = o.decidedAt ?? Date.now() - 100 * 86_400_000;
  const awarded = o.awarded ?? 1_000;
  await db
    .insertInto('fund_rounds')
    .values({
      id: roundId, name: o.name ?? `Round ${roundId.slice(0, 5)}`, description: 'd', pot: o.pot ?? 5_000, min_grant: 100, max_grant: 3_000, themes: '[]', cities: '[]', eligibility: '[]',
      questions: '[]', criteria: '[]', decision_method: 'panel', allow_partial: 0, min_lived_experience: 0, opens_at: opensAt, closes_at: opensAt + 1000, status: 'decided',
      notice_id: null, review_opened_at: opensAt + 2000, decided_at: decidedAt, created_by: o.steward.id, created_at: opensAt, updated_at: decidedAt,
    })
    .execute();
  await db
    .insertInto('fund_applications')
    .values({
      id: appId, round_id: roundId, lead_id: o.lead.id, kind: o.hostOrgId ? 'group' : 'member', org_id: null, host_org_id: o.hostOrgId ?? null, host_status: o.hostOrgId ? 'accepted' : null,
      title: 'Grant project', summary: 's', amount: awarded, budget_lines: JSON.stringify((o.lines ?? [['Room hire', 600], ['Materials', 400]]).map(([label, amount]) => ({ label, amount }))),
      themes: '[]', eligibility_answers: '{}', status: 'funded', submitted_at: opensAt, withdrawn_at: null, created_at: opensAt, updated_at: decidedAt,
    })
    .execute();
  await db.insertInto('fund_awards').values({ application_id: appId, round_id: roundId, amount: awarded, partial: 0, confirmed_by: o.steward.id, confirmed_at: decidedAt }).execute();
  return { roundId, appId };
}
