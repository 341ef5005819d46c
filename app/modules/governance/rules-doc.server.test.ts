import { describe, expect, it } from 'vitest';
import { DECISION_KINDS } from './tally';
import { rulesDoc } from './rules-doc.server';

describe('docs/governance-rules.md ("how was this counted?")', () => {
  it('has a section for every kind of decision, which the result pages link to by anchor', () => {
    const { blocks } = rulesDoc();
    const ids = blocks.flatMap((b) => (b.type === 'h2' ? [b.id] : []));
    for (const kind of DECISION_KINDS) expect(ids).toContain(kind);
  });

  it('cites the law each rule follows', () => {
    const text = JSON.stringify(rulesDoc());
    for (const cite of ['SSI 2007/42', '49(2)', '51(2)', 's297', 's291', 's296(3)', 's324', 's318', 's282', 's283']) expect(text).toContain(cite);
  });
});
