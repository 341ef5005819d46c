import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { getUser } from '~/modules/auth/session.server';
import { currentTally, getProposal } from '~/modules/governance/proposals.server';

/** Live tally for polling. Never returns a count while results are hidden and voting is open. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (!user) return json({ tally: null }, { status: 401 });
  const p = await getProposal(params.id ?? '');
  if (!p) throw new Response('Not found', { status: 404 });
  if (p.status === 'scheduled' || (p.status === 'open' && p.hide_results === 1)) return json({ tally: null }, { status: 403, headers: { 'Cache-Control': 'no-store' } });
  const tally = p.status === 'closed' && p.result ? JSON.parse(p.result) : await currentTally(p);
  return json({ tally }, { headers: { 'Cache-Control': 'no-store' } });
}
