/**
 * A real, playable MP4 for browser tests, made with nothing but the Chromium the browser tests
 * already use: Chromium draws a clock on a canvas frame by frame and encodes it with WebCodecs'
 * VideoEncoder as VP9; this file muxes the frames into a plain ISO-BMFF file (ftyp, moov with one
 * `vp09` track, mdat: not fragmented, moov first), whose header states the exact duration.
 *
 * Why VP9 in MP4: MP4 is the container Pinterest takes and the plugin probes; VP9 is royalty-free
 * and in every Chromium build (libvpx), for decoding and encoding, while H.264 depends on how the
 * distribution built Chromium. Why WebCodecs rather than MediaRecorder: MediaRecorder records in
 * real time and stamps frames with the wall clock, so on a busy machine the frame at 3 s reads
 * "2.9"; here frame i is stamped i / fps exactly, so the frame at 3 s shows "3.0", and the whole
 * clip is encoded in about a second. No ffmpeg, no binary fixture in the repository.
 */
import { createFile, MP4BoxBuffer, type Movie } from 'mp4box';
import type { Browser } from 'playwright-core';
import { box, fullBox, u16, u32, u8, videoTrackMoov } from './mp4-boxes';

export const VIDEO_CODEC = 'vp09.00.10.08'; // profile 0, level 1.0, 8-bit

export interface RealVideo {
  bytes: Buffer;
  /** The duration in the file's header, in seconds (frames / fps, exactly). */
  seconds: number;
  fps: number;
  width: number;
  height: number;
  /** The codec string mp4box reads back from the sample entry, e.g. `vp09.00.10.08`. */
  codec: string;
}

interface EncodedClip {
  error?: string;
  codec?: string;
  colorSpace?: {
    primaries?: string | null;
    transfer?: string | null;
    matrix?: string | null;
    fullRange?: boolean | null;
  } | null;
  sizes?: number[];
  keys?: boolean[];
  timestamps?: number[];
  base64?: string;
}

/**
 * Runs in the page, as plain JavaScript (a string, so no test-transpiler helper leaks into it).
 * Frame i shows the time i / fps with one decimal, a progress bar, and a background colour that
 * changes every second; a key frame every second keeps seeking cheap.
 */
const ENCODE = `async ({ codec, seconds, width, height, fps }) => {
  if (typeof VideoEncoder === 'undefined') return { error: 'WebCodecs is not available (VideoEncoder needs a secure context)' };
  const config = { codec, width, height, bitrate: 400000, framerate: fps, latencyMode: 'quality' };
  const support = await VideoEncoder.isConfigSupported(config);
  if (!support.supported) return { error: 'this Chromium cannot encode ' + codec };
  const canvas = new OffscreenCanvas(width, height);
  const g = canvas.getContext('2d');
  const parts = [], sizes = [], keys = [], timestamps = [];
  let error = null, decoderConfig = null;
  const encoder = new VideoEncoder({
    output: (chunk, meta) => {
      if (meta && meta.decoderConfig) decoderConfig = meta.decoderConfig;
      const data = new Uint8Array(chunk.byteLength);
      chunk.copyTo(data);
      parts.push(data); sizes.push(data.length); keys.push(chunk.type === 'key'); timestamps.push(chunk.timestamp);
    },
    error: (e) => { error = String(e && e.message || e); },
  });
  encoder.configure(config);
  const frames = Math.round(seconds * fps);
  for (let i = 0; i < frames; i += 1) {
    const t = i / fps;
    g.fillStyle = 'hsl(' + ((Math.floor(t) * 47 + 200) % 360) + ', 55%, 38%)';
    g.fillRect(0, 0, width, height);
    g.fillStyle = 'rgba(255, 255, 255, 0.9)';
    g.fillRect(0, height - Math.round(height / 15), (width * t) / seconds, Math.round(height / 15));
    g.fillStyle = '#fff';
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    g.font = 'bold ' + Math.round(width / 3.2) + 'px sans-serif';
    g.fillText(t.toFixed(1), width / 2, height / 2 - height / 30);
    g.font = Math.round(width / 12) + 'px sans-serif';
    g.fillText('seconds', width / 2, height / 2 + width / 5);
    const frame = new VideoFrame(canvas, { timestamp: Math.round((i * 1e6) / fps), duration: Math.round(1e6 / fps) });
    encoder.encode(frame, { keyFrame: i % fps === 0 });
    frame.close();
  }
  await encoder.flush();
  encoder.close();
  if (error) return { error };
  const dataUrl = await new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(new Blob(parts));
  });
  return {
    codec: decoderConfig && decoderConfig.codec || codec,
    colorSpace: decoderConfig && decoderConfig.colorSpace || null,
    sizes, keys, timestamps,
    base64: dataUrl.slice(dataUrl.indexOf(',') + 1),
  };
}`;

