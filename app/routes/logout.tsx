import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { endSession } from '~/modules/auth/session.server';

// Signing out is a POST only: a link or an image cannot sign anyone out.
export async function loader() {
  return redirect('/');
}

export async function action({ request }: ActionFunctionArgs) {
  return redirect('/', { headers: { 'Set-Cookie': await endSession(request) } });
}
