import { sql, type Transaction } from 'kysely';
import { db } from '~db/connection';
import type { NoticesTable, NoticeType } from '~db/schema.notices';
import { newId } from '~/modules/auth/tokens.server';
import { cancel, schedule } from '~/modules/jobs/scheduler.server';
import { audit } from '~/modules/network/settings.server';
import { descriptionToHtml } from './sanitize.server';
import { DAY, DEFAULT_LIFETIME, isRenewable, londonTime, type NoticeInput } from './notices.schema';
import type { Database } from '~db/schema';
import { removeStored } from '~/modules/uploads/uploads.server';
import { MAX_FILES, type NewNoticeFile, type NoticeFileChanges } from './files.server';
import { can } from '~/policies';
import type { NoticeSubject } from '~/policies/notices';

/** Who is looking: a member (with role) or a visitor (null). */
export interface Viewer {
  id: string;
  role: 'member' | 'steward';
}

export const PAGE_SIZE = 20;
export const REMINDER_BEFORE = 3 * DAY;
/** A gap this long between two board loads starts a new visit. */
const VISIT_GAP = 30 * 60_000;
const VISIT_REFRESH = 60_000;

export interface NoticeDetails {
  opportunityKind?: string;
  funder?: string;
  amountMin?: number;
  amountMax?: number;
  eligibility?: string;
  place?: string;
  link?: string;
}

function num(v: string | undefined): number | undefined {
  if (!v) return undefined;
  const n = Number(v.replace(/[,£\s]/g, ''));
  return Number.isFinite(n) ? n : undefined;
}

/** The stored columns a valid form gives (dates resolved in London time, description sanitised). */
export function fieldsFromInput(input: NoticeInput, now = Date.now()) {
  const details: NoticeDetails = {};
  let keyDate: number | null = null;
  let startsAt: number | null = null;
  let endsAt: number | null = null;
  let expiresAt = input.expiresOn ? londonTime(input.expiresOn, true)! : now + DEFAULT_LIFETIME;
  if (input.link) details.link = input.link;
  switch (input.type) {
    case 'offer':
    case 'request':
      keyDate = input.untilDate ? londonTime(input.untilDate, true) : null;
      // Without an explicit expiry, an offer or request leaves the board when its date has passed.
      if (keyDate && !input.expiresOn) expiresAt = Math.min(expiresAt, keyDate);
      break;
    case 'opportunity':
      details.opportunityKind = input.opportunityKind;
      keyDate = input.untilDate ? londonTime(input.untilDate, true) : null;
      if (keyDate && !input.expiresOn) expiresAt = keyDate;
      break;
    case 'funding':
      details.funder = input.funder;
      details.amountMin = num(input.amountMin);
      details.amountMax = num(input.amountMax);
      if (input.eligibility) details.eligibility = input.eligibility;
      keyDate = londonTime(input.deadline!, true);
      expiresAt = keyDate!;
      break;
    case 'event':
      startsAt = londonTime(input.startsAt!);
      endsAt = londonTime(input.endsAt!);
      if (input.place) details.place = input.place;
      keyDate = startsAt;
      expiresAt = endsAt!;
      break;
    case 'resource':
      break;
  }
  return {
    type: input.type as NoticeType,
    title: input.title,
    body: input.description,
    body_html: descriptionToHtml(input.description),
    city: input.city,
    themes: JSON.stringify(input.themes),
    details: JSON.stringify(details),
    key_date: keyDate,
    starts_at: startsAt,
    ends_at: endsAt,
    expires_at: expiresAt,
    is_public: input.isPublic ? 1 : 0,
  };
}

function reminderKey(id: string, expiresAt: number) {
  return `notices.expiry_reminder:${id}:${expiresAt}`;
}

/** Queues the "expires in 3 days" reminder for renewable notices (idempotent by its unique key). */
export async function scheduleExpiryReminder(notice: Pick<NoticesTable, 'id' | 'type' | 'expires_at'>, now = Date.now()) {
  if (!isRenewable(notice.type)) return;
  const at = Math.max(now, notice.expires_at - REMINDER_BEFORE);
  if (notice.expires_at <= now) return;
  await schedule(`notices.expiry_reminder`, at, { noticeId: notice.id, expiresAt: notice.expires_at }, reminderKey(notice.id, notice.expires_at));
}

