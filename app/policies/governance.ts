/**
 * Who may do what in the governance area. Pure predicates over loaded data; see ./core.ts and ./index.ts.
 *
 * Every member may read proposals, the register and the governance log (one member, one vote; records
 * are transparent). What varies:
 *  - voting: members of the proposal's frozen electorate while it is open;
 *  - appointing a proxy: any member, standing or for a vote they may vote in (not a written resolution);
 *  - voting for someone else: only their appointed proxy, while it is open, never on a written
 *    resolution (s324: a proxy votes at a meeting; a written resolution is signed by the member);
 *  - results: after close, the published (stored) result — the same answer on the page, the live-tally
 *    resource and exports. While open: only for open ballots that do not hide results. Secret ballots
 *    show turnout only until close, and an election never shows a count before close (issue 15.8);
 *  - facilitating (close early, extend, attach, record the outcome): the proposer or a steward;
 *  - amending: the proposer, before close, and never a circulated written resolution;
 *  - groups, directors and the CIC roadmap: stewards; a CIC step also its owner and serving directors;
 *  - correcting the decision register and the register of members' dates: stewards.
 */
import type { ProposalKind } from '~/modules/governance/tally';
import { isSteward, member, type Rule } from './core';

export interface ProposalSubject {
  proposerId: string;
  kind: ProposalKind;
  status: 'scheduled' | 'open' | 'closed';
  secret: boolean;
  hideResults: boolean;
  allowCloseEarly: boolean;
  closesAt: number;
  /** Whether the published result is stored (set at close). */
  hasStoredResult: boolean;
  /** Whether the actor is in the proposal's frozen electorate. */
  inElectorate: boolean;
  /** When the question is asked (voting closes at closesAt even before the job runs). */
  now: number;
}

/** A proxy vote: the proposal, and what the actor is to the member they would vote for. */
export interface ProxyVoteSubject {
  kind: ProposalKind;
  status: 'scheduled' | 'open' | 'closed';
  closesAt: number;
  now: number;
  /** The member (not the actor) is in the proposal's frozen electorate. */
  memberInElectorate: boolean;
  /** The actor holds an active proxy from the member that covers this proposal. */
  holdsProxy: boolean;
  /** Secret ballots: the appointment has the key that lets the member replace the proxy's ballot. */
  appointmentKeyed: boolean;
  secret: boolean;
}

/** Appointing a proxy: standing (proposal null) or for one proposal. */
export interface ProxyAppointSubject {
  proposal: { kind: ProposalKind; status: 'scheduled' | 'open' | 'closed' } | null;
  /** The appointing member is in the proposal's frozen electorate (asked only once it is open). */
  grantorInElectorate: boolean;
  holderIsSomeoneElse: boolean;
  /** The holder is a current, active member. */
  holderActive: boolean;
}

export interface CicStepSubject {
  ownerId: string | null;
  /** Whether the actor is a serving director. */
  actorIsDirector: boolean;
}

const facilitator = (actorId: string, role: string, s: ProposalSubject) => s.proposerId === actorId || role === 'steward';
const isOpen = (s: ProposalSubject) => s.status === 'open' && s.now < s.closesAt;
/**
 * fundgov: a seed-fund vote (kind 'fund_vote') is listed, reminded and counted in turnout like any
 * proposal, but its ballot, count, result and closing belong to the fund (~/policies/funding fundVote.*):
 * none of governance's own actions apply to it — no governance ballot, proxy, comment, early close,
 * extension, attachment, amendment or outcome statement (docs/decisions/0008-fund-vote-as-proposal.md).
 */
const governed = (s: { kind: ProposalKind }) => s.kind !== 'fund_vote';
/** A count may show while voting is open only for an open ballot that does not hide results. */
const liveCountAllowed = (s: ProposalSubject) => !s.hideResults && !s.secret && s.kind !== 'election';

export const governancePolicy = {
  'proposal.read': member<ProposalSubject>('not-found', () => true),
  'proposal.comment': member<ProposalSubject>('forbidden', (_a, s) => governed(s)),
  'proposal.vote': member<ProposalSubject>('forbidden', (_a, s) => governed(s) && s.inElectorate && isOpen(s)),
  'proposal.voteFor': member<ProxyVoteSubject>(
    'forbidden',
    (_a, s) => governed(s) && s.holdsProxy && s.memberInElectorate && s.kind !== 'written' && s.status === 'open' && s.now < s.closesAt && (!s.secret || s.appointmentKeyed),
  ),
  // s324: a written resolution is signed by the member, so no proxy; a seed-fund vote is the member's own approval ballot.
  'proxy.appoint': member<ProxyAppointSubject>(
    'forbidden',
    (_a, s) =>
      s.holderIsSomeoneElse &&
      s.holderActive &&
      (!s.proposal || (governed(s.proposal) && s.proposal.kind !== 'written' && s.proposal.status !== 'closed' && (s.proposal.status !== 'open' || s.grantorInElectorate))),
  ),
  'proposal.seeTurnout': member<ProposalSubject>('forbidden', (_a, s) => s.status !== 'scheduled'),
  'proposal.seeResults': member<ProposalSubject>('forbidden', (_a, s) => governed(s) && (s.status === 'closed' ? s.hasStoredResult : s.status === 'open' && liveCountAllowed(s))),
  'proposal.close': member<ProposalSubject>('forbidden', (a, s) => governed(s) && facilitator(a.id, a.role, s) && s.status === 'open' && s.allowCloseEarly),
  'proposal.extend': member<ProposalSubject>('forbidden', (a, s) => governed(s) && facilitator(a.id, a.role, s) && isOpen(s)),
  'proposal.attach': member<ProposalSubject>('forbidden', (a, s) => governed(s) && facilitator(a.id, a.role, s) && s.status !== 'closed'),
  'proposal.recordOutcome': member<ProposalSubject>('forbidden', (a, s) => governed(s) && facilitator(a.id, a.role, s) && s.status === 'closed'),
  'proposal.facilitate': member<ProposalSubject>('forbidden', (a, s) => governed(s) && facilitator(a.id, a.role, s)),
  'proposal.amend': member<ProposalSubject>('forbidden', (a, s) => governed(s) && s.proposerId === a.id && s.status !== 'closed' && !(s.kind === 'written' && s.status === 'open')),
  'proposal.create': member<undefined>('forbidden', () => true),
  'governanceRecord.read': member<undefined>('forbidden', () => true),
  'governanceGroup.manage': member<undefined>('forbidden', (a) => isSteward(a)),
  'director.manage': member<undefined>('forbidden', (a) => isSteward(a)),
  'decision.correct': member<undefined>('forbidden', (a) => isSteward(a)),
  'memberRegister.edit': member<undefined>('forbidden', (a) => isSteward(a)),
  'cicStep.edit': member<CicStepSubject>('forbidden', (a, s) => a.role === 'steward' || s.ownerId === a.id || s.actorIsDirector),
  // govsplit: re-opening a consent proposal, until now a bare proposer check in the module.
  /** Amending and re-opening a consent proposal after an objection: its proposer, once it has opened (a passed one stays closed: the module's 409). */
  'proposal.reopen': member<ProposalSubject>('forbidden', (a, s) => s.proposerId === a.id && s.kind === 'consent' && s.status !== 'scheduled'),
} satisfies Record<string, Rule<never>>;
