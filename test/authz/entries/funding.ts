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
] satisfies Entry[];
