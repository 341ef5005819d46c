import { db } from '~db/connection';
import { newId } from '~/modules/auth/tokens.server';
import type { SessionUser } from '~/modules/auth/session.server';
import { can, type Actor } from '~/policies';
import type { ProxyAppointSubject } from '~/policies/governance';
import { audit } from '~/modules/network/settings.server';
import { GovernanceError } from './errors';
import { authorizeGovernance, lifecycleSubject } from './authorize.server';
import { getProposal, isInElectorate } from './proposal-read.server';
import { newProxyCode, newProxyKeys } from './secret-proxy.server';

/** Most members one person may hold proxies for at the same time. */
export const PROXY_LIMIT = 3;

// ---------------------------------------------------------------------------------------------
// Proxies
// ---------------------------------------------------------------------------------------------

/** Why the policy said no, in the words the proxies form shows next to the field concerned. */
function refusal(s: ProxyAppointSubject): GovernanceError {
  if (!s.holderIsSomeoneElse || !s.holderActive) return new GovernanceError('invalid', 400);
  if (s.proposal?.status === 'closed') return new GovernanceError('not_open', 409);
  if (s.proposal?.kind === 'fund_vote') return new GovernanceError('invalid', 400);
  if (s.proposal?.kind === 'written') return new GovernanceError('written_proxy', 409);
  return new GovernanceError('not_eligible', 403);
}

async function activeMember(userId: string): Promise<boolean> {
  const u = await db.selectFrom('users').select('id').where('id', '=', userId).where('status', '=', 'active').where('ceased_at', 'is', null).executeTakeFirst();
  return !!u;
}

/**
 * Appoints `holderId` as proxy for `grantor`, for one proposal or (proposalId null) until revoked.
 * A holder may hold at most PROXY_LIMIT active proxies that apply to the same vote.
 *
 * When the appointment can cover a secret ballot (a standing proxy, or one for a secret ballot) it
 * returns a proxy code, shown to the member once and never stored: it is what lets the member vote
 * in person over the proxy's ballot later (secret-proxy.server.ts).
 */
export async function appointProxy(grantor: Actor, holderId: string, proposalId: string | null, now = Date.now()): Promise<{ id: string; code: string | null }> {
  const p = proposalId ? await getProposal(proposalId) : null;
  if (proposalId && !p) throw new GovernanceError('not_open', 409);
  const subject: ProxyAppointSubject = {
    proposal: p ? { kind: p.kind, status: p.status } : null,
    grantorInElectorate: p?.status === 'open' ? await isInElectorate(p.id, grantor.id) : false,
    holderIsSomeoneElse: holderId !== grantor.id,
    holderActive: await activeMember(holderId),
  };
  if (!can(grantor, 'proxy.appoint', subject)) throw refusal(subject);
  // A standing proxy may meet a secret ballot later.
  const secret = p ? p.secret === 1 : true;
  const id = newId();
  const code = secret ? newProxyCode() : null;
  const keys = code ? newProxyKeys(code) : null;
  await db.transaction().execute(async (trx) => {
    // One active proxy per grantor and scope: a new appointment replaces the old one.
    let existing = trx.updateTable('governance_proxies').set({ revoked_at: now }).where('grantor_id', '=', grantor.id).where('revoked_at', 'is', null);
    existing = proposalId ? existing.where('proposal_id', '=', proposalId) : existing.where('proposal_id', 'is', null);
    await existing.execute();
    let held = trx.selectFrom('governance_proxies').select((eb) => eb.fn.countAll<number>().as('n')).where('holder_id', '=', holderId).where('revoked_at', 'is', null);
    // Standing proxies apply to every vote; a specific one only to its own.
    held = proposalId ? held.where((eb) => eb.or([eb('proposal_id', '=', proposalId), eb('proposal_id', 'is', null)])) : held;
    const { n } = await held.executeTakeFirstOrThrow();
    if (Number(n) >= PROXY_LIMIT) throw new GovernanceError('proxy_limit', 409);
    await trx.insertInto('governance_proxies').values({ id, grantor_id: grantor.id, holder_id: holderId, proposal_id: proposalId, created_at: now, revoked_at: null, ballot_public_key: keys?.publicKey ?? null, ballot_key_sealed: keys?.keySealed ?? null }).execute();
  });
  await audit({ actorId: grantor.id, action: `governance.proxy_appointed`, subjectType: 'governance_proxy', subjectId: id, details: { holder: holderId, proposal: proposalId } });
  return { id, code };
}

export async function revokeProxy(grantor: Pick<SessionUser, 'id'>, proxyId: string, now = Date.now()): Promise<boolean> {
  const r = await db.updateTable('governance_proxies').set({ revoked_at: now }).where('id', '=', proxyId).where('grantor_id', '=', grantor.id).where('revoked_at', 'is', null).executeTakeFirst();
  const ok = Number(r.numUpdatedRows) > 0;
  if (ok) await audit({ actorId: grantor.id, action: `governance.proxy_revoked`, subjectType: 'governance_proxy', subjectId: proxyId });
  return ok;
}

