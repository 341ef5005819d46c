import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * Phone numbers for people who use WhatsApp rather than email (issue 13, item 4). Numbers are kept in
 * E.164 (`+447911123456`); a number typed without a country code is read as a UK number, which is
 * what members here write (`07911 123456`).
 */
export function normalisePhone(input: string | null | undefined): string | null {
  const value = (input ?? '').trim();
  if (!value || value.length > 30 || !/^[+\d\s().-]+$/.test(value)) return null;
  const parsed = parsePhoneNumberFromString(value, 'GB');
  return parsed?.isValid() ? parsed.number : null;
}

/** Does the text look like a phone number rather than an email address (the sign-in field takes both)? */
export function looksLikePhone(input: string): boolean {
  return !input.includes('@') && /\d/.test(input);
}

export { hasEmail, noEmailAddress } from './no-email';

/** A one-tap WhatsApp message to `phone` carrying `text` (https://faq.whatsapp.com/5913398998672934). */
export function whatsAppLink(phone: string, text: string): string {
  return `https://wa.me/${phone.replace(/\D/g, '')}?text=${encodeURIComponent(text)}`;
}
