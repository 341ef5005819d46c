import { GovernanceError } from './errors';
import { DAY } from './dates';
import { type NewProposal } from './proposal-lifecycle.server';

/** A proposal open now for a week, ordinary open ballot; tests override what they are about. */
export function draftProposal(overrides: Partial<NewProposal> = {}): NewProposal {
  return {
    title: 'Adopt the code of conduct',
    body: 'We adopt the attached code of conduct.',
    kind: 'ordinary',
    secret: false,
    hideResults: false,
    allowCloseEarly: true,
    quorumPercent: 0,
    writtenMajority: 'ordinary',
    pollMode: 'single',
    pollBinding: false,
    options: [],
    maxScore: 5,
    seats: 1,
    opensAt: Date.now(),
    closesAt: Date.now() + 7 * DAY,
    ...overrides,
  };
}

/** The GovernanceError a promise is refused with (fails the test when it is not refused). */
export async function refusal(p: Promise<unknown>): Promise<GovernanceError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof GovernanceError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}