// --- the boxes of a one-track, one-chunk VP9 MP4 (primitives in ./mp4-boxes) ---

// ISO/IEC 23091-2 code points for WebCodecs' colour space names; 2 = unspecified
const PRIMARIES: Record<string, number> = {
  bt709: 1,
  bt470bg: 5,
  smpte170m: 6,
  bt2020: 9,
  smpte432: 12,
};
const TRANSFER: Record<string, number> = {
  bt709: 1,
  smpte170m: 6,
  linear: 8,
  'iec61966-2-1': 13,
  pq: 16,
  hlg: 18,
};
const MATRIX_COEFFICIENTS: Record<string, number> = {
  rgb: 0,
  bt709: 1,
  bt470bg: 5,
  smpte170m: 6,
  'bt2020-ncl': 9,
};

/** The `vpcC` box (VP codec ISO media binding, version 1) for a `vp09.PP.LL.DD` codec string. */
function vpcC(codec: string, colorSpace: EncodedClip['colorSpace']): Buffer {
  const m = /^vp09\.(\d\d)\.(\d\d)\.(\d\d)/.exec(codec);
  if (!m) throw new Error(`not a full VP9 codec string: ${codec}`);
  const [profile, level, bitDepth] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // 4:2:0, co-sited with luma: what VideoEncoder produces for profile 0
  const chromaSubsampling = 1;
  const fullRange = colorSpace?.fullRange ? 1 : 0;
  return fullBox(
    'vpcC',
    1,
    0,
    u8(profile),
    u8(level),
    u8((bitDepth << 4) | (chromaSubsampling << 1) | fullRange),
    u8(PRIMARIES[colorSpace?.primaries ?? ''] ?? 2),
    u8(TRANSFER[colorSpace?.transfer ?? ''] ?? 2),
    u8(MATRIX_COEFFICIENTS[colorSpace?.matrix ?? ''] ?? 2),
    u16(0) // no codec initialisation data for VP9
  );
}

function vp09SampleEntry(width: number, height: number, config: Buffer): Buffer {
  return box(
    'vp09',
    Buffer.alloc(6),
    u16(1), // reserved, data_reference_index
    u16(0),
    u16(0),
    Buffer.alloc(12), // pre_defined, reserved, pre_defined
    u16(width),
    u16(height),
    u32(0x00480000),
    u32(0x00480000),
    u32(0),
    u16(1), // resolution 72 dpi, frame_count 1
    Buffer.alloc(32),
    u16(0x18),
    u16(0xffff), // compressorname, depth, pre_defined -1
    config
  );
}

/**
 * Muxes VP9 frames (in decoding order, which for VP9 is presentation order) into a fast-start MP4.
 */
export function muxVp9(
  frames: { data: Buffer; key: boolean }[],
  opts: {
    fps: number;
    width: number;
    height: number;
    codec: string;
    colorSpace?: EncodedClip['colorSpace'];
  }
): Buffer {
  const timescale = 1000;
  if (timescale % opts.fps !== 0) throw new Error(`fps must divide ${timescale}`);
  const delta = timescale / opts.fps;
  const duration = frames.length * delta;
  const ftyp = box('ftyp', Buffer.from('isom'), u32(0x200), Buffer.from('isomiso2vp09mp41'));
  const moov = (mdatPayloadOffset: number) => {
    const keyFrames = frames.flatMap((f, i) => (f.key ? [i + 1] : []));
    const stbl = box(
      'stbl',
      fullBox(
        'stsd',
        0,
        0,
        u32(1),
        vp09SampleEntry(opts.width, opts.height, vpcC(opts.codec, opts.colorSpace))
      ),
      fullBox('stts', 0, 0, u32(1), u32(frames.length), u32(delta)),
      fullBox('stss', 0, 0, u32(keyFrames.length), ...keyFrames.map(u32)),
      fullBox('stsc', 0, 0, u32(1), u32(1), u32(frames.length), u32(1)), // one chunk holding every sample
      fullBox('stsz', 0, 0, u32(0), u32(frames.length), ...frames.map((f) => u32(f.data.length))),
      fullBox('stco', 0, 0, u32(1), u32(mdatPayloadOffset))
    );
    return videoTrackMoov({ timescale, duration, width: opts.width, height: opts.height, stbl });
  };
  const moovSize = moov(0).length; // the offset's value does not change the box's size
  const mdat = box('mdat', ...frames.map((f) => f.data));
  return Buffer.concat([ftyp, moov(ftyp.length + moovSize + 8), mdat]);
}

