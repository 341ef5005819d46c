import type { TFunction } from 'i18next';

/**
 * A deleted account keeps its `users` row (shared work points at it) under this stored name. Pages
 * show it through `common.formerMember` so it reads in the viewer's language.
 */
export const FORMER_MEMBER_NAME = 'Former member';

/** The name to show for a person: the translated "Former member" for a deleted or missing account. */
export function memberName(t: TFunction, name: string | null | undefined): string {
  return !name || name === FORMER_MEMBER_NAME ? t('common.formerMember') : name;
}

/** A deleted account's stored email ends with this: it can never be reinstated or signed in to again. */
export const DELETED_EMAIL_DOMAIN = '@deleted.invalid';

export function isDeletedAccount(u: { email: string }): boolean {
  return u.email.endsWith(DELETED_EMAIL_DOMAIN);
}
