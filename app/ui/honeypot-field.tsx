/** The honeypot's field name: what remix-utils used, so forms already open in a browser keep working. */
export const HONEYPOT_FIELD = 'name__confirm';

/**
 * Hidden from people (display: none, aria-hidden, out of the tab order) but present for bots that fill
 * every input. Checked by `checkHoneypot` in ~/modules/auth/honeypot.server.
 */
export function HoneypotInputs({ label }: { label: string }) {
  return (
    <div id={`${HONEYPOT_FIELD}_wrap`} style={{ display: 'none' }} aria-hidden="true">
      <label htmlFor={HONEYPOT_FIELD}>{label}</label>
      <input id={HONEYPOT_FIELD} name={HONEYPOT_FIELD} type="text" defaultValue="" autoComplete="off" tabIndex={-1} />
    </div>
  );
}