/** Proxies I gave and proxies I hold (active ones), with names. */
export async function myProxies(userId: string) {
  const base = db
    .selectFrom('governance_proxies as x')
    .innerJoin('users as g', 'g.id', 'x.grantor_id')
    .innerJoin('users as h', 'h.id', 'x.holder_id')
    .leftJoin('governance_proposals as p', 'p.id', 'x.proposal_id')
    .select(['x.id', 'x.grantor_id', 'x.holder_id', 'x.proposal_id', 'x.created_at', 'g.name as grantor_name', 'h.name as holder_name', 'p.title as proposal_title'])
    // A standing proxy appointed before secret-ballot proxies has no key: it cannot vote in one.
    .select((eb) => eb.case().when(eb.and([eb('x.proposal_id', 'is', null), eb('x.ballot_public_key', 'is', null)])).then(1).else(0).end().as('misses_secret'))
    .where('x.revoked_at', 'is', null);
  const [given, held] = await Promise.all([base.where('x.grantor_id', '=', userId).execute(), base.where('x.holder_id', '=', userId).execute()]);
  return { given, held };
}

/**
 * Members this holder may vote for on this proposal right now, and whether each has voted in person
 * or by proxy. Secret ballots: from the "has voted" row, whose sealed proxy tag says a proxy voted.
 */
export async function proxyVotersFor(holderId: string, proposalId: string) {
  const rows = await db
    .selectFrom('governance_proxies as x')
    .innerJoin('users as g', 'g.id', 'x.grantor_id')
    .innerJoin('governance_electorate as e', (j) => j.onRef('e.user_id', '=', 'x.grantor_id').on('e.proposal_id', '=', proposalId))
    .innerJoin('governance_proposals as p', 'p.id', 'e.proposal_id')
    .leftJoin('governance_ballots as b', (j) => j.onRef('b.voter_id', '=', 'x.grantor_id').on('b.proposal_id', '=', proposalId))
    .leftJoin('governance_voters as v', (j) => j.onRef('v.user_id', '=', 'x.grantor_id').on('v.proposal_id', '=', proposalId))
    .select(['g.id', 'g.name', 'b.proxy_id', 'p.secret', 'v.user_id as voted_id', 'v.proxy_sealed_tag', 'x.ballot_public_key'])
    .select((eb) => eb.case().when('b.id', 'is', null).then(0).else(1).end().as('voted'))
    .where('x.holder_id', '=', holderId)
    .where('x.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('x.proposal_id', '=', proposalId), eb('x.proposal_id', 'is', null)]))
    .execute();
  const seen = new Set<string>();
  return rows
    .filter((r) => !seen.has(r.id) && (seen.add(r.id), true))
    .map((r) =>
      r.secret
        ? {
            id: r.id,
            name: r.name,
            votedInPerson: r.voted_id !== null && r.proxy_sealed_tag === null,
            votedByProxy: r.proxy_sealed_tag !== null,
            // Appointed before proxies could vote in secret ballots: the member must appoint again.
            needsNewAppointment: !rows.some((o) => o.id === r.id && o.ballot_public_key),
          }
        : { id: r.id, name: r.name, votedInPerson: r.voted === 1 && r.proxy_id === null, votedByProxy: r.voted === 1 && r.proxy_id !== null, needsNewAppointment: false },
    );
}

// ---------------------------------------------------------------------------------------------
// Discussion
// ---------------------------------------------------------------------------------------------

export async function addComment(proposalId: string, author: Pick<SessionUser, 'id' | 'role'>, body: string, parentId: string | null, now = Date.now()): Promise<string> {
  const p = await getProposal(proposalId);
  if (!p) throw new GovernanceError('not_found', 404);
  authorizeGovernance(author, 'proposal.comment', lifecycleSubject(p, now));
  if (parentId) {
    const parent = await db.selectFrom('governance_comments').select(['id', 'parent_id']).where('id', '=', parentId).where('proposal_id', '=', proposalId).executeTakeFirst();
    if (!parent) throw new GovernanceError('invalid', 400);
    // Replies stay one level deep: a reply to a reply joins the same thread.
    parentId = parent.parent_id ?? parent.id;
  }
  const id = newId();
  await db.insertInto('governance_comments').values({ id, proposal_id: proposalId, author_id: author.id, parent_id: parentId, body, created_at: now }).execute();
  return id;
}

export async function listComments(proposalId: string) {
  const rows = await db
    .selectFrom('governance_comments as c')
    .innerJoin('users as u', 'u.id', 'c.author_id')
    .select(['c.id', 'c.parent_id', 'c.body', 'c.created_at', 'u.name as author_name'])
    .where('c.proposal_id', '=', proposalId)
    .orderBy('c.created_at')
    .execute();
  const top = rows.filter((r) => !r.parent_id);
  return top.map((c) => ({ ...c, replies: rows.filter((r) => r.parent_id === c.id) }));
}
