/**
 * Kept apart from ./phone (which loads libphonenumber's metadata) so pages can use it without shipping
 * that to the browser.
 *
 * Accounts without email keep a placeholder in users.email (NOT NULL UNIQUE). `.invalid` is reserved
 * (RFC 6761) and never delivers: sendEmail skips such addresses, and pages show none.
 */
const NO_EMAIL_DOMAIN = '@no-email.nomi.invalid';

export function noEmailAddress(phone: string): string {
  return `phone-${phone.replace(/\D/g, '')}${NO_EMAIL_DOMAIN}`;
}

export function hasEmail(address: string | null | undefined): address is string {
  return Boolean(address) && !address!.endsWith(NO_EMAIL_DOMAIN);
}

