import { describe, expect, it } from 'vitest';
import { authorize, can } from './index';
import type { FundGrantSubject, FundReportSubject } from './funding';

const grantee = { id: 'grantee', role: 'member' as const };
const panelMember = { id: 'panel', role: 'member' as const };
const steward = { id: 'steward', role: 'steward' as const };

const running: FundGrantSubject = { isGrantee: false, closed: false };
const asGrantee: FundGrantSubject = { isGrantee: true, closed: false };
const report = (s: FundGrantSubject, over: Partial<FundReportSubject> = {}): FundReportSubject => ({ ...s, kind: 'end', submitted: false, ...over });

function status(f: () => void): number {
  try {
    f();
  } catch (e) {
    return (e as Response).status;
  }
  return 200;
}

describe('seed fund money and reports (issue 14 items 8–9)', () => {
  it('a grant and its reports do not exist for anyone but stewards and the grantee — the panel included', () => {
    expect(status(() => authorize(panelMember, 'fundAward.view', running))).toBe(404);
    expect(status(() => authorize(panelMember, 'fundReport.view', report(running)))).toBe(404);
    expect(status(() => authorize(null, 'fundReport.view', report(running)))).toBe(404);
    expect(can(grantee, 'fundAward.view', asGrantee)).toBe(true);
    expect(can(steward, 'fundReport.view', report(running))).toBe(true);
  });
  it('only stewards record payments and set due dates; the grantee is refused (403)', () => {
    expect(status(() => authorize(grantee, 'fundAward.recordPayment', asGrantee))).toBe(403);
    expect(status(() => authorize(grantee, 'fundAward.setDueDates', asGrantee))).toBe(403);
    expect(can(steward, 'fundAward.recordPayment', running)).toBe(true);
    expect(can(steward, 'fundAward.setDueDates', { ...running, closed: true })).toBe(false);
  });
  it('only the grantee writes a report, until it is sent; a grant closed early takes no mid-point report', () => {
    expect(can(grantee, 'fundReport.write', report(asGrantee))).toBe(true);
    expect(status(() => authorize(steward, 'fundReport.write', report(running)))).toBe(403);
    expect(can(grantee, 'fundReport.write', report(asGrantee, { submitted: true }))).toBe(false);
    expect(can(grantee, 'fundReport.write', report({ ...asGrantee, closed: true }, { kind: 'mid' }))).toBe(false);
  });
});
