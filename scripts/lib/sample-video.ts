import path from 'node:path';

/**
 * The demo's sample video: six seconds of a clock counting up (240×360, VP9 in MP4, about 125 KB),
 * made by test/helpers/make-demo-video.ts with the browser tests' video code.
 */
export const SAMPLE_VIDEO = path.join(__dirname, 'sample-video.mp4');
