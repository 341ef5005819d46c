import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { endSession, signedOutHeaders } from '~/modules/auth/session.server';

// Signing out is a POST only: a link or an image cannot sign anyone out.
export async function loader() {
  return redirect('/');
}

export async function action({ request }: ActionFunctionArgs) {
  // Shared phones: the browser deletes this site's stored data, including the offline copies of
  // collaborative documents (IndexedDB, see app/modules/collab/local-copies.ts), and its cached pages,
  // so Back does not show the member's pages to whoever uses the phone next.
  return redirect('/', { headers: signedOutHeaders(await endSession(request)) });
}