/** What mp4box reads from a file's header (the same parser the plugin's probe uses). */
export function readMovie(bytes: Buffer): Movie {
  const file = createFile(false);
  // set by the callbacks during appendBuffer/flush (a holder, so TypeScript does not keep the
  // variables narrowed to their initial null)
  const seen: { movie: Movie | null; failure: string | null } = { movie: null, failure: null };
  file.onReady = (info) => {
    seen.movie = info;
  };
  file.onError = (module: string, message: string) => {
    seen.failure = `${module}: ${message}`;
  };
  const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
  file.appendBuffer(MP4BoxBuffer.fromArrayBuffer(ab, 0), true);
  file.flush();
  if (!seen.movie)
    throw new Error(`mp4box could not read the video${seen.failure ? ` (${seen.failure})` : ''}`);
  return seen.movie;
}

/**
 * Encodes `seconds` of the canvas clock as VP9 in a page of its own (closed afterwards) and returns
 * the MP4. WebCodecs needs a secure context: the page is served, by Playwright itself, at a
 * loopback http address (which browsers treat as secure); nothing listens there.
 */
export async function makeClockVideo(
  browser: Browser,
  opts: { seconds: number; width?: number; height?: number; fps?: number }
): Promise<RealVideo> {
  const width = opts.width ?? 240;
  const height = opts.height ?? 360;
  const fps = opts.fps ?? 25;
  const page = await browser.newPage();
  try {
    const studio = 'http://127.0.0.1/__video-studio';
    await page.route(studio, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><html><body></body></html>' })
    );
    await page.goto(studio);
    const args = { codec: VIDEO_CODEC, seconds: opts.seconds, width, height, fps };
    const clip = await page.evaluate<EncodedClip>(`(${ENCODE})(${JSON.stringify(args)})`);
    if (clip.error || !clip.base64 || !clip.sizes || !clip.keys || !clip.timestamps)
      throw new Error(`Encoding the test video failed: ${clip.error ?? 'no data'}`);
    const expected = Math.round(opts.seconds * fps);
    const inOrder = clip.timestamps.every((t, i) => t === Math.round((i * 1e6) / fps));
    if (clip.sizes.length !== expected || !inOrder || !clip.keys[0]) {
      throw new Error(
        `The encoder returned ${clip.sizes.length} of ${expected} frames (in order: ${inOrder}, first is a key frame: ${clip.keys[0]})`
      );
    }
    const data = Buffer.from(clip.base64, 'base64');
    let offset = 0;
    const frames = clip.sizes.map((size, i) => {
      const frame = { data: data.subarray(offset, offset + size), key: clip.keys![i] };
      offset += size;
      return frame;
    });
    const bytes = muxVp9(frames, {
      fps,
      width,
      height,
      codec: clip.codec ?? VIDEO_CODEC,
      colorSpace: clip.colorSpace,
    });

    const movie = readMovie(bytes);
    const track = movie.videoTracks?.[0];
    if (
      !track?.codec.startsWith('vp09') ||
      movie.duration / movie.timescale !== expected / fps ||
      track.nb_samples !== expected
    ) {
      throw new Error(
        `mp4box reads the muxed video wrong: ${JSON.stringify({ codec: track?.codec, duration: movie.duration, timescale: movie.timescale, samples: track?.nb_samples })}`
      );
    }
    return { bytes, seconds: expected / fps, fps, width, height, codec: track.codec };
  } finally {
    await page.close();
  }
}
