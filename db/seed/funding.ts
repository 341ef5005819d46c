import { seedAutumnRound } from './funding-autumn';
import { seedSpringRound } from './funding-spring';

/**
 * The seed fund's demo (issue 14, "Demo data"): one closed round to walk end to end — "Seed fund:
 * autumn 2026", panel shortlists and members decide, with awards, payments, a mid-point and an end
 * report and a project that stopped early — and one open round, "Seed fund: spring 2027", with
 * conversations, a Q&A, a submitted application and drafts. The autumn round goes first: what it did
 * not spend rolls over into the spring pot. Each step is idempotent on its own.
 */
export async function seedFunding(people: Record<string, string>): Promise<void> {
  await seedAutumnRound(people);
  await seedSpringRound(people);
}
