import type * as Docx from 'docx';

/**
 * The docx library, loaded for the first DOCX export rather than at start: it adds ~18 MB to the
 * server's memory and most processes never export to Word between restarts (issue 17, ≤ 150 MB).
 */
let lib: typeof Docx | null = null;

export async function loadDocx(): Promise<typeof Docx> {
  lib ??= await import('docx');
  return lib;
}

/** The loaded library; only for code that runs after `loadDocx()` (toDocx does it first). */
export function docx(): typeof Docx {
  if (!lib) throw new Error('docx used before loadDocx()');
  return lib;
}
