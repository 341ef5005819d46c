import { describe, expect, it } from 'vitest';
import { makeMember } from '../../../test/factories';
import { ProfileSchema } from './directory.schema';
import { saveProfile } from './profiles.server';
import { PICKER_LIMIT, memberPickerOptions } from './member-picker.server';

describe('member picker choices', () => {
  it('finds allowed members by name, city or language name, never those not allowed, and keeps the chosen one', async () => {
    const stamp = Date.now();
    const allowed = [];
    for (let i = 0; i < 3; i++) {
      const m = await makeMember({ name: `Pick Wolves ${stamp} ${i}` });
      await saveProfile(m.id, ProfileSchema.parse({ city: 'wolverhampton', languages: ['ro'] }));
      allowed.push({ id: m.id, name: m.name });
    }
    const onBidAlready = await makeMember({ name: `Pick Wolves ${stamp} taken` });
    await saveProfile(onBidAlready.id, ProfileSchema.parse({ city: 'wolverhampton', languages: ['ro'] }));

    const byName = await memberPickerOptions(`Wolves ${stamp}`, allowed);
    expect(byName.options.map((o) => o.name).sort()).toEqual(allowed.map((a) => a.name).sort());
    expect(byName.options.every((o) => o.city === 'wolverhampton')).toBe(true);
    for (const q of ['Wolverhampton', 'رومانیایی', 'rumuński']) {
      const ids = (await memberPickerOptions(q, allowed)).options.map((o) => o.id);
      expect(ids, q).not.toContain(onBidAlready.id);
      expect(ids, q).toEqual(expect.arrayContaining(allowed.map((a) => a.id)));
    }
    const none = await memberPickerOptions('zzzzqqq', allowed, allowed[2]!.id);
    expect(none.options.map((o) => o.id)).toEqual([allowed[2]!.id]);
    const empty = await memberPickerOptions('', allowed);
    expect(empty.options).toHaveLength(Math.min(PICKER_LIMIT, allowed.length));
  });
});
