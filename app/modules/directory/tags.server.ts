import { sql } from 'kysely';
import { db } from '~db/connection';
import { BASE_TAGS, TAG_MAX_LENGTH } from './themes';
import { authorize, type Actor } from '~/policies';
import { cachedRead } from './read-cache.server';

/**
 * The shared tag list for skills offered and support needed: the built-in tags (translated via
 * `directory.tags.<slug>`) plus tags members added (shown with the label they typed). Stewards can
 * merge a duplicate into another tag; everything tagged with it moves over.
 */
export interface Tag {
  slug: string;
  /** Null for built-in tags (translate `directory.tags.<slug>`); the typed label otherwise. */
  label: string | null;
  builtin: boolean;
}

export { TAG_MAX_LENGTH };

/** "Grant reporting " → "grant-reporting"; keeps letters of every script. Empty when nothing usable. */
export function slugifyTag(label: string): string {
  return label
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, TAG_MAX_LENGTH);
}

/**
 * Member-added tags with their label in `locale` when a steward gave one (tag_labels), else the
 * label the member typed. Built-in tags are translated from the locale files instead.
 */
function labelledTags(locale?: string) {
  return db
    .selectFrom('directory_tags as d')
    .leftJoin('tag_labels as l', (j) => j.onRef('l.tag_id', '=', 'd.slug').on('l.locale', '=', locale ?? ''))
    .select((eb) => ['d.slug', eb.fn.coalesce('l.label', 'd.label').as('label'), 'd.merged_into']);
}

/**
 * Every directory page and form asks for these; they change only when a tag is added, labelled or
 * merged, which ends the cached answer (./read-cache.server). Shared answers: callers must not mutate.
 */
export function listTags(locale?: string): Promise<Tag[]> {
  return cachedRead(`tags:${locale ?? ''}`, () => readTags(locale));
}

async function readTags(locale?: string): Promise<Tag[]> {
  const custom = await labelledTags(locale).where('d.merged_into', 'is', null).execute();
  custom.sort((a, b) => a.label.localeCompare(b.label, locale));
  const builtin = new Set<string>(BASE_TAGS);
  return [
    ...BASE_TAGS.map((slug) => ({ slug, label: null, builtin: true })),
    ...custom.filter((c) => !builtin.has(c.slug)).map((c) => ({ slug: c.slug, label: c.label, builtin: false })),
  ];
}

/** Labels of member-added tags by slug, in the viewer's language where a steward added one. */
export function customTagLabels(locale?: string): Promise<Record<string, string>> {
  return cachedRead(`tag-labels:${locale ?? ''}`, async () => {
    const rows = await labelledTags(locale).execute();
    return Object.fromEntries(rows.map((r) => [r.slug, r.label]));
  });
}

/** Member-added tags (not merged away) with the typed label and every per-language label, for stewards. */
export async function tagsWithLabels() {
  const [tags, labels] = await Promise.all([
    db.selectFrom('directory_tags').select(['slug', 'label']).where('merged_into', 'is', null).orderBy('label').execute(),
    db.selectFrom('tag_labels').select(['tag_id', 'locale', 'label']).execute(),
  ]);
  const builtin = new Set<string>(BASE_TAGS);
  return tags
    .filter((tg) => !builtin.has(tg.slug))
    .map((tg) => ({ ...tg, labels: Object.fromEntries(labels.filter((l) => l.tag_id === tg.slug).map((l) => [l.locale, l.label])) as Record<string, string> }));
}

/**
 * Steward action: sets the labels of a member-added tag per language (an empty label removes it,
 * so the typed label shows again). False when the tag is unknown, built in or merged away.
 */
