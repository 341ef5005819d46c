import { closeDb } from '../connection';
import { migrateToLatest } from '../migrate';
import { env } from '../../app/env.server';
import { DEMO_PEOPLE, seedFoundation } from './foundation';
import { seedDirectory } from './directory';
import { seedMentoring } from './mentoring';
import { seedNotices } from './notices';
import { seedGovernance } from './governance';
import { seedBids } from './bids';
import { seedFunding } from './funding';

/**
 * `npm run seed:demo`: fills the database with a realistic demo network. Safe to run again: each
 * step checks what is already there. Later areas add their own step below, in order.
 */
const password = process.env.DEMO_PASSWORD || 'demo-password-2026';

await migrateToLatest();
const people = await seedFoundation(password);
// Area seeds go here, each given `people` (ids by key) and idempotent on its own.
void people;
await seedDirectory(people);
await seedMentoring(people);
await seedNotices(people);
await seedGovernance(people);
await seedBids(people);
await seedFunding(people);

console.log(`Demo network ready in ${env.databasePath}\n`);
console.log('Sign in with any of these (password: ' + password + '):');
for (const p of DEMO_PEOPLE) {
  console.log(`  ${p.email.padEnd(24)} ${p.role === 'steward' ? 'steward' : p.mentor ? 'mentor ' : 'member '}  ${p.name} (${p.city})`);
}
await closeDb();
