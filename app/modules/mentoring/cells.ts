/**
 * Small-number suppression, shared by the report page (browser) and the server.
 * A cell is withheld (null, shown as "<5") when it counts fewer than SUPPRESS_BELOW things or fewer
 * than SUPPRESS_BELOW distinct people stand behind it.
 */
export const SUPPRESS_BELOW = 5;

/** A value, or null when suppressed. */
export type Cell = number | null;

export interface Row {
  key: string;
  sessions: Cell;
  hours: Cell;
}

/** A cell as text: the number, or "<5". */
export function cellText(value: Cell): string {
  return value === null ? `<${SUPPRESS_BELOW}` : String(value);
}
