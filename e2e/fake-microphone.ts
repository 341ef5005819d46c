import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A 16-bit mono PCM WAV (RIFF, WAVE_FORMAT_PCM): 220 Hz with a 4 Hz "syllable" envelope. */
export function voiceLikeWav(seconds: number): Buffer {
  const rate = 48_000;
  const samples = rate * seconds;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) {
    const t = i / rate;
    const envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t);
    data.writeInt16LE(Math.round(12_000 * envelope * Math.sin(2 * Math.PI * 220 * t)), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/**
 * Playwright options for a phone whose microphone is real to the page: Chromium's fake capture device
 * plays a voice-like WAV written when the spec loads (before the browser is launched with it), and
 * grants the permission without a prompt. MediaRecorder then records it as it would a person.
 */
export function phoneWithMicrophone(viewport: { width: number; height: number }, seconds = 4) {
  const microphone = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nomi-mic-')), 'voice.wav');
  fs.writeFileSync(microphone, voiceLikeWav(seconds));
  return {
    viewport,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${microphone}`,
      ],
    },
  };
}
