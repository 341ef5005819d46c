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
  { kind: 'collab.comment', emailByDefault: true },
  { kind: `directory.introduction`, emailByDefault: true },
  { kind: `directory.message`, emailByDefault: true },
  { kind: `directory.org_invite`, emailByDefault: true },
  { kind: 'mentoring.requested', emailByDefault: true },
  { kind: 'mentoring.paired', emailByDefault: true },
  { kind: 'mentoring.accepted', emailByDefault: true },
  { kind: 'mentoring.declined', emailByDefault: true },
  { kind: 'mentoring.paused', emailByDefault: false },
  { kind: 'mentoring.resumed', emailByDefault: false },
  { kind: 'mentoring.closed', emailByDefault: true },
  { kind: 'mentoring.session_logged', emailByDefault: true },
  { kind: 'mentoring.session_confirmed', emailByDefault: false },
  { kind: 'mentoring.action_due', emailByDefault: true },
  { kind: 'bids.partner_added', emailByDefault: true },
  { kind: 'bids.deadline_soon', emailByDefault: true },
  { kind: 'bids.over_limit', emailByDefault: true },
  { kind: 'bids.task_assigned', emailByDefault: true },
  { kind: 'bids.task_due', emailByDefault: true },
  { kind: 'bids.org_invited', emailByDefault: true },
  { kind: 'bids.org_accepted', emailByDefault: true },
  { kind: 'bids.org_declined', emailByDefault: true },
  { kind: 'bids.show_name_choice', emailByDefault: false },
  { kind: 'notices.response', emailByDefault: true },
  { kind: 'notices.comment', emailByDefault: true },
  { kind: 'notices.expiring', emailByDefault: true },
  { kind: 'notices.hidden', emailByDefault: true },
  { kind: 'notices.restored', emailByDefault: true },
  { kind: 'notices.reported', emailByDefault: true, stewardsOnly: true },
  { kind: 'governance.opened', emailByDefault: true },
  { kind: 'governance.closing_soon', emailByDefault: true },
  { kind: 'governance.outcome', emailByDefault: true },
  { kind: 'governance.amended', emailByDefault: true },
  { kind: 'governance.reopened', emailByDefault: true },
  { kind: 'governance.review_due', emailByDefault: true },
  { kind: 'governance.director_term_ending', emailByDefault: true },
  // Seed fund decisions (funding2: award letters and feedback).
  { kind: 'funding.awarded', emailByDefault: true },
  { kind: 'funding.not_funded', emailByDefault: true },
  { kind: 'funding.report_due', emailByDefault: true },
  { kind: 'funding.vote_open', emailByDefault: true },
  { kind: 'funding.question_waiting', emailByDefault: true },
  { kind: 'funding.question_answered', emailByDefault: true },
  // Seed fund: host organisations and co-applicants (fundslots)
  { kind: 'funding.host_request', emailByDefault: true },
  { kind: 'funding.host_accepted', emailByDefault: true },
  { kind: 'funding.host_declined', emailByDefault: true },
  { kind: 'funding.co_applicant_request', emailByDefault: true },
  { kind: 'funding.co_applicant_confirmed', emailByDefault: true },
  { kind: 'funding.co_applicant_declined', emailByDefault: true },
  // Seed fund: conversations before applying (fundslots)
  { kind: 'funding.slot_booked', emailByDefault: true },
  { kind: 'funding.slot_cancelled', emailByDefault: true },
  { kind: 'funding.slot_reminder', emailByDefault: true },
];

/** i18n key prefix for a kind's texts: `bids.deadline_soon` → `bids.notifications.deadline_soon`. */
export function kindTextKey(kind: string): string {
  const dot = kind.indexOf('.');
  return `${kind.slice(0, dot)}.notifications.${kind.slice(dot + 1)}`;
}
