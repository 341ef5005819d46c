/**
 * CSV with every field quoted. A field that a spreadsheet would read as a formula (= + - @, tab,
 * carriage return) is prefixed with an apostrophe, so a member's text can never run in Excel.
 */
export function csvField(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

export function toCsv(rows: (string | number | null | undefined)[][]): string {
  // A byte-order mark so spreadsheet programs read Arabic, Farsi, Urdu, Polish and Romanian names correctly.
  return '\uFEFF' + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