async function insertFiles(trx: Transaction<Database>, noticeId: string, files: NewNoticeFile[], from: number, now: number) {
  let position = from;
  for (const f of files) {
    await trx
      .insertInto('notice_files')
      .values({ id: newId(), notice_id: noticeId, path: f.path, thumb_path: f.thumbPath ?? null, name: f.name, mime: f.mime, size: f.size, alt: f.alt, position: position++, created_at: now })
      .execute();
  }
}

/** Creates a notice with its (already checked and stored) files; if saving fails, the files are removed. */
export async function createNotice(authorId: string, input: NoticeInput, files: NewNoticeFile[] | null = null, now = Date.now()): Promise<string> {
  const id = newId();
  const values = {
    id,
    author_id: authorId,
    ...fieldsFromInput(input, now),
    pinned: 0,
    status: 'open' as const,
    hidden: 0,
    created_at: now,
    updated_at: now,
  };
  const list = (files ?? []).slice(0, MAX_FILES);
  try {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('notices').values(values).execute();
      await insertFiles(trx, id, list, 0, now);
    });
  } catch (error) {
    await removeStored(files ?? []);
    throw error;
  }
  await scheduleExpiryReminder(values, now);
  return id;
}

export type ChangeResult = 'ok' | 'notFound' | 'forbidden';

/** The policy subject of a notice (app/policies/notices.ts). */
export function noticeSubject(n: Pick<NoticesTable, 'author_id' | 'type' | 'status' | 'hidden' | 'is_public'>): NoticeSubject {
  return { authorId: n.author_id, type: n.type, status: n.status, hidden: n.hidden === 1, isPublic: n.is_public === 1 };
}

/**
 * Loads a notice the viewer may see (`notice.read`), or null (the caller answers 404). The steward's
 * note on a hidden notice is left out unless `notice.seeHiddenNote` allows it, so no page or JSON can
 * pass it on by mistake.
 */
export async function getNotice(id: string, viewer: Viewer | null) {
  if (!id || id.length > 40) return null;
  const row = await db
    .selectFrom('notices as n')
    .innerJoin('users as u', 'u.id', 'n.author_id')
    .selectAll('n')
    .select(['u.name as author_name'])
    .where('n.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const subject = noticeSubject(row);
  if (!can(viewer, 'notice.read', subject)) return null;
  return { ...row, hidden_note: can(viewer, 'notice.seeHiddenNote', subject) ? row.hidden_note : null, subject };
}

export function canSee(notice: Pick<NoticesTable, 'author_id' | 'type' | 'status' | 'hidden' | 'is_public'>, viewer: Viewer | null): boolean {
  return can(viewer, 'notice.read', noticeSubject(notice));
}

export function canEdit(notice: Pick<NoticesTable, 'author_id' | 'type' | 'status' | 'hidden' | 'is_public'>, viewer: Viewer): boolean {
  return can(viewer, 'notice.edit', noticeSubject(notice));
}

export async function updateNotice(id: string, viewer: Viewer, input: NoticeInput, files: NoticeFileChanges | null = null, now = Date.now()): Promise<ChangeResult | 'tooManyFiles'> {
  const notice = await getNotice(id, viewer);
  const added = files?.add ?? [];
  if (!notice) {
    await removeStored(added);
    return 'notFound';
  }
  if (!canEdit(notice, viewer)) {
    await removeStored(added);
    return 'forbidden';
  }
  const fields = fieldsFromInput({ ...input, type: notice.type }, now);
  let removed: { path: string; thumbPath: string | null }[] = [];
  let result = 'ok' as 'ok' | 'tooManyFiles';
  try {
    await db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('notice_files').select(['id', 'path', 'thumb_path', 'position']).where('notice_id', '=', id).execute();
      const gone = existing.filter((f) => files?.remove.includes(f.id));
      if (existing.length - gone.length + added.length > MAX_FILES) {
        result = 'tooManyFiles';
        return;
      }
      await trx.updateTable('notices').set({ ...fields, updated_at: now }).where('id', '=', id).execute();
      if (gone.length) await trx.deleteFrom('notice_files').where('notice_id', '=', id).where('id', 'in', gone.map((f) => f.id)).execute();
      for (const [fileId, alt] of Object.entries(files?.alts ?? {})) {
        if (gone.some((f) => f.id === fileId)) continue;
        await trx.updateTable('notice_files').set({ alt }).where('notice_id', '=', id).where('id', '=', fileId).where('mime', 'like', 'image/%').execute();
      }
      await insertFiles(trx, id, added, Math.max(-1, ...existing.map((f) => f.position)) + 1, now);
      if (fields.expires_at !== notice.expires_at) {
        await trx.deleteFrom('jobs').where('unique_key', '=', reminderKey(id, notice.expires_at)).where('status', '=', 'pending').execute();
      }
      removed = gone.map((f) => ({ path: f.path, thumbPath: f.thumb_path }));
    });
  } catch (error) {
    await removeStored(added);
    throw error;
  }
  if (result !== 'ok') {
    await removeStored(added);
    return result;
  }
  if (fields.expires_at !== notice.expires_at) await scheduleExpiryReminder({ id, type: notice.type, expires_at: fields.expires_at }, now);
  await removeStored(removed);
  return 'ok';
}

