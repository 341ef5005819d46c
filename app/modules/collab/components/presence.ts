/** Caret/avatar colours with at least 4.5:1 contrast against white text. */
const COLOURS = ['#8a3ffc', '#0f62fe', '#007d79', '#b2560a', '#a2191f', '#6f4b00', '#005d5d', '#9f1853', '#1d6b2f', '#4d5358'];

export function colourFor(userId: string): string {
  let h = 0;
  for (let i = 0; i < userId.length; i++) h = (h * 31 + userId.charCodeAt(i)) >>> 0;
  return COLOURS[h % COLOURS.length]!;
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/u).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]!, parts[parts.length - 1]!] : parts.slice(0, 1);
  return letters
    .map((p) => Array.from(p)[0] ?? '')
    .join('')
    .toLocaleUpperCase();
}

export interface PresentUser {
  id: string;
  name: string;
  color: string;
}

/** One entry per person (a person may have several tabs or fields open), from awareness states. */
export function presentUsers(states: Iterable<Record<string, unknown>>): PresentUser[] {
  const byId = new Map<string, PresentUser>();
  for (const state of states) {
    const user = state.user as Partial<PresentUser> | undefined;
    if (!user || typeof user.id !== 'string' || typeof user.name !== 'string') continue;
    if (!byId.has(user.id)) byId.set(user.id, { id: user.id, name: user.name, color: typeof user.color === 'string' ? user.color : colourFor(user.id) });
  }
  return [...byId.values()];
}
