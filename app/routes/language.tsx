import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { localeCookie } from '~/modules/i18n/i18next.server';
import { isLocale } from '~/modules/i18n/config';
import { getUser, safeRedirect } from '~/modules/auth/session.server';
import { updateOwnAccount } from '~/modules/auth/accounts.server';

export async function loader() {
  return redirect('/');
}

/** Remembers the chosen language in a cookie, and in the member's settings when signed in. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const lang = form.get('lang');
  const to = safeRedirect(form.get('redirectTo'));
  if (!isLocale(lang)) return redirect(to);
  const user = await getUser(request);
  if (user) await updateOwnAccount(user.id, { locale: lang });
  return redirect(to, { headers: { 'Set-Cookie': await localeCookie.serialize(lang) } });
}
