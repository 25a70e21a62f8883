import { createFile, MP4BoxBuffer, type Movie } from 'mp4box';
import { VIDEO_LIMITS } from '../mapping/media';
import { PinError } from '../errors/pin-error';

/** Random access to a file, wherever it lives (disk, HTTP range requests). */
export interface RangeReader {
  /** Total size in bytes. */
  size: number;
  /** Up to `length` bytes from `offset` (fewer at the end of the file). */
  read(offset: number, length: number): Promise<Buffer>;
}

export interface VideoFacts {
  container: 'mp4' | 'mov';
  durationSeconds: number;
  width: number | null;
  height: number | null;
  bytes: number;
}

/** How much is read at a time: headers are small, and mp4box says where the next box starts. */
const CHUNK = 256 * 1024;
/** A moov box larger than this is not a video Pinterest takes (it would be hours of samples). */
const MAX_HEADER_READS = 64;

/**
 * Reads a video's container and duration from its header with mp4box (GPAC's ISO-BMFF parser),
 * reading only the boxes it needs: when the `moov` comes after the media data, mp4box tells us
 * where
 * it starts and we jump there, so a 2 GB file costs a few reads, not a download.
 */
export async function probeVideo(reader: RangeReader): Promise<VideoFacts> {
  const head = await reader.read(0, Math.min(reader.size, 12));
  if (
    head.length < 8 ||
    !['ftyp', 'moov', 'mdat', 'wide', 'free', 'skip'].includes(head.toString('latin1', 4, 8))
  ) {
    throw new PinError(
      'MEDIA_UNSUPPORTED',
      'The hero video is not an MP4 or MOV file (its first bytes are not an ISO media box).'
    );
  }
  const file = createFile(false);
  let movie: Movie | null = null;
  let parseError: string | null = null;
  file.onReady = (info) => {
    movie = info;
  };
  file.onError = (module: string, message: string) => {
    parseError = `${module}: ${message}`;
  };
  let position = 0;
  for (let reads = 0; !movie && !parseError && position < reader.size; reads += 1) {
    if (reads >= MAX_HEADER_READS) break;
    const chunk = await reader.read(position, CHUNK);
    if (!chunk.length) break;
    const ab = chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + chunk.length);
    let next: number;
    try {
      next = file.appendBuffer(
        MP4BoxBuffer.fromArrayBuffer(ab, position),
        position + chunk.length >= reader.size
      );
    } catch (e) {
      parseError = (e as Error).message;
      break;
    }
    position = typeof next === 'number' && next > position ? next : position + chunk.length;
  }
  file.flush();
  const found = movie as Movie | null;
  if (!found || !found.timescale) {
    throw new PinError(
      'MEDIA_UNSUPPORTED',
      `The hero video's header could not be read${parseError ? ` (${parseError})` : ''}: is it a complete MP4 or MOV file?`
    );
  }
  const brands = [...(found.brands ?? [])].map((b) => String(b).trim());
  const container: VideoFacts['container'] = brands.includes('qt') ? 'mov' : 'mp4';
  const video = found.videoTracks?.[0];
  const durationSeconds = found.duration / found.timescale;
  return {
    container,
    durationSeconds,
    width: video?.video?.width ?? video?.track_width ?? null,
    height: video?.video?.height ?? video?.track_height ?? null,
    bytes: reader.size,
  };
}

/** Throws the editor-facing error when a probed video is outside Pinterest's limits. */
export function checkVideoLimits(facts: VideoFacts): void {
  if (facts.bytes > VIDEO_LIMITS.maxBytes) {
    throw new PinError(
      'MEDIA_TOO_LARGE',
      `The hero video is ${(facts.bytes / 2 ** 30).toFixed(2)} GB; Pinterest accepts at most 2 GB.`
    );
  }
  const s = facts.durationSeconds;
  if (!(s >= VIDEO_LIMITS.minSeconds)) {
    throw new PinError(
      'VIDEO_DURATION',
      `The hero video lasts ${s.toFixed(1)} s; Pinterest needs at least ${VIDEO_LIMITS.minSeconds} s.`
    );
  }
  if (s > VIDEO_LIMITS.maxSeconds) {
    throw new PinError(
      'VIDEO_DURATION',
      `The hero video lasts ${Math.floor(s / 60)} min ${Math.round(s % 60)} s; Pinterest accepts at most 15 minutes.`
    );
  }
}