/** Authors delete their own notices; stewards may delete any. */
export async function deleteNotice(id: string, viewer: Viewer): Promise<ChangeResult> {
  const notice = await getNotice(id, viewer);
  if (!notice) return 'notFound';
  if (!can(viewer, 'notice.delete', notice.subject)) return 'forbidden';
  const files = await db.selectFrom('notice_files').select(['path', 'thumb_path']).where('notice_id', '=', id).execute();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('notice_reports').where('notice_id', '=', id).execute();
    await trx.deleteFrom('notice_files').where('notice_id', '=', id).execute();
    await trx.deleteFrom('notices').where('id', '=', id).execute();
  });
  await cancel(reminderKey(id, notice.expires_at));
  await removeStored(files.map((f) => ({ path: f.path, thumbPath: f.thumb_path })));
  if (notice.author_id !== viewer.id) {
    await audit({ actorId: viewer.id, action: `notices.delete`, subjectType: 'notice', subjectId: id, details: { title: notice.title } });
  }
  return 'ok';
}

/** One click: another 30 days from now (or from the current expiry if that is later), back on the board. */
export async function renewNotice(id: string, viewer: Viewer, now = Date.now()): Promise<ChangeResult | 'notRenewable'> {
  const notice = await getNotice(id, viewer);
  if (!notice) return 'notFound';
  if (!can(viewer, 'notice.edit', notice.subject)) return 'forbidden';
  // The author's own notice that cannot be renewed: a bad request, not a refusal.
  if (!can(viewer, 'notice.renew', notice.subject)) return 'notRenewable';
  const expiresAt = Math.max(now, notice.expires_at) + DEFAULT_LIFETIME;
  await db.updateTable('notices').set({ expires_at: expiresAt, updated_at: now }).where('id', '=', id).execute();
  await cancel(reminderKey(id, notice.expires_at));
  await scheduleExpiryReminder({ id, type: notice.type, expires_at: expiresAt }, now);
  return 'ok';
}

/** Marks a request as met / an offer as taken (any type can be closed by its author). */
export async function closeNotice(id: string, viewer: Viewer, now = Date.now()): Promise<ChangeResult> {
  const notice = await getNotice(id, viewer);
  if (!notice) return 'notFound';
  if (!can(viewer, 'notice.edit', notice.subject)) return 'forbidden';
  await db.updateTable('notices').set({ status: 'closed', closed_at: now, updated_at: now }).where('id', '=', id).execute();
  await cancel(reminderKey(id, notice.expires_at));
  return 'ok';
}

export async function setPinned(id: string, viewer: Viewer, pinned: boolean): Promise<ChangeResult> {
  const notice = await getNotice(id, viewer);
  if (!notice) return 'notFound';
  if (!can(viewer, 'notice.pin', notice.subject)) return 'forbidden';
  await db.updateTable('notices').set({ pinned: pinned ? 1 : 0 }).where('id', '=', id).execute();
  return 'ok';
}

/** The reminder job: only if the notice still expires at that moment and is still open. */
export async function expiryReminderTarget(noticeId: string, expiresAt: number) {
  const n = await db
    .selectFrom('notices')
    .select(['id', 'author_id', 'title', 'expires_at', 'status', 'hidden'])
    .where('id', '=', noticeId)
    .executeTakeFirst();
  if (!n || n.expires_at !== expiresAt || n.status !== 'open' || n.hidden) return null;
  return n;
}

// ---------------------------------------------------------------------------------------------------
// The board

export type BoardSort = 'newest' | 'closing';

export interface BoardQuery {
  type?: string;
  city?: string;
  theme?: string;
  q?: string;
  sort?: BoardSort;
  archive?: boolean;
  page?: number;
}

/** User text as FTS5 prefix phrases: `"word"*` each, so operators and quotes cannot break the query. */
export function ftsQuery(text: string): string | null {
  const words = text
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f]/g, ' ')
    .split(/\s+/)
    .map((w) => w.trim())
    .filter(Boolean)
    .slice(0, 8);
  if (!words.length) return null;
  return words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' ');
}

