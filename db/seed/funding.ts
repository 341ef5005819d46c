import { seedAutumnRound } from './funding-autumn';
import { seedSpringRound } from './funding-spring';
import { seedWinterRound } from './funding-winter';

/**
 * The seed fund's demo (issue 14, "Demo data"): one closed round to walk end to end — "Seed fund:
 * autumn 2026", panel shortlists and members decide, with awards, payments, a mid-point and an end
 * report and a project that stopped early — and one open round, "Seed fund: spring 2027", with
 * conversations, a Q&A, a submitted application and drafts. One more round, "winter 2026 pitch day",
 * is in review with its pitch day under way: review and pitch day can only be shown in a round that is
 * in them. Rounds follow each other by opening date, so what autumn did not spend rolls into winter.
 * Each step is idempotent on its own.
 */
export async function seedFunding(people: Record<string, string>): Promise<void> {
  await seedAutumnRound(people);
  await seedWinterRound(people);
  await seedSpringRound(people);
}
