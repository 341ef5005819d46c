import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

/**
 * The seed fund's members' vote becomes a governance proposal of its own kind, 'fund_vote'
 * (docs/decisions/0008-fund-vote-as-proposal.md). The proposal row is the one record of the vote's
 * title, dates, status and electorate size; the electorate and "who has voted" move into governance's
 * tables, so every governance list, reminder and turnout figure sees the vote. fund_votes keeps what
 * only the fund has: the shortlist, the lot, the count and the stewards' confirmation.
 *
 * Three steps:
 *  1. governance_proposals.kind has a CHECK listing the kinds. SQLite cannot change a CHECK in place
 *     (better-sqlite3 runs in defensive mode, so writable_schema is refused): the table is rebuilt
 *     from its own stored definition with the list widened, with foreign keys off so that dropping the
 *     old table does not cascade into ballots, comments and the register (SQLite's documented 12-step
 *     procedure, https://www.sqlite.org/lang_altertable.html#otheralter). Kysely runs SQLite migrations
 *     outside a transaction, which is what lets the pragma take effect.
 *  2. Every existing vote gets its proposal (backfill), its electorate and voters are copied over, and
 *     an open one gets its close and reminder jobs.
 *  3. The columns and tables that would now say the same thing twice are dropped. fund_votes.opened_by
 *     stays (SQLite cannot drop a column with a foreign key without rebuilding fund_votes, whose
 *     ballots would cascade away); it is no longer written or read: the proposal's proposer is the
 *     steward who opened it.
 */
const KINDS_BEFORE = "'ordinary','special','written','consent','advice','poll','election'";
const KINDS_AFTER = `${KINDS_BEFORE},'fund_vote'`;
const DAY = 24 * 60 * 60_000;