export async function setTagLabels(actor: Actor, slug: string, labels: Partial<Record<string, string>>): Promise<boolean> {
  authorize(actor, 'tag.manage');
  if ((BASE_TAGS as readonly string[]).includes(slug)) return false;
  return db.transaction().execute(async (trx) => {
    const tag = await trx.selectFrom('directory_tags').select('slug').where('slug', '=', slug).where('merged_into', 'is', null).executeTakeFirst();
    if (!tag) return false;
    const now = Date.now();
    for (const [locale, raw] of Object.entries(labels)) {
      const label = (raw ?? '').trim();
      if (!label) {
        await trx.deleteFrom('tag_labels').where('tag_id', '=', slug).where('locale', '=', locale).execute();
        continue;
      }
      await trx
        .insertInto('tag_labels')
        .values({ tag_id: slug, locale, label, updated_at: now })
        .onConflict((oc) => oc.columns(['tag_id', 'locale']).doUpdateSet({ label, updated_at: now }))
        .execute();
    }
    return true;
  });
}

/**
 * Turns labels typed by a member into tag slugs, creating new tags as needed (within the caller's
 * transaction). A label that matches an existing tag (or a merged one) reuses it.
 */
export async function ensureTags(labels: string[], createdBy: string, trx = db): Promise<string[]> {
  const out: string[] = [];
  for (const raw of labels) {
    const label = raw.trim().slice(0, TAG_MAX_LENGTH);
    const slug = slugifyTag(label);
    if (!slug) continue;
    if ((BASE_TAGS as readonly string[]).includes(slug)) {
      out.push(slug);
      continue;
    }
    const existing = await trx.selectFrom('directory_tags').select(['slug', 'merged_into']).where('slug', '=', slug).executeTakeFirst();
    if (existing) {
      out.push(existing.merged_into ?? existing.slug);
      continue;
    }
    await trx.insertInto('directory_tags').values({ slug, label, created_by: createdBy, created_at: Date.now(), merged_into: null }).execute();
    out.push(slug);
  }
  return [...new Set(out)];
}

/** Known tag slugs among `slugs` (built-in or added, not merged away); merged ones map to their target. */
export async function resolveTagSlugs(slugs: string[], trx = db): Promise<string[]> {
  const builtin = new Set<string>(BASE_TAGS);
  const rest = slugs.filter((s) => !builtin.has(s));
  const rows = rest.length ? await trx.selectFrom('directory_tags').select(['slug', 'merged_into']).where('slug', 'in', rest).execute() : [];
  const map = new Map(rows.map((r) => [r.slug, r.merged_into ?? r.slug]));
  return [...new Set(slugs.flatMap((s) => (builtin.has(s) ? [s] : map.has(s) ? [map.get(s)!] : [])))];
}

/** Steward action: every use of `from` becomes `into`; `from` stops being offered. */
export async function mergeTags(actor: Actor, from: string, into: string): Promise<boolean> {
  authorize(actor, 'tag.manage');
  if (from === into || (BASE_TAGS as readonly string[]).includes(from)) return false;
  return db.transaction().execute(async (trx) => {
    const source = await trx.selectFrom('directory_tags').select('slug').where('slug', '=', from).where('merged_into', 'is', null).executeTakeFirst();
    const targetKnown =
      (BASE_TAGS as readonly string[]).includes(into) ||
      Boolean(await trx.selectFrom('directory_tags').select('slug').where('slug', '=', into).where('merged_into', 'is', null).executeTakeFirst());
    if (!source || !targetKnown) return false;
    for (const table of ['member_tags', 'org_tags'] as const) {
      const owner = table === 'member_tags' ? 'user_id' : 'org_id';
      // Rows that already have the target would clash on the key: drop them, move the rest.
      await sql`DELETE FROM ${sql.raw(table)} WHERE tag = ${from} AND EXISTS (SELECT 1 FROM ${sql.raw(table)} t2
        WHERE t2.${sql.raw(owner)} = ${sql.raw(table)}.${sql.raw(owner)} AND t2.kind = ${sql.raw(table)}.kind AND t2.tag = ${into})`.execute(trx);
      await trx.updateTable(table).set({ tag: into }).where('tag', '=', from).execute();
    }
    await trx.updateTable('directory_tags').set({ merged_into: into }).where('slug', '=', from).execute();
    await trx.updateTable('directory_tags').set({ merged_into: into }).where('merged_into', '=', from).execute();
    return true;
  });
}
