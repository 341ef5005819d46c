import type Sharp from 'sharp';

/**
 * sharp (libvips) loaded on first use: it adds ~20 MB to the server's memory, and most processes never
 * re-encode a picture between restarts (issue 17: ≤ 150 MB after warm-up on a 1 GB server).
 */
let loading: Promise<typeof Sharp> | null = null;

export function loadSharp(): Promise<typeof Sharp> {
  loading ??= import('sharp').then((m) => m.default);
  return loading;
}
