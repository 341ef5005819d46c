import { Fragment, type ReactNode } from 'react';

/**
 * Puts values into a translated sentence, each inside <bdi>, so a name in another script (an English
 * name in a Farsi sentence, an Arabic name in an English one) cannot reorder the text around it: the
 * brackets and punctuation of the sentence follow the sentence's own direction (UAX #9 isolates).
 * The sentence names its values as `{{name}}`; unknown names are left as written.
 */
export function withIsolates(text: string, values: Record<string, ReactNode>): ReactNode[] {
  return text.split(/(\{\{\w+\}\})/).map((piece, i) => {
    const name = /^\{\{(\w+)\}\}$/.exec(piece)?.[1];
    if (name && Object.hasOwn(values, name)) return <bdi key={i}>{values[name]}</bdi>;
    return <Fragment key={i}>{piece}</Fragment>;
  });
}

/** The names in `common.footer.about`: proper names, never translated. */
export const FOOTER_NAMES = { product: 'NOMI Workspace', network: 'Network of Migrant Innovators' } as const;
