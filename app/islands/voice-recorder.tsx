import type { ComponentProps } from 'react';
import { VoiceRecorder } from '~/ui/voice-recorder';

export const ISLAND_ATTRIBUTE = 'data-island';
/** On the island's element when the server sent the form back with errors (its note may be restored). */
export const SENT_BACK_ATTRIBUTE = 'data-sent-back';
export type VoiceRecorderProps = Omit<ComponentProps<typeof VoiceRecorder>, 'initialFile'>;

/**
 * The voice recorder on a page that ships no app JavaScript: rendered here as plain HTML (a file input,
 * enough without JavaScript), brought to life by the `voice-recorder` island script
 * (voice-recorder.client.tsx). The page's route says `handle.islands: ['voice-recorder']`.
 * `sentBack`: this page answers a form sent with errors, so the note the person had made is put back
 * (not when the note itself was refused: it would only be refused again).
 */
export function VoiceRecorderIsland({ sentBack, ...props }: VoiceRecorderProps & { sentBack?: boolean }) {
  return (
    <div {...{ [ISLAND_ATTRIBUTE]: 'voice-recorder', [SENT_BACK_ATTRIBUTE]: sentBack ? 'true' : undefined }} data-props={JSON.stringify(props)}>
      <VoiceRecorder {...props} />
    </div>
  );
}
