import { HONEYPOT_FIELD } from '~/ui/honeypot-field';

/**
 * A hidden field bots fill in and people never see (`<Honeypot />` in app/ui/page.tsx), on every public
 * form. Only the "must stay empty" check: no timestamp or encryption, which is all remix-utils' version
 * added (and what pulled in crypto-js).
 */
export function checkHoneypot(formData: FormData) {
  if (!formData.has(HONEYPOT_FIELD)) return;
  if (formData.get(HONEYPOT_FIELD) !== '') throw new Response('Form not accepted', { status: 400 });
}
