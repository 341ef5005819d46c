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
] satisfies Entry[];
