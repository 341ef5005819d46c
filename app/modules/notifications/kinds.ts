/**
 * Every kind of notification, with whether it is emailed by default. Each area adds its kinds here;
 * texts live in the catalogue under notifications.kinds.<kind with dots as underscores>.
 */
export interface NotificationKind {
  kind: string;
  emailByDefault: boolean;
  /** Only stewards receive this kind; hidden from other members' preferences. */
  stewardsOnly?: boolean;
}

export const NOTIFICATION_KINDS: NotificationKind[] = [
  { kind: 'application.received', emailByDefault: true, stewardsOnly: true },
  { kind: 'member.joined', emailByDefault: true },
  { kind: 'role.changed', emailByDefault: true },
];

export function kindKey(kind: string): string {
  return kind.replace(/\./g, '_');
}
