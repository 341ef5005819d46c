/**
 * Writing an entry in the decision register for a decision taken outside a governance proposal (the
 * seed fund's members' vote). The register is append-only: the entry is inserted in the caller's
 * transaction, so it exists exactly when the decision does, and its number is returned to link back.
 */
import type { Transaction } from 'kysely';
import type { Database } from '~db/schema';
import type { RegisterKind, RegisterTally } from './register-entry';

export interface RegisterEntry {
  decidedAt: number;
  kind: RegisterKind;
  title: string;
  /** Plain words; paragraphs separated by blank lines (the register shows them as such). */
  text: string;
  electorate: number;
  turnout: number;
  tally: RegisterTally;
  outcome: string;
  recordedBy: string | null;
}

export async function recordDecision(trx: Transaction<Database>, e: RegisterEntry): Promise<number> {
  const row = await trx
    .insertInto('governance_decisions')
    .values({
      proposal_id: null,
      decided_at: e.decidedAt,
      kind: e.kind,
      title: e.title,
      text: e.text,
      electorate: e.electorate,
      turnout: e.turnout,
      tally: JSON.stringify(e.tally),
      quorate: e.tally.quorum.quorate ? 1 : 0,
      outcome: e.outcome,
      statement: '',
      corrects: null,
      supersedes: null,
      recorded_by: e.recordedBy,
      created_at: e.decidedAt,
    })
    .returning('number')
    .executeTakeFirstOrThrow();
  return row.number;
}
