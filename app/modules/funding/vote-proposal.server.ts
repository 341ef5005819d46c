/**
 * The members' vote as a governance proposal of kind 'fund_vote' (docs/decisions/0008-fund-vote-as-proposal.md):
 * the proposal row is the one record of the vote's title, dates, open/closed status and electorate size;
 * governance_electorate holds its frozen electorate and governance_voters who has voted. Reading the
 * vote joins the fund's row (shortlist, count, confirmation) with its proposal.
 */
import type { Transaction } from 'kysely';
import { db } from '~db/connection';
import type { Database } from '~db/schema';
import type { FundVoteStatus } from '~db/schema.fundvote';
import { newId } from '~/modules/auth/tokens.server';
import type { Round } from './rounds.server';

/** The vote as the fund sees it: its own row, with status, dates and electorate from its proposal. */
export interface Vote {
  round_id: string;
  proposal_id: string;
  /** open / closed from the proposal; confirmed once the stewards confirmed the awards. */
  status: FundVoteStatus;
  shortlist: string;
  electorate_size: number;
  opened_by: string;
  opened_at: number;
  closes_at: number;
  closed_at: number | null;
  lot: string | null;
  result: string | null;
  decision_number: number | null;
  confirmed_by: string | null;
  confirmed_at: number | null;
}

function voteQuery() {
  return db
    .selectFrom('fund_votes as v')
    .innerJoin('governance_proposals as p', 'p.id', 'v.proposal_id')
    .select(['v.round_id', 'v.proposal_id', 'v.shortlist', 'v.lot', 'v.result', 'v.decision_number', 'v.confirmed_by', 'v.confirmed_at'])
    .select(['p.status as proposal_status', 'p.electorate_size', 'p.proposer_id', 'p.opened_at', 'p.opens_at', 'p.closes_at', 'p.closed_at']);
}

function asVote(row: Awaited<ReturnType<ReturnType<typeof voteQuery>['executeTakeFirstOrThrow']>>): Vote {
  const { proposal_status, proposer_id, opens_at, ...rest } = row;
  return {
    ...rest,
    proposal_id: row.proposal_id!,
    status: row.confirmed_at !== null ? 'confirmed' : proposal_status === 'open' ? 'open' : 'closed',
    opened_by: proposer_id,
    opened_at: row.opened_at ?? opens_at,
  };
}

export async function getVote(roundId: string): Promise<Vote | undefined> {
  const row = await voteQuery().where('v.round_id', '=', roundId).executeTakeFirst();
  return row ? asVote(row) : undefined;
}

/** The vote behind a governance proposal of kind 'fund_vote'. */
export async function getVoteByProposal(proposalId: string): Promise<Vote | undefined> {
  const row = await voteQuery().where('v.proposal_id', '=', proposalId).executeTakeFirst();
  return row ? asVote(row) : undefined;
}

/**
 * Writes the proposal, its first version and its frozen electorate, in the transaction that opens the
 * vote. Secret, results hidden until close: ballots are anonymous and nothing is counted before the close.
 */
export async function insertVoteProposal(
  trx: Transaction<Database>,
  input: { round: Pick<Round, 'name' | 'description'>; openedBy: string; closesAt: number; electorate: string[] },
  now: number,
): Promise<string> {
  const proposalId = newId();
  await trx
    .insertInto('governance_proposals')
    .values({
      id: proposalId,
      title: input.round.name,
      body: input.round.description,
      kind: 'fund_vote',
      status: 'open',
      proposer_id: input.openedBy,
      secret: 1,
      hide_results: 1,
      allow_close_early: 0,
      quorum_percent: 0,
      quorum_min: 0,
      written_majority: 'ordinary',
      poll_mode: 'multiple',
      poll_binding: 1,
      options: '[]',
      max_score: 0,
      seats: 0,
      seed: newId(),
      version: 1,
      opens_at: now,
      closes_at: input.closesAt,
      opened_at: now,
      closed_at: null,
      electorate_size: input.electorate.length,
      electorate_group_id: null,
      result: null,
      outcome: null,
      outcome_statement: null,
      review_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await trx.insertInto('governance_proposal_versions').values({ proposal_id: proposalId, version: 1, title: input.round.name, body: input.round.description, note: '', created_at: now }).execute();
  for (let i = 0; i < input.electorate.length; i += 200) {
    await trx.insertInto('governance_electorate').values(input.electorate.slice(i, i + 200).map((u) => ({ proposal_id: proposalId, user_id: u }))).execute();
  }
  return proposalId;
}

/**
 * Where governance sends a member who follows a 'fund_vote' proposal (lists, reminders): the ballot
 * while it is open, the result once counted. The fund page asks the policy as usual.
 */
export async function fundVoteAddress(proposalId: string): Promise<string> {
  const vote = await getVoteByProposal(proposalId);
  if (!vote) throw new Response('Not found', { status: 404 });
  return `/funds/${vote.round_id}/${vote.status === 'open' ? 'vote' : 'result'}`;
}
