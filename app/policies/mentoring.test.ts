import { describe, expect, it } from 'vitest';
import { abilitiesFor, authorize, can } from './index';
import type { MentoringSessionSubject, MentorshipSubject } from './mentoring';

const mentor = { id: 'mentor', role: 'member' as const };
const mentee = { id: 'mentee', role: 'member' as const };
const stranger = { id: 'stranger', role: 'member' as const };
const steward = { id: 'steward', role: 'steward' as const };

const pair: MentorshipSubject = { mentorId: 'mentor', menteeId: 'mentee', status: 'active' };
const now = Date.parse('2026-12-02T12:00:00Z');
const session: MentoringSessionSubject = { ...pair, authorId: 'mentor', confirmedAt: null, createdAt: now - 1000, now };

function status(f: () => void): number {
  try {
    f();
  } catch (e) {
    return (e as Response).status;
  }
  return 200;
}

describe('mentoring policy', () => {
  it('shows a mentorship and its notes to its two people only — 404 to the wrong member, a steward and a visitor', () => {
    for (const who of [mentor, mentee]) {
      expect(status(() => authorize(who, 'mentorship.read', pair))).toBe(200);
      expect(can(who, 'mentoringSession.readNotes', session)).toBe(true);
    }
    for (const who of [stranger, steward, null]) {
      expect(status(() => authorize(who, 'mentorship.read', pair))).toBe(404);
      expect(status(() => authorize(who, 'mentoringSession.read', session))).toBe(404);
      // The steward pairs members and reads the report, but a pair's notes stay private to the pair.
      expect(status(() => authorize(who, 'mentoringSession.readNotes', session))).toBe(404);
      expect(can(who, 'mentoringGoal.add', pair)).toBe(false);
      expect(can(who, 'mentoringAction.tick', pair)).toBe(false);
    }
  });

  it('lets only the other side confirm, once, and only the author edit within 30 days of an open mentorship', () => {
    expect(abilitiesFor(mentee, session, ['mentoringSession.confirm', 'mentoringSession.edit'])).toEqual({ 'mentoringSession.confirm': true, 'mentoringSession.edit': false });
    expect(abilitiesFor(mentor, session, ['mentoringSession.confirm', 'mentoringSession.edit'])).toEqual({ 'mentoringSession.confirm': false, 'mentoringSession.edit': true });
    expect(can(mentee, 'mentoringSession.confirm', { ...session, confirmedAt: now })).toBe(false);
    expect(can(steward, 'mentoringSession.confirm', session)).toBe(false);
    expect(can(mentor, 'mentoringSession.edit', { ...session, createdAt: now - 31 * 24 * 3600_000 })).toBe(false);
    expect(can(mentor, 'mentoringSession.edit', { ...session, status: 'closed' })).toBe(false);
  });

  it('allows writing only while the mentorship runs, answering only to the mentor', () => {
    for (const s of ['requested', 'closed', 'declined'] as const) expect(can(mentor, 'mentoringSession.log', { ...pair, status: s })).toBe(false);
    expect(can(mentee, 'mentoringSession.log', { ...pair, status: 'paused' })).toBe(true);
    expect(can(mentor, 'mentorship.respond', pair)).toBe(true);
    expect(can(mentee, 'mentorship.respond', pair)).toBe(false);
  });

  it('keeps pairing and the report to stewards, and a record to its owner', () => {
    expect(status(() => authorize(mentor, 'mentorship.pair'))).toBe(403);
    expect(status(() => authorize(mentor, 'mentoringReport.read'))).toBe(403);
    expect(status(() => authorize(mentor, 'mentoringReport.export'))).toBe(403);
    expect(status(() => authorize(steward, 'mentoringReport.export'))).toBe(200);
    expect(status(() => authorize(steward, 'mentoringRecord.read', { ownerId: 'mentee' }))).toBe(404);
    expect(status(() => authorize(mentee, 'mentoringRecord.read', { ownerId: 'mentee' }))).toBe(200);
  });
});
