import { db } from '~db/connection';
import { bidRole } from './access.server';

/**
 * "Your data", bids part: only bids the member is a partner in today (any role, directly or through
 * an organisation, as the bids area's own access rule decides), with their role and budget
 * share, the tasks assigned to them or added by them, and the files they uploaded (name, type, size —
 * not the file). Comments they wrote in a bid's document are in the documents part. Nothing of a bid
 * they are not a partner of is exported.
 */
export async function bidsData(userId: string) {
  // Candidate rows: the member's own partner rows and their organisations' rows; the bids area's
  // own rule (bidRole) then decides which bids they are a partner of today.
  const candidates = await db
    .selectFrom('bid_partners as p')
    .innerJoin('bids as b', 'b.id', 'p.bid_id')
    .leftJoin('organisations as o', 'o.id', 'p.org_id')
    .select([
      'b.id',
      'b.title',
      'b.funder',
      'b.call_name',
      'b.deadline',
      'b.amount',
      'b.currency',
      'b.status',
      'p.user_id',
      'p.role',
      'p.budget_share',
      'p.delivers',
      'o.name as organisation',
      'p.created_at as added_at',
      'b.created_by',
    ])
    .where((eb) => eb.or([eb('p.user_id', '=', userId), eb('p.org_id', 'in', eb.selectFrom('organisation_members').select('org_id').where('user_id', '=', userId))]))
    // Open or declined organisation invitations are not partnerships.
    .where('p.status', '=', 'accepted')
    .orderBy('b.deadline')
    .execute();
  const roles = new Map<string, string | null>();
  for (const c of candidates) if (!roles.has(c.id)) roles.set(c.id, await bidRole(c.id, userId));
  const byBid = new Map<string, (typeof candidates)[number][]>();
  for (const c of candidates) if (roles.get(c.id)) byBid.set(c.id, [...(byBid.get(c.id) ?? []), c]);
  const rows = [...byBid.entries()].map(([id, parts]) => {
    const b = parts[0]!;
    return {
      id,
      title: b.title,
      funder: b.funder,
      call_name: b.call_name,
      deadline: b.deadline,
      amount: b.amount,
      currency: b.currency,
      status: b.status,
      created_by: b.created_by,
      yourRole: roles.get(id),
      // Your partner rows: yourself, or an organisation you belong to (with its budget share).
      partnerAs: parts.map((p) => ({ you: p.user_id === userId, organisation: p.organisation, role: p.role, budget_share: p.budget_share, delivers: p.delivers, added_at: p.added_at })),
    };
  });
  const ids = rows.map((r) => r.id);
  const [tasks, files] = ids.length
    ? await Promise.all([
        db
          .selectFrom('bid_tasks')
          .select(['bid_id', 'title', 'assignee_id', 'due_on', 'done_at', 'created_by', 'created_at'])
          .where('bid_id', 'in', ids)
          .where((eb) => eb.or([eb('assignee_id', '=', userId), eb('created_by', '=', userId)]))
          .orderBy('created_at')
          .execute(),
        db.selectFrom('bid_attachments').select(['bid_id', 'name', 'mime', 'size', 'created_at']).where('bid_id', 'in', ids).where('uploaded_by', '=', userId).orderBy('created_at').execute(),
      ])
    : [[], []];
  return rows.map(({ id, created_by: createdBy, ...b }) => ({
    ...b,
    startedByYou: createdBy === userId,
    tasks: tasks
      .filter((t) => t.bid_id === id)
      .map((t) => ({ title: t.title, assignedToYou: t.assignee_id === userId, addedByYou: t.created_by === userId, due_on: t.due_on, done_at: t.done_at, created_at: t.created_at })),
    filesYouUploaded: files.filter((f) => f.bid_id === id).map(({ bid_id: _bid, ...f }) => f),
  }));
}
