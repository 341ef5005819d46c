import { Honeypot, SpamError } from 'remix-utils/honeypot/server';

// A hidden field bots fill in and people never see. Used on every public form.
const honeypot = new Honeypot({ validFromFieldName: null });

/** Throws a 400 response when the hidden field was filled. */
export function checkHoneypot(formData: FormData) {
  try {
    honeypot.check(formData);
  } catch (error) {
    if (error instanceof SpamError) throw new Response('Form not accepted', { status: 400 });
    throw error;
  }
}
