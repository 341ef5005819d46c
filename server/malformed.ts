import type { NextFunction, Request, Response } from 'express';
import type { ServerBuild } from '@remix-run/node';
import { withLf } from '../app/utils/form-text';

/**
 * Malformed requests are the client's fault and get a 4xx answer, in one place for every route,
 * instead of a 500 and an "unhandled error" in the log from whichever action first touches the body:
 *   - a body that is not a form (JSON, XML, no type at all) → 415: every action here reads forms;
 *   - `multipart/form-data` without a usable boundary → 400;
 *   - a form body the parser cannot read (broken multipart) → 400, via `guardBuild` below.
 * And every form's text reaches actions with LF line breaks (app/utils/form-text.ts).
 */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const BOUNDARY = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i;

export function formBodiesOnly(req: Request, res: Response, next: NextFunction) {
  if (SAFE_METHODS.has(req.method)) return next();
  const length = req.get('content-length');
  const hasBody = req.get('transfer-encoding') !== undefined || (length !== undefined && length !== '0');
  if (!hasBody) return next();
  const header = req.get('content-type') ?? '';
  const type = header.split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return next();
  if (type === 'multipart/form-data') {
    if (BOUNDARY.test(header)) return next();
    return res.status(400).type('text/plain').send('Malformed form: multipart without a boundary.');
  }
  return res.status(415).set('Accept', 'application/x-www-form-urlencoded, multipart/form-data').type('text/plain').send('Send a form.');
}

const malformed = () => new Response('Malformed form.', { status: 400, headers: { 'Content-Type': 'text/plain' } });

/** Headers built from request input that still hold CR/LF (undici refuses them with a TypeError). */
function isBadHeaderValue(error: unknown): boolean {
  return error instanceof TypeError && /header (value|name)/i.test(error.message);
}

/**
 * Wraps every route's action so that a body the form parser cannot read is a 400, not an unhandled
 * error: `request.formData()` is replaced, for that one request, by a version that throws a 400 Response
 * (and gives text fields LF line breaks, as the browser counted them).
 * Route code does not change; a route that parses its own body (uploads) already answers 400/413.
 */
export function guardBuild(build: ServerBuild): ServerBuild {
  const routes: ServerBuild['routes'] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const action = route.module.action;
    if (!action) {
      routes[id] = route;
      continue;
    }
    const guarded: typeof action = async (args) => {
      const original = args.request.formData.bind(args.request);
      Object.defineProperty(args.request, 'formData', {
        configurable: true,
        value: async () => {
          try {
            return withLf(await original());
          } catch (error) {
            if (error instanceof Response) throw error;
            throw malformed();
          }
        },
      });
      try {
        return await action(args);
      } catch (error) {
        if (isBadHeaderValue(error)) throw malformed();
        throw error;
      }
    };
    routes[id] = { ...route, module: { ...route.module, action: guarded } };
  }
  return { ...build, routes };
}
