/** Date-field helpers for governance forms (no zod: safe to use in route components). */
export function dateInputToMs(v: string): number {
  return Date.parse(`${v}T12:00:00Z`);
}
export function msToDateInput(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