async function setKinds(db: Kysely<any>, from: string, to: string) {
  const table = await sql<{ sql: string }>`select sql from sqlite_schema where type = 'table' and name = 'governance_proposals'`.execute(db);
  const ddl = table.rows[0]!.sql;
  if (!ddl.includes(`(${from})`)) throw new Error('governance_proposals: the kind CHECK is not as expected');
  const indexes = await sql<{ sql: string }>`select sql from sqlite_schema where type = 'index' and tbl_name = 'governance_proposals' and sql is not null`.execute(db);
  const rebuilt = ddl.replace(`(${from})`, `(${to})`).replace(/^CREATE TABLE\s+("?)governance_proposals\1/i, 'CREATE TABLE "governance_proposals_rebuilt"');
  await sql.raw(rebuilt).execute(db);
  await sql`insert into governance_proposals_rebuilt select * from governance_proposals`.execute(db);
  await sql`drop table governance_proposals`.execute(db);
  await sql`alter table governance_proposals_rebuilt rename to governance_proposals`.execute(db);
  for (const i of indexes.rows) await sql.raw(i.sql).execute(db);
}

async function withoutForeignKeys(db: Kysely<any>, work: () => Promise<void>) {
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await sql`begin`.execute(db);
    try {
      await work();
      const broken = await sql`pragma foreign_key_check`.execute(db);
      if (broken.rows.length) throw new Error(`foreign keys broken by the rebuild: ${JSON.stringify(broken.rows.slice(0, 3))}`);
      await sql`commit`.execute(db);
    } catch (e) {
      await sql`rollback`.execute(db);
      throw e;
    }
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await withoutForeignKeys(db, async () => {
    await setKinds(db, KINDS_BEFORE, KINDS_AFTER);
    // Left by an earlier down() (a column with a foreign key cannot be dropped in place).
    const columns = await sql<{ name: string }>`pragma table_info(fund_votes)`.execute(db);
    if (!columns.rows.some((c) => c.name === 'proposal_id')) {
      await db.schema.alterTable('fund_votes').addColumn('proposal_id', 'text', (c) => c.references('governance_proposals.id').onDelete('set null')).execute();
    }
    await db.schema.createIndex('fund_votes_proposal').unique().on('fund_votes').column('proposal_id').execute();
    // A fund vote's receipt is given back to a resent form (its ballot box keeps no receipts).
    await db.schema.alterTable('governance_voters').addColumn('sealed_receipt', 'text').execute();

    const votes = await db
      .selectFrom('fund_votes as v')
      .innerJoin('fund_rounds as r', 'r.id', 'v.round_id')
      .select(['v.round_id', 'v.status', 'v.electorate_size', 'v.opened_by', 'v.opened_at', 'v.closes_at', 'v.closed_at', 'r.name', 'r.created_by'])
      .execute();
    const now = Date.now();
    for (const v of votes) {
      const id = randomBytes(12).toString('base64url');
      const fallback = await db.selectFrom('users').select('id').where('role', '=', 'steward').orderBy('created_at').executeTakeFirst();
      const proposer = v.opened_by ?? v.created_by ?? fallback?.id;
      const open = v.status === 'open';
      await db
        .insertInto('governance_proposals')
        .values({
          id,
          title: v.name,
          body: '',
          kind: 'fund_vote',
          status: open ? 'open' : 'closed',
          proposer_id: proposer,
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
          seed: randomBytes(8).toString('hex'),
          version: 1,
          opens_at: v.opened_at,
          closes_at: v.closes_at,
          opened_at: v.opened_at,
          closed_at: open ? null : (v.closed_at ?? v.closes_at),
          electorate_size: v.electorate_size,
          electorate_group_id: null,
          round: 1,
          result: null,
          outcome: null,
          outcome_statement: null,
          review_at: null,
          created_at: v.opened_at,
          updated_at: now,
        })
        .execute();
      await db.insertInto('governance_proposal_versions').values({ proposal_id: id, version: 1, title: v.name, body: '', note: '', created_at: v.opened_at }).execute();
      await sql`insert into governance_electorate (proposal_id, user_id) select ${id}, user_id from fund_vote_electorate where round_id = ${v.round_id}`.execute(db);
      await sql`insert into governance_voters (proposal_id, user_id, submission_tag, proxy_sealed_tag, sealed_receipt)
                select ${id}, user_id, submission_tag, null, sealed_receipt from fund_vote_voters where round_id = ${v.round_id}`.execute(db);
      await db.updateTable('fund_votes').set({ proposal_id: id }).where('round_id', '=', v.round_id).execute();
      if (open) {
        // The scheduler closes it at its time, as a proposal; the reminder only if a day is left.
        const jobs = [{ kind: 'governance.close', at: v.closes_at, key: `governance.close:${id}:${v.closes_at}` }];
        if (v.closes_at - DAY > now) jobs.push({ kind: 'governance.remind', at: v.closes_at - DAY, key: `governance.remind:${id}:${v.closes_at}` });
        for (const j of jobs) {
          await db
            .insertInto('jobs')
            .values({ kind: j.kind, unique_key: j.key, run_at: j.at, payload: JSON.stringify({ id, closesAt: v.closes_at }), status: 'pending', attempts: 0, created_at: now })
            .onConflict((oc: any) => oc.column('unique_key').doNothing())
            .execute();
        }
      }
    }
    // Confirmed = the stewards confirmed (confirmed_at set); open/closed and the dates = the proposal.
    await db.schema.dropTable('fund_vote_voters').execute();
    await db.schema.dropTable('fund_vote_electorate').execute();
    for (const column of ['status', 'electorate_size', 'opened_at', 'closes_at', 'closed_at']) await db.schema.alterTable('fund_votes').dropColumn(column).execute();
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  await withoutForeignKeys(db, async () => {
    await db.schema.alterTable('fund_votes').addColumn('status', 'text', (c) => c.notNull().defaultTo('open')).execute();
    await db.schema.alterTable('fund_votes').addColumn('electorate_size', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('fund_votes').addColumn('opened_at', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('fund_votes').addColumn('closes_at', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('fund_votes').addColumn('closed_at', 'integer').execute();
    await sql`update fund_votes set
        status = case when confirmed_at is not null then 'confirmed' when (select status from governance_proposals p where p.id = fund_votes.proposal_id) = 'open' then 'open' else 'closed' end,
        electorate_size = (select electorate_size from governance_proposals p where p.id = fund_votes.proposal_id),
        opened_at = (select opened_at from governance_proposals p where p.id = fund_votes.proposal_id),
        closes_at = (select closes_at from governance_proposals p where p.id = fund_votes.proposal_id),
        closed_at = (select closed_at from governance_proposals p where p.id = fund_votes.proposal_id)`.execute(db);
    await db.schema
      .createTable('fund_vote_electorate')
      .addColumn('round_id', 'text', (c) => c.notNull().references('fund_votes.round_id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('fund_vote_electorate_pk', ['round_id', 'user_id'])
      .execute();
    await db.schema
      .createTable('fund_vote_voters')
      .addColumn('round_id', 'text', (c) => c.notNull().references('fund_votes.round_id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('submission_tag', 'text', (c) => c.notNull())
      .addColumn('sealed_receipt', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('fund_vote_voters_pk', ['round_id', 'user_id'])
      .execute();
    await sql`insert into fund_vote_electorate select v.round_id, e.user_id from governance_electorate e join fund_votes v on v.proposal_id = e.proposal_id`.execute(db);
    await sql`insert into fund_vote_voters select v.round_id, g.user_id, g.submission_tag, g.sealed_receipt from governance_voters g join fund_votes v on v.proposal_id = g.proposal_id`.execute(db);
    const ids = (await db.selectFrom('governance_proposals').select('id').where('kind', '=', 'fund_vote').execute()).map((r) => r.id as string);
    for (const t of ['governance_voters', 'governance_electorate', 'governance_proposal_versions']) if (ids.length) await db.deleteFrom(t).where('proposal_id', 'in', ids).execute();
    if (ids.length) await db.deleteFrom('governance_proposals').where('id', 'in', ids).execute();
    await sql`delete from jobs where status = 'pending' and (${sql.join(ids.map((id) => sql`payload like ${`%"${id}"%`}`).concat([sql`0`]), sql` or `)})`.execute(db);
    await db.schema.dropIndex('fund_votes_proposal').execute();
    // proposal_id has a foreign key, so it stays (empty); up() finds it there.
    await db.updateTable('fund_votes').set({ proposal_id: null }).execute();
    await db.schema.alterTable('governance_voters').dropColumn('sealed_receipt').execute();
    await setKinds(db, KINDS_AFTER, KINDS_BEFORE);
  });
}
