/**
 * The governance area's refusal type, in its own file so every governance module (groups, proposals,
 * CIC, records…) can throw it without importing the proposal modules — proposal-lifecycle imports groups.server and
 * would otherwise close an import circle.
 */
/** A refusal the route turns into a 4xx and a message (an i18n key under governance.errors). */
export class GovernanceError extends Error {
  constructor(
    public code:
      | 'not_found'
      | 'not_eligible'
      | 'not_open'
      | 'final'
      | 'invalid'
      | 'reason_required'
      | 'no_proxy'
      | 'proxy_limit'
      | 'forbidden'
      | 'secret_proxy'
      | 'group_name_taken'
      | 'not_reopenable'
      | 'code_required'
      | 'code_unknown'
      | 'code_blocked'
      | 'written_all_members'
      | 'written_proxy',
    public status: 400 | 403 | 404 | 409 | 429,
  ) {
    super(code);
  }
}
