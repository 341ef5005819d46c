import type { ComponentProps } from 'react';
import { VoiceRecorder } from '~/ui/voice-recorder';

export const ISLAND_ATTRIBUTE = 'data-island';
export type VoiceRecorderProps = ComponentProps<typeof VoiceRecorder>;

/**
 * The voice recorder on a page that ships no app JavaScript: rendered here as plain HTML (a file input,
 * enough without JavaScript), brought to life by the `voice-recorder` island script
 * (voice-recorder.client.tsx). The page's route says `handle.islands: ['voice-recorder']`.
 */
export function VoiceRecorderIsland(props: VoiceRecorderProps) {
  return (
    <div {...{ [ISLAND_ATTRIBUTE]: 'voice-recorder' }} data-props={JSON.stringify(props)}>
      <VoiceRecorder {...props} />
    </div>
  );
}
