import { redirect, type LoaderFunctionArgs } from '@remix-run/node';
import { requireSteward } from '~/modules/auth/session.server';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSteward(request);
  return redirect('/admin/applications');
}
