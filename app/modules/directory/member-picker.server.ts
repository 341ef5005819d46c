import { searchMembers } from './search.server';

/** One choice in a MemberPicker (app/ui/member-picker.tsx). */
export interface MemberOption {
  id: string;
  name: string;
  city: string | null;
}

/** How many choices a picker shows at once (a phone screen or two). */
export const PICKER_LIMIT = 12;

/**
 * The choices a member picker shows for what was typed, among the members `allowed` (for example those
 * not yet on a bid). The search is the directory's own (names, skills, city and language names in every
 * UI language, typo correction), so the picker finds people the way the directory does; with nothing
 * typed it lists the first allowed members by name. The chosen member stays listed whatever the query.
 */
export async function memberPickerOptions(
  query: string | null | undefined,
  allowed: ReadonlyArray<{ id: string; name: string; city?: string | null }>,
  selected?: string | null,
): Promise<{ options: MemberOption[]; more: boolean; suggestion: string | null }> {
  const q = (query ?? '').trim().slice(0, 200);
  const byId = new Map(allowed.map((m) => [m.id, m]));
  let options: MemberOption[];
  let more: boolean;
  let suggestion: string | null = null;
  if (q) {
    const found: MemberOption[] = [];
    // The directory's pages of 20, until enough allowed members are found (a few pages at most).
    for (let page = 1; page <= 5 && found.length < PICKER_LIMIT + 1; page++) {
      const result = await searchMembers({ q }, page);
      suggestion ??= result.suggestion ?? null;
      for (const m of result.items) if (byId.has(m.id)) found.push({ id: m.id, name: m.name, city: m.city });
      if (page >= result.pageCount) break;
    }
    more = found.length > PICKER_LIMIT;
    options = found.slice(0, PICKER_LIMIT);
  } else {
    options = allowed.slice(0, PICKER_LIMIT).map((m) => ({ id: m.id, name: m.name, city: m.city ?? null }));
    more = allowed.length > PICKER_LIMIT;
  }
  const chosen = selected ? byId.get(selected) : undefined;
  if (chosen && !options.some((o) => o.id === chosen.id)) options.unshift({ id: chosen.id, name: chosen.name, city: chosen.city ?? null });
  return { options, more, suggestion };
}
