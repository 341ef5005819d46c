/**
 * Every kind of notification, with whether it is emailed by default. A kind is named
 * `<area>.<name>`; its texts live in that area's own catalogue file under
 * `<area>.notifications.<name>.title` (the message, also the email subject) and `.pref` (the line in
 * the email preferences: "Send me an email when …").
 */
export interface NotificationKind {
  kind: string;
  emailByDefault: boolean;
  /** Only stewards receive this kind; hidden from other members' preferences. */
  stewardsOnly?: boolean;
}

export const NOTIFICATION_KINDS: NotificationKind[] = [
  { kind: 'membership.application_received', emailByDefault: true, stewardsOnly: true },
  { kind: 'membership.member_joined', emailByDefault: true },
  { kind: 'membership.role_changed', emailByDefault: true },
];

/** i18n key prefix for a kind's texts: 'bids.deadline_soon' → 'bids.notifications.deadline_soon'. */
export function kindTextKey(kind: string): string {
  const dot = kind.indexOf('.');
  return `${kind.slice(0, dot)}.notifications.${kind.slice(dot + 1)}`;
}
