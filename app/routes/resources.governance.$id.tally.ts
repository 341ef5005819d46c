import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { getUser } from '~/modules/auth/session.server';
import { currentTally } from '~/modules/governance/proposal-count.server';
import { getProposal } from '~/modules/governance/proposal-read.server';
import { authorizeResults, turnoutOf } from '~/modules/governance/access.server';

/**
 * Live tally for polling. Asks the same `proposal.seeResults` rule as the proposal page: after close
 * the stored result only; while open only for open ballots that do not hide results (never a secret
 * ballot's or an election's count before close).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (!user) return json({ tally: null }, { status: 401 });
  const p = await getProposal(params.id ?? '');
  if (!p) throw new Response('Not found', { status: 404 });
  try {
    await authorizeResults(user, p);
  } catch (e) {
    // A background poll gets JSON it can read, never an error page (issue 12.1).
    if (e instanceof Response && e.status === 403) return json({ tally: null }, { status: 403, headers: { 'Cache-Control': 'no-store' } });
    throw e;
  }
  const tally = p.status === 'closed' ? JSON.parse(p.result!) : await currentTally(p);
  return json({ tally, turnout: await turnoutOf(p.id) }, { headers: { 'Cache-Control': 'no-store' } });
}
