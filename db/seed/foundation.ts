import { db } from '../connection';
import { createAccount } from '../../app/modules/auth/accounts.server';
import type { Role } from '../schema';

export interface DemoPerson {
  key: string;
  name: string;
  email: string;
  role: Role;
  mentor: boolean;
  city: string;
  languages: string[];
  locale: string;
  headline: string;
}

/** The demo network: one steward, mentors and members across the three cities and many languages. */
export const DEMO_PEOPLE: DemoPerson[] = [
  { key: 'steward', name: 'Grace Mensah', email: 'steward@example.org', role: 'steward', mentor: false, city: 'birmingham', languages: ['en', 'fr'], locale: 'en', headline: 'Network coordinator' },
  { key: 'mentor1', name: 'Tariq Haddad', email: 'tariq@example.org', role: 'member', mentor: true, city: 'coventry', languages: ['ar', 'en'], locale: 'ar', headline: 'Bid writer and former funding officer' },
  { key: 'mentor2', name: 'Ewa Kowalska', email: 'ewa@example.org', role: 'member', mentor: true, city: 'wolverhampton', languages: ['pl', 'en'], locale: 'pl', headline: 'Accountant for small charities' },
  { key: 'mentor3', name: 'Shirin Rahimi', email: 'shirin@example.org', role: 'member', mentor: true, city: 'birmingham', languages: ['fa', 'en'], locale: 'fa', headline: 'Community organiser and trainer' },
  { key: 'amina', name: 'Amina Yusuf', email: 'amina@example.org', role: 'member', mentor: false, city: 'birmingham', languages: ['so', 'en', 'ar'], locale: 'en', headline: 'Tenancy rights advice for Somali families' },
  { key: 'bilal', name: 'Bilal Chaudhry', email: 'bilal@example.org', role: 'member', mentor: false, city: 'birmingham', languages: ['ur', 'pa', 'en'], locale: 'ur', headline: 'Employment rights workshops' },
  { key: 'ioana', name: 'Ioana Popescu', email: 'ioana@example.org', role: 'member', mentor: false, city: 'coventry', languages: ['ro', 'en'], locale: 'ro', headline: 'Romanian community health champions' },
  { key: 'yonas', name: 'Yonas Tesfaye', email: 'yonas@example.org', role: 'member', mentor: false, city: 'coventry', languages: ['ti', 'am', 'en'], locale: 'en', headline: 'Football and mental health for young men' },
  { key: 'mariam', name: 'Mariam Karimi', email: 'mariam@example.org', role: 'member', mentor: false, city: 'wolverhampton', languages: ['fa', 'ps', 'en'], locale: 'fa', headline: 'Sewing circle and English conversation' },
  { key: 'olena', name: 'Olena Shevchenko', email: 'olena@example.org', role: 'member', mentor: false, city: 'wolverhampton', languages: ['uk', 'ru', 'en'], locale: 'en', headline: 'Home-schooling support for refugee families' },
  { key: 'kwame', name: 'Kwame Asante', email: 'kwame@example.org', role: 'member', mentor: false, city: 'birmingham', languages: ['en', 'fr'], locale: 'en', headline: 'Furniture upcycling social enterprise' },
  { key: 'layla', name: 'Layla Hassan', email: 'layla@example.org', role: 'member', mentor: false, city: 'coventry', languages: ['ar', 'ku', 'en'], locale: 'ar', headline: 'Arts and storytelling with Kurdish women' },
  { key: 'piotr', name: 'Piotr Nowak', email: 'piotr@example.org', role: 'member', mentor: false, city: 'wolverhampton', languages: ['pl', 'en'], locale: 'pl', headline: 'Polish Saturday school' },
  { key: 'farah', name: 'Farah Siddiqui', email: 'farah@example.org', role: 'member', mentor: false, city: 'west-midlands', languages: ['ur', 'hi', 'en'], locale: 'en', headline: 'Women\'s health access in Walsall' },
  { key: 'chidi', name: 'Chidi Okafor', email: 'chidi@example.org', role: 'member', mentor: false, city: 'birmingham', languages: ['ig', 'yo', 'en'], locale: 'en', headline: 'Radio and podcasts for the African diaspora' },
  { key: 'sofia', name: 'Sofia Lopes', email: 'sofia@example.org', role: 'member', mentor: false, city: 'coventry', languages: ['pt', 'es', 'en'], locale: 'en', headline: 'Active citizenship and rights awareness' },
];

/** Creates the demo people if they are not there yet. Returns their ids by key. */
export async function seedFoundation(password: string): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const p of DEMO_PEOPLE) {
    const existing = await db.selectFrom('users').select('id').where('email', '=', p.email).executeTakeFirst();
    const id =
      existing?.id ??
      (await createAccount({ name: p.name, email: p.email, password, role: p.role, locale: p.locale, city: p.city, languages: p.languages }));
    if (!existing) {
      await db.updateTable('users').set({ is_mentor: p.mentor ? 1 : 0 }).where('id', '=', id).execute();
      await db
        .insertInto('profiles')
        .values({
          user_id: id,
          headline: p.headline,
          bio: '',
          mentoring_open: p.mentor ? 1 : 0,
          mentoring_at_capacity: 0,
          mentoring_areas: '[]',
          matching_opt_out: 0,
          updated_at: Date.now(),
        })
        .onConflict((oc) => oc.column('user_id').doNothing())
        .execute();
    }
    ids[p.key] = id;
  }
  return ids;
}
