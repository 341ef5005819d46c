import { sql, type Kysely } from 'kysely';

/**
 * Governance: proposals and their frozen electorates, ballots (open and secret), proxies, discussion,
 * the immutable decision register, the CIC roadmap and directors.
 *
 * Secret ballots: `governance_secret_ballots` has no voter column and no time column, and is a
 * WITHOUT ROWID table keyed by a random id, so neither row order nor rowid reveals the order in which
 * ballots arrived. Who has voted lives in `governance_voters` (which also enforces one ballot per
 * member for every proposal) and carries no time either.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('governance_proposals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('ordinary','special','written','consent','advice','poll','election')`),
    )
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('scheduled').check(sql`status in ('scheduled','open','closed')`))
    .addColumn('proposer_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('secret', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('hide_results', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('allow_close_early', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('quorum_percent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('written_majority', 'text', (c) => c.notNull().defaultTo('ordinary'))
    .addColumn('poll_mode', 'text', (c) => c.notNull().defaultTo('single'))
    .addColumn('poll_binding', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('options', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('max_score', 'integer', (c) => c.notNull().defaultTo(5))
    .addColumn('seats', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('opens_at', 'integer', (c) => c.notNull())
    .addColumn('closes_at', 'integer', (c) => c.notNull())
    .addColumn('opened_at', 'integer')
    .addColumn('closed_at', 'integer')
    .addColumn('electorate_size', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('result', 'text')
    .addColumn('outcome', 'text')
    .addColumn('outcome_statement', 'text')
    .addColumn('review_at', 'integer')
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('governance_proposals_status').on('governance_proposals').columns(['status', 'closes_at']).execute();

  await db.schema
    .createTable('governance_proposal_versions')
    .addColumn('proposal_id', 'text', (c) => c.notNull().references('governance_proposals.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('governance_proposal_versions_pk', ['proposal_id', 'version'])
    .execute();

  await db.schema
    .createTable('governance_electorate')
    .addColumn('proposal_id', 'text', (c) => c.notNull().references('governance_proposals.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('governance_electorate_pk', ['proposal_id', 'user_id'])
    .modifyEnd(sql` without rowid`)
    .execute();

  // One row per member who has voted, for every proposal: the database's one-ballot-per-member rule.
  await db.schema
    .createTable('governance_voters')
    .addColumn('proposal_id', 'text', (c) => c.notNull().references('governance_proposals.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('governance_voters_pk', ['proposal_id', 'user_id'])
    .modifyEnd(sql` without rowid`)
    .execute();

  // Open ballots: the voter is known; changing a ballot keeps the previous one in the history table.
  await db.schema
    .createTable('governance_ballots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('proposal_id', 'text', (c) => c.notNull().references('governance_proposals.id').onDelete('cascade'))
    .addColumn('voter_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('proxy_id', 'text', (c) => c.references('users.id'))
    .addColumn('choice', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('receipt_hash', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .addUniqueConstraint('governance_ballots_one_per_member', ['proposal_id', 'voter_id'])
    .execute();

  await db.schema
    .createTable('governance_ballot_history')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('proposal_id', 'text', (c) => c.notNull().references('governance_proposals.id').onDelete('cascade'))
    .addColumn('voter_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('proxy_id', 'text')
    .addColumn('choice', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('cast_at', 'integer', (c) => c.notNull())
    .addColumn('replaced_at', 'integer', (c) => c.notNull())
    .execute();

  // Secret ballots: no voter, no time, random key, no rowid.
  await db.schema
    .createTable('governance_secret_ballots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('proposal_id', 'text', (c) => c.notNull().references('governance_proposals.id').onDelete('cascade'))
    .addColumn('choice', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('receipt_hash', 'text', (c) => c.notNull())
    .modifyEnd(sql` without rowid`)
    .execute();

  await db.schema
    .createTable('governance_proxies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('grantor_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('holder_id', 'text', (c) => c.notNull().references('users.id'))
    // null: a standing proxy for every open vote until revoked.
    .addColumn('proposal_id', 'text', (c) => c.references('governance_proposals.id').onDelete('cascade'))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('revoked_at', 'integer')
    .addCheckConstraint('governance_proxies_not_self', sql`grantor_id <> holder_id`)
    .execute();
  await db.schema.createIndex('governance_proxies_holder').on('governance_proxies').columns(['holder_id', 'revoked_at']).execute();

  await db.schema
    .createTable('governance_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('proposal_id', 'text', (c) => c.notNull().references('governance_proposals.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('parent_id', 'text', (c) => c.references('governance_comments.id').onDelete('cascade'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('governance_comments_proposal').on('governance_comments').columns(['proposal_id', 'created_at']).execute();

  // The decision register: sequential numbers, never updated or deleted (corrections are new entries).
  await db.schema
    .createTable('governance_decisions')
    .addColumn('number', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('proposal_id', 'text', (c) => c.references('governance_proposals.id'))
    .addColumn('decided_at', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('electorate', 'integer', (c) => c.notNull())
    .addColumn('turnout', 'integer', (c) => c.notNull())
    .addColumn('tally', 'text', (c) => c.notNull())
    .addColumn('quorate', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('statement', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('corrects', 'integer', (c) => c.references('governance_decisions.number'))
    .addColumn('recorded_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();
  await sql`create trigger governance_decisions_no_update before update on governance_decisions
    begin select raise(abort, 'decision register entries are immutable'); end`.execute(db);
  await sql`create trigger governance_decisions_no_delete before delete on governance_decisions
    begin select raise(abort, 'decision register entries are immutable'); end`.execute(db);

  await db.schema
    .createTable('governance_cic_steps')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('todo').check(sql`status in ('todo','in_progress','done')`))
    .addColumn('owner_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('proposal_id', 'text', (c) => c.references('governance_proposals.id').onDelete('set null'))
    .addColumn('link', 'text')
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('governance_directors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('proposal_id', 'text', (c) => c.references('governance_proposals.id').onDelete('set null'))
    .addColumn('term_start', 'integer', (c) => c.notNull())
    .addColumn('term_end', 'integer', (c) => c.notNull())
    .addColumn('ceased_at', 'integer')
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'governance_directors',
    'governance_cic_steps',
    'governance_decisions',
    'governance_comments',
    'governance_proxies',
    'governance_secret_ballots',
    'governance_ballot_history',
    'governance_ballots',
    'governance_voters',
    'governance_electorate',
    'governance_proposal_versions',
    'governance_proposals',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
