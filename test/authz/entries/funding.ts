/**
 * The seed fund (issue 14). Rounds are seen by members once open (drafts only by stewards); an application
 * by its applicants, the round's panel and stewards; a draft only by its applicant. Someone else's
 * application by URL is a 404, as if it did not exist.
 */
import type { Entry } from '../types';

const members = { visitor: 'login', outsider: 200, right: 200, steward: 200 } as const;

export default [
  {
    route: 'routes/funds._index',
    cases: [{ path: () => '/funds', get: members, post: [{ name: 'a visitor sets a profile flag', body: () => ({ intent: 'livedExperience', value: 'yes' }), expect: { visitor: 'login' } }] }],
  },
  {
    route: 'routes/funds.new',
    cases: [
      {
        path: () => '/funds/new',
        get: { visitor: 'login', outsider: 403, right: 403, steward: 200 },
        post: [{ name: 'a member creates a round', body: () => ({ name: 'My own fund', pot: '100000' }), expect: { visitor: 'login', outsider: 403, right: 403 } }],
      },
    ],
  },
  {
    route: 'routes/funds.$id._index',
    cases: [
      {
        name: 'an open round',
        path: (w) => `/funds/${w.ids.fundRound}`,
        right: 'ioana',
        get: members,
        post: [{ name: 'a member opens a round', body: () => ({ intent: 'open' }), expect: { visitor: 'login', outsider: 403 } }],
      },
      {
        name: 'a round in review',
        path: (w) => `/funds/${w.ids.fundReviewRound}`,
        right: 'mentor1',
        get: members,
        post: [{ name: 'a panel member opens review', body: () => ({ intent: 'openReview' }), expect: { visitor: 'login', outsider: 403, right: 403 } }],
      },
      { name: 'no such round', path: () => '/funds/nothing-here', get: { visitor: 'login', outsider: 404, steward: 404 } },
    ],
  },
  {
    route: 'routes/funds.applications.$appId',
    cases: [
      {
        name: 'a submitted application',
        path: (w) => `/funds/applications/${w.ids.fundApplication}`,
        right: 'ioana',
        get: { visitor: 'login', outsider: 404, right: 200, steward: 200 },
        post: [{ name: 'someone else withdraws it', body: () => ({ intent: 'withdraw' }), expect: { visitor: 'login', outsider: 404 } }],
      },
      {
        name: "a member's draft",
        path: (w) => `/funds/applications/${w.ids.fundDraft}`,
        right: 'mariam',
        get: { visitor: 'login', outsider: 404, right: 200, steward: 404 },
      },
    ],
  },
  {
    route: 'routes/funds.$id.review',
    cases: [
      { name: 'the panel of a round in review', path: (w) => `/funds/${w.ids.fundReviewRound}/review`, right: 'mentor1', get: { visitor: 'login', outsider: 403, right: 200, steward: 200 } },
      { name: 'an applicant in that round', path: (w) => `/funds/${w.ids.fundReviewRound}/review`, right: 'piotr', get: { right: 403 } },
      // Review has not opened yet (applications still open): not even the panel sees the list.
      { name: 'a round still taking applications', path: (w) => `/funds/${w.ids.fundRound}/review`, right: 'mentor1', get: { outsider: 403, right: 403, steward: 403 } },
      { name: 'no such round', path: () => '/funds/nothing-here/review', get: { outsider: 404, steward: 404 } },
    ],
  },
  {
    route: 'routes/funds.applications.$appId_.review',
    cases: [
      {
        name: 'a reviewer who has scored',
        path: (w) => `/funds/applications/${w.ids.fundReviewApplication}/review`,
        right: 'mentor1',
        get: { visitor: 'login', outsider: 404, right: 200, steward: 200 },
        post: [
          { name: 'someone off the panel scores', body: () => ({ intent: 'score', 'score.c1': '5', 'comment.c1': 'x', 'score.c2': '5', 'comment.c2': 'x' }), expect: { visitor: 'login', outsider: 404 } },
          { name: 'a score outside 1–5', body: () => ({ intent: 'score', 'score.c1': '9', 'comment.c1': 'x', 'score.c2': '5', 'comment.c2': 'x' }), expect: { right: 400 } },
          { name: 'a score without a comment', body: () => ({ intent: 'score', 'score.c1': '3', 'comment.c1': ' ', 'score.c2': '5', 'comment.c2': 'x' }), expect: { right: 400 } },
        ],
      },
      {
        name: 'the applicant',
        path: (w) => `/funds/applications/${w.ids.fundReviewApplication}/review`,
        right: 'piotr',
        get: { right: 403 },
        post: [{ name: 'the applicant scores their own', body: () => ({ intent: 'score', 'score.c1': '5', 'comment.c1': 'Great', 'score.c2': '5', 'comment.c2': 'Great' }), expect: { right: 403 } }],
      },
      {
        name: 'a reviewer who declared a conflict',
        path: (w) => `/funds/applications/${w.ids.fundReviewApplication}/review`,
        right: 'mentor2',
        get: { right: 200 },
        post: [{ name: 'scoring a declared conflict', body: () => ({ intent: 'score', 'score.c1': '5', 'comment.c1': 'Great', 'score.c2': '5', 'comment.c2': 'Great' }), expect: { right: 403 } }],
      },
      {
        name: 'a reviewer who has not scored',
        path: (w) => `/funds/applications/${w.ids.fundReviewApplication}/review`,
        right: 'mentor3',
        get: { right: 200 },
      },
    ],
  },
  {
    route: 'routes/funds.$id.decide',
    cases: [
      {
        name: 'a panel-decided round in review',
        path: (w) => `/funds/${w.ids.fundReviewRound}/decide`,
        right: 'mentor1',
        get: { visitor: 'login', outsider: 403, right: 403, steward: 200 },
        post: [{ name: 'a panel member confirms the awards', body: () => ({ intent: 'confirm' }), expect: { visitor: 'login', outsider: 403, right: 403 } }],
      },
    ],
  },
  // Award letters (funding2): the applicants of a funded application and the stewards; the lead alone accepts.
  {
    route: 'routes/funds.applications.$appId_.award',
    cases: [
      {
        name: 'the award letter of a funded application',
        path: (w) => `/funds/applications/${w.ids.fundAwarded}/award`,
        right: 'ioana',
        get: { visitor: 'login', outsider: 404, right: 200, steward: 200 },
        post: [
          { name: 'someone else accepts it', body: () => ({ intent: 'accept' }), expect: { visitor: 'login', outsider: 404, steward: 403 } },
          { name: 'an unknown intent', body: () => ({ intent: 'refuse' }), expect: { right: 400 } },
        ],
      },
      {
        name: 'a reviewer who scored it',
        path: (w) => `/funds/applications/${w.ids.fundAwarded}/award`,
        right: 'mentor1',
        get: { right: 404 },
        post: [{ name: 'a reviewer accepts it', body: () => ({ intent: 'accept' }), expect: { right: 404 } }],
      },
      {
        name: 'an application that was not funded',
        path: (w) => `/funds/applications/${w.ids.fundNotAwarded}/award`,
        right: 'mariam',
        get: { visitor: 'login', outsider: 404, right: 404, steward: 404 },
        post: [{ name: 'accepting an award that does not exist', body: () => ({ intent: 'accept' }), expect: { right: 404 } }],
      },
    ],
  },
  {
    route: 'routes/funds.applications.$appId_.award[.]pdf',
    cases: [
      { name: 'the award letter as a PDF', path: (w) => `/funds/applications/${w.ids.fundAwarded}/award.pdf`, right: 'ioana', get: { visitor: 'login', outsider: 404, right: 200, steward: 200 } },
      { name: 'a reviewer asks for the PDF', path: (w) => `/funds/applications/${w.ids.fundAwarded}/award.pdf`, right: 'mentor1', get: { right: 404 } },
      { name: 'no award, no letter', path: (w) => `/funds/applications/${w.ids.fundNotAwarded}/award.pdf`, right: 'mariam', get: { right: 404, steward: 404 } },
    ],
  },
  // Members' vote (fundvote): every member sees the ballot and the result, each project only by its
  // public summary; only the frozen electorate votes, nobody approves their own project, only stewards
  // open, close and confirm.
  {
    route: 'routes/funds.$id.vote',
    cases: [
      {
        name: 'an open vote (the outsider joined after it opened)',
        path: (w) => `/funds/${w.ids.fundVoteOpenRound}/vote`,
        right: 'yonas',
        get: members,
        post: [
          { name: 'a member outside the frozen electorate votes', body: (w) => ({ intent: 'vote', token: 'AAAAAAAAAAAAAAAAAAAAAA', approve: w.ids.fundVoteOpenRound }), expect: { visitor: 'login', outsider: 403 } },
          { name: 'an applicant approves their own project (refused, nothing stored)', body: (w) => ({ intent: 'vote', token: 'CCCCCCCCCCCCCCCCCCCCCC', approve: w.ids.fundVoteApplication }), expect: { right: 400 } },
          { name: 'an applicant approves a project that is not on the ballot', body: () => ({ intent: 'vote', token: 'BBBBBBBBBBBBBBBBBBBBBB', approve: 'not-a-project' }), expect: { right: 400 } },
          { name: 'a member closes the vote', body: () => ({ intent: 'close' }), expect: { visitor: 'login', outsider: 403, right: 403 } },
          { name: 'a steward closes it before its closing time', body: () => ({ intent: 'close' }), expect: { steward: 403 } },
          { name: 'a member opens a second vote', body: () => ({ intent: 'open', closes: '2099-01-01' }), expect: { outsider: 403, right: 403, steward: 403 } },
          { name: 'an unknown intent', body: () => ({ intent: 'nonsense' }), expect: { right: 400 } },
        ],
      },
      { name: 'a panel-decided round has no vote', path: (w) => `/funds/${w.ids.fundReviewRound}/vote`, get: { visitor: 'login', outsider: 404, steward: 404 } },
      { name: 'no such round', path: () => '/funds/nothing-here/vote', get: { outsider: 404, steward: 404 } },
    ],
  },
  {
    route: 'routes/funds.$id.result',
    cases: [
      {
        name: 'a decided vote',
        path: (w) => `/funds/${w.ids.fundVoteRound}/result`,
        right: 'amina',
        get: members,
        post: [{ name: 'a member confirms the awards again', body: () => ({ intent: 'confirm' }), expect: { visitor: 'login', outsider: 403, right: 403, steward: 403 } }],
      },
      { name: 'a vote still open', path: (w) => `/funds/${w.ids.fundVoteOpenRound}/result`, right: 'yonas', get: { visitor: 'login', outsider: 403, right: 403, steward: 403 } },
      { name: 'no such round', path: () => '/funds/nothing-here/result', get: { outsider: 404, steward: 404 } },
    ],
  },
  {
    route: 'routes/funds.$id.ballots[.]pb',
    cases: [
      { name: 'the ballots of a counted vote', path: (w) => `/funds/${w.ids.fundVoteRound}/ballots.pb`, get: members },
      { name: 'the ballots of a vote still open', path: (w) => `/funds/${w.ids.fundVoteOpenRound}/ballots.pb`, right: 'yonas', get: { visitor: 'login', outsider: 403, right: 403, steward: 403 } },
    ],
  },
  // Money and reports (fundmoney): a grant's payments, reports and their files are seen by stewards and the
  // grantee only; to anyone else — the round's panel included — the grant does not exist (404).
  {
    route: 'routes/funds.grants.$appId',
    cases: [
      {
        name: "amina's grant",
        path: (w) => `/funds/grants/${w.ids.fundGrant}`,
        right: 'amina',
        get: { visitor: 'login', outsider: 404, right: 200, steward: 200 },
        post: [
          { name: 'the grantee records a payment to herself', body: () => ({ intent: 'pay', amount: '1', paidOn: '2026-01-01', reference: 'x', paidTo: 'grantee' }), expect: { visitor: 'login', outsider: 404, right: 403 } },
          { name: 'the grantee moves her due dates', body: () => ({ intent: 'dueDates', mid: '2030-01-01', end: '2030-06-01' }), expect: { visitor: 'login', outsider: 404, right: 403 } },
          { name: 'an overpayment', body: () => ({ intent: 'pay', amount: '1', paidOn: '2026-01-01', reference: 'x', paidTo: 'host' }), expect: { steward: 400 } },
        ],
      },
      { name: 'a panel member of that round', path: (w) => `/funds/grants/${w.ids.fundGrant}`, right: 'mentor1', get: { right: 404 } },
      { name: 'no such grant', path: () => '/funds/grants/nothing-here', get: { outsider: 404, steward: 404 } },
    ],
  },
  {
    route: 'routes/funds.grants.$appId_.reports.$kind',
    cases: [
      {
        name: "amina's end report (sent)",
        path: (w) => `/funds/grants/${w.ids.fundGrant}/reports/end`,
        right: 'amina',
        get: { visitor: 'login', outsider: 404, right: 200, steward: 200 },
        post: [
          { name: 'writing into a sent report', body: () => ({ intent: 'submit', happened: 'changed' }), expect: { visitor: 'login', outsider: 404, right: 403, steward: 403 } },
        ],
      },
      { name: 'a panel member of that round', path: (w) => `/funds/grants/${w.ids.fundGrant}/reports/end`, right: 'mentor1', get: { right: 404 }, post: [{ name: 'the panel writes a report', body: () => ({ intent: 'save', happened: 'x' }), expect: { right: 404 } }] },
      { name: 'no such kind of report', path: (w) => `/funds/grants/${w.ids.fundGrant}/reports/final`, get: { outsider: 404, right: 404, steward: 404 } },
    ],
  },
  {
    route: 'routes/funds.grants.$appId_.reports.$kind_.files.$fileId',
    cases: [
      {
        name: "a photo in amina's end report",
        path: (w) => `/funds/grants/${w.ids.fundGrant}/reports/end/files/${w.ids.fundGrantPhoto}?view=1`,
        right: 'amina',
        get: { visitor: 'login', outsider: 404, right: 200, steward: 200 },
      },
      { name: 'the same photo under the mid-point report', path: (w) => `/funds/grants/${w.ids.fundGrant}/reports/mid/files/${w.ids.fundGrantPhoto}`, get: { right: 404, steward: 404 } },
      { name: 'a panel member of that round', path: (w) => `/funds/grants/${w.ids.fundGrant}/reports/end/files/${w.ids.fundGrantPhoto}`, right: 'mentor1', get: { right: 404 } },
    ],
  },
  // Host organisations (fundslots): only members of the named host organisation see the request, and
  // never the group's answers (the canary below).
  {
    route: 'routes/funds.host.$appId',
    cases: [
      {
        name: "a group's request to its host organisation",
        path: (w) => `/funds/host/${w.ids.fundHostApplication}`,
        right: 'amina',
        get: { visitor: 'login', outsider: 404, right: 200, steward: 404 },
        post: [
          { name: 'someone outside the host organisation accepts', body: () => ({ intent: 'accept' }), expect: { visitor: 'login', outsider: 404, steward: 404 } },
          { name: 'a malformed answer from the host', body: () => ({ intent: 'maybe' }), expect: { right: 400 } },
        ],
      },
      { name: 'an application that names no host', path: (w) => `/funds/host/${w.ids.fundApplication}`, right: 'ioana', get: { outsider: 404, right: 404, steward: 404 } },
    ],
  },
  // Conversations before applying (fundslots): any member sees free times; a booking's people and note
  // are for its host (tariq), its booker (yonas) and stewards; panel members do not book.
  {
    route: 'routes/funds.$id.conversations',
    cases: [
      {
        name: 'an open round with a booked conversation',
        path: (w) => `/funds/${w.ids.fundRound}/conversations`,
        right: 'yonas',
        get: { visitor: 'login', outsider: 200, right: 200, steward: 200 },
        post: [
          { name: 'a member who is not on the panel offers a time', body: () => ({ intent: 'offer', startsAt: '2099-01-01T10:00', minutes: '20', mode: 'phone' }), expect: { visitor: 'login', outsider: 403, right: 403 } },
          { name: 'someone else cancels the booking', body: (w) => ({ intent: 'cancel', slotId: w.ids.fundSlot }), expect: { visitor: 'login', outsider: 404 } },
          { name: 'someone else removes the time', body: (w) => ({ intent: 'remove', slotId: w.ids.fundSlot }), expect: { outsider: 404, right: 403 } },
          { name: 'a malformed button', body: () => ({ intent: 'cancel' }), expect: { outsider: 400 } },
        ],
      },
      { name: 'a panel member books', path: (w) => `/funds/${w.ids.fundRound}/conversations`, right: 'mentor2', post: [{ name: 'panel member books', body: (w) => ({ intent: 'book', slotId: w.ids.fundSlot }), expect: { right: 403 } }] },
      { name: 'no such round', path: () => '/funds/nothing-here/conversations', get: { outsider: 404, steward: 404 } },
    ],
  },
  {
    route: 'routes/funds.$id.conversations.$slotId[.]ics',
    cases: [
      { name: 'the booker', path: (w) => `/funds/${w.ids.fundRound}/conversations/${w.ids.fundSlot}.ics`, right: 'yonas', get: { visitor: 'login', outsider: 404, right: 200, steward: 404 } },
      { name: 'the host', path: (w) => `/funds/${w.ids.fundRound}/conversations/${w.ids.fundSlot}.ics`, right: 'mentor1', get: { right: 200 } },
      { name: 'no such conversation', path: (w) => `/funds/${w.ids.fundRound}/conversations/nothing.ics`, get: { outsider: 404 } },
    ],
  },
  // Pitch day (fundslots): the steward's screen and the panel's list; scoring a pitch as it happens.
  {
    route: 'routes/funds.$id.pitch',
    cases: [
      {
        name: 'the pitch day of a round in review',
        path: (w) => `/funds/${w.ids.fundReviewRound}/pitch`,
        right: 'mentor1',
        get: { visitor: 'login', outsider: 403, right: 200, steward: 200 },
        post: [
          { name: 'a panel member reorders the pitches', body: (w) => ({ intent: 'up', applicationId: w.ids.fundReviewApplication }), expect: { visitor: 'login', outsider: 403, right: 403 } },
          { name: 'a malformed button', body: () => ({ intent: 'explode' }), expect: { outsider: 403, steward: 400 } },
        ],
      },
      { name: 'an applicant in that round', path: (w) => `/funds/${w.ids.fundReviewRound}/pitch`, right: 'piotr', get: { right: 403 } },
      { name: 'a round still taking applications', path: (w) => `/funds/${w.ids.fundRound}/pitch`, right: 'mentor1', get: { outsider: 403, right: 403 } },
    ],
  },
  {
    route: 'routes/funds.$id.pitch_.$appId',
    cases: [
      {
        name: 'the pitch being given',
        path: (w) => `/funds/${w.ids.fundReviewRound}/pitch/${w.ids.fundReviewApplication}`,
        right: 'mentor3',
        get: { visitor: 'login', outsider: 404, right: 200, steward: 403 },
        post: [{ name: 'someone off the panel scores it', body: () => ({ 'score.c1': '5', 'comment.c1': 'Great', 'score.c2': '5', 'comment.c2': 'Great' }), expect: { visitor: 'login', outsider: 404, steward: 403 } }],
      },
      {
        name: 'a reviewer who declared a conflict',
        path: (w) => `/funds/${w.ids.fundReviewRound}/pitch/${w.ids.fundReviewApplication}`,
        right: 'mentor2',
        get: { right: 403 },
        post: [{ name: 'scoring a pitch despite a declared conflict', body: () => ({ 'score.c1': '5', 'comment.c1': 'Great', 'score.c2': '5', 'comment.c2': 'Great' }), expect: { right: 403 } }],
      },
      { name: 'the applicant', path: (w) => `/funds/${w.ids.fundReviewRound}/pitch/${w.ids.fundReviewApplication}`, right: 'piotr', get: { right: 403 }, post: [{ name: 'the applicant scores their own pitch', body: () => ({ 'score.c1': '5', 'comment.c1': 'Mine', 'score.c2': '5', 'comment.c2': 'Mine' }), expect: { right: 403 } }] },
    ],
  },
  // Evidence for funders and round Q&A (fundevidence). The round report, its files and the 360Giving data
  // are for stewards: a visitor is sent to sign in, a plain member or a panel member is refused.
  {
    route: 'routes/funds.$id.report',
    cases: [
      {
        name: 'a decided round',
        path: (w) => `/funds/${w.ids.fundDecidedRound}/report`,
        right: 'mentor1',
        get: { visitor: 'login', outsider: 403, right: 403, steward: 200 },
        post: [
          { name: 'a member writes the lessons', body: () => ({ intent: 'evidence', lessons: 'Mine now' }), expect: { visitor: 'login', outsider: 403, right: 403 } },
          { name: 'a member changes the 360Giving identifiers', body: () => ({ intent: 'identity', prefix: '360G-evil', orgId: 'X', funderName: 'X' }), expect: { visitor: 'login', outsider: 403 } },
          { name: 'a re-grant without its grant identifier', body: () => ({ intent: 'evidence', sourceFunderName: 'Someone' }), expect: { steward: 400 } },
        ],
      },
      { name: 'no such round', path: () => '/funds/nothing-here/report', get: { visitor: 'login', outsider: 404, steward: 404 } },
    ],
  },
  {
    route: 'routes/funds.$id.report.$format',
    cases: [
      { name: 'the report as PDF', path: (w) => `/funds/${w.ids.fundDecidedRound}/report/pdf`, right: 'layla', get: { visitor: 'login', outsider: 403, right: 403, steward: 200 } },
      { name: 'the report as CSV', path: (w) => `/funds/${w.ids.fundDecidedRound}/report/csv`, right: 'mentor1', get: { visitor: 'login', outsider: 403, right: 403, steward: 200 } },
      { name: 'another format', path: (w) => `/funds/${w.ids.fundDecidedRound}/report/xlsx`, get: { visitor: 'login', outsider: 404, steward: 404 } },
    ],
  },
  {
    route: 'routes/funds.360giving.$format',
    cases: [
      { name: 'all rounds as JSON', path: () => '/funds/360giving/json', right: 'layla', get: { visitor: 'login', outsider: 403, right: 403, steward: 200 } },
      { name: 'one round as CSV', path: (w) => `/funds/360giving/csv?round=${w.ids.fundDecidedRound}`, right: 'mentor1', get: { visitor: 'login', outsider: 403, right: 403, steward: 200 } },
      { name: 'a round not decided', path: (w) => `/funds/360giving/json?round=${w.ids.fundRound}`, get: { outsider: 403, steward: 404 } },
    ],
  },
  {
    route: 'routes/funds.$id.questions',
    cases: [
      {
        name: 'an open round’s questions',
        path: (w) => `/funds/${w.ids.fundRound}/questions`,
        right: 'layla',
        get: members,
        post: [
          { name: 'a plain member answers', body: () => ({ intent: 'answer', questionId: 'x', publishedQuestion: 'Q', answer: 'A' }), expect: { visitor: 'login', outsider: 403, right: 403 } },
          { name: 'an empty question', body: () => ({ intent: 'ask', question: '   ' }), expect: { right: 400 } },
        ],
      },
      {
        name: 'a decided round’s questions',
        path: (w) => `/funds/${w.ids.fundDecidedRound}/questions`,
        right: 'mentor1',
        get: members,
        post: [
          { name: 'asking after the round closed', body: () => ({ intent: 'ask', question: 'Too late?' }), expect: { visitor: 'login', outsider: 403 } },
          { name: 'answering after the decision', body: () => ({ intent: 'answer', questionId: 'x', publishedQuestion: 'Q', answer: 'A' }), expect: { right: 403, steward: 403 } },
        ],
      },
      { name: 'no such round', path: () => '/funds/nothing-here/questions', get: { outsider: 404, steward: 404 } },
    ],
  },
  // Recorded answers (fundmedia): served to whoever may see the application; the world's answers are written,
  // so even the applicant gets 404 here (e2e/funding-voice.spec.ts plays a real one).
  {
    route: 'routes/funds.applications.$appId_.answers.$questionId',
    cases: [
      {
        name: 'an answer without a recording',
        path: (w) => `/funds/applications/${w.ids.fundApplication}/answers/q1`,
        right: 'ioana',
        get: { visitor: 'login', outsider: 404, right: 404, steward: 404 },
      },
      { name: "a member's draft, by someone else", path: (w) => `/funds/applications/${w.ids.fundDraft}/answers/q1`, right: 'mariam', get: { visitor: 'login', outsider: 404, steward: 404 } },
    ],
  },
] satisfies Entry[];
