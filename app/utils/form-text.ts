/**
 * Line breaks in submitted text made LF. A browser counts a textarea's line break as one character
 * for `maxlength` (HTML's "API value", LF) but sends it as CR LF when it submits the form itself
 * (without JavaScript), so a text the box accepted was refused as too long, or cut, by the same limit
 * on the server, and stored text held two kinds of line break. Files are left as they are.
 */
export function withLf<P extends FormData | URLSearchParams>(payload: P): P {
  let crlf = false;
  for (const [, value] of payload) if (typeof value === 'string' && value.includes('\r')) crlf = true;
  if (!crlf) return payload;
  const out = (payload instanceof FormData ? new FormData() : new URLSearchParams()) as P;
  for (const [name, value] of payload) {
    if (typeof value === 'string') out.append(name, value.replace(/\r\n?/g, '\n'));
    else (out as FormData).append(name, value);
  }
  return out;
}