export async function listBoard(viewer: Viewer | null, query: BoardQuery, now = Date.now()) {
  const page = Math.max(1, Math.min(500, Math.floor(query.page ?? 1)));
  let q = db.selectFrom('notices as n').where('n.hidden', '=', 0);
  if (query.archive) q = q.where((eb) => eb.or([eb('n.status', '=', 'closed'), eb('n.expires_at', '<=', now)]));
  else q = q.where('n.status', '=', 'open').where('n.expires_at', '>', now);
  if (!viewer) q = q.where('n.is_public', '=', 1);
  if (query.type) q = q.where('n.type', '=', query.type as NoticeType);
  if (query.city) q = q.where('n.city', '=', query.city);
  if (query.theme) q = q.where(sql<boolean>`exists (select 1 from json_each(n.themes) where value = ${query.theme})`);
  const match = query.q ? ftsQuery(query.q) : null;
  if (match) q = q.where(sql<boolean>`n.id in (select notice_id from notices_fts where notices_fts match ${match})`);

  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  let rows = q
    .innerJoin('users as u', 'u.id', 'n.author_id')
    .select([
      'n.id',
      'n.type',
      'n.title',
      'n.city',
      'n.themes',
      'n.details',
      'n.key_date',
      'n.starts_at',
      'n.expires_at',
      'n.pinned',
      'n.status',
      'n.author_id',
      'n.created_at',
      'n.is_public',
      'u.name as author_name',
    ]);
  if (!query.archive) rows = rows.orderBy('n.pinned', 'desc');
  if (query.archive) rows = rows.orderBy('n.expires_at', 'desc');
  else if (query.sort === 'closing') rows = rows.orderBy(sql`coalesce(n.key_date, n.expires_at)`, 'asc');
  else rows = rows.orderBy('n.created_at', 'desc');
  const items = await rows.orderBy('n.id').limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE).execute();
  // Counts only for the page's notices (not for every row before sorting).
  const ids = items.map((r) => r.id);
  const responses = new Map<string, number>();
  const comments = new Map<string, number>();
  if (ids.length) {
    for (const r of await db.selectFrom('notice_responses').select(['notice_id', (eb) => eb.fn.countAll<number>().as('n')]).where('notice_id', 'in', ids).groupBy('notice_id').execute()) {
      responses.set(r.notice_id, Number(r.n));
    }
    for (const r of await db.selectFrom('notice_comments').select(['notice_id', (eb) => eb.fn.countAll<number>().as('n')]).where('notice_id', 'in', ids).where('hidden', '=', 0).groupBy('notice_id').execute()) {
      comments.set(r.notice_id, Number(r.n));
    }
  }
  return {
    items: items.map((r) => ({
      ...r,
      responses: responses.get(r.id) ?? 0,
      comments: comments.get(r.id) ?? 0,
      themes: JSON.parse(r.themes) as string[],
      details: JSON.parse(r.details) as NoticeDetails,
      // Visitors never see who posted.
      author_name: viewer ? r.author_name : null,
      author_id: viewer ? r.author_id : null,
    })),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
  };
}

/**
 * Records a board load and returns the moment notices count as "new" after: the end of the member's
 * previous visit. Loads within 30 minutes of each other are one visit, so paging does not clear markers.
 * Loads within a minute of the last one recorded write nothing: any write ends every page the server
 * keeps rendered for visitors (ADR 0007), and the end of a visit known to the minute is enough.
 */
export async function recordVisit(userId: string, now = Date.now()): Promise<number> {
  const row = await db.selectFrom('notice_visits').selectAll().where('user_id', '=', userId).executeTakeFirst();
  if (!row) {
    await db.insertInto('notice_visits').values({ user_id: userId, last_seen_at: now, previous_visit_at: now }).onConflict((oc) => oc.column('user_id').doNothing()).execute();
    // First visit ever: nothing is marked new (everything is).
    return now;
  }
  const previous = now - row.last_seen_at > VISIT_GAP ? row.last_seen_at : row.previous_visit_at;
  if (previous === row.previous_visit_at && now - row.last_seen_at < VISIT_REFRESH) return previous;
  await db.updateTable('notice_visits').set({ last_seen_at: now, previous_visit_at: previous }).where('user_id', '=', userId).execute();
  return previous;
}

export function parseDetails(details: string): NoticeDetails {
  try {
    return JSON.parse(details) as NoticeDetails;
  } catch {
    return {};
  }
}
