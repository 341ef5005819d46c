import { redirect, type LoaderFunctionArgs } from '@remix-run/node';
import { requireUser } from '~/modules/auth/session.server';
import { authorize } from '~/policies';

export async function loader({ request }: LoaderFunctionArgs) {
  authorize(await requireUser(request), 'network.administer');
  return redirect('/admin/applications');
}
