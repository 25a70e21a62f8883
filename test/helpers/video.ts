/**
 * Minimal but well-formed ISO-BMFF (MP4 / QuickTime MOV) files for tests: ftyp, a moov with one
 * video
 * track whose header says the duration, and an mdat of the requested size — written in chunks, so a
 * 300 MB file costs no memory. No codec data: media parsers read the header, Pinterest's emulator
 * checks the container.
 */
import fs from 'node:fs';
import { finished } from 'node:stream/promises';
import { box, fullBox, u16, u32, videoTrackMoov } from './mp4-boxes';

export interface VideoSpec {
  seconds: number;
  /** Bytes of (zero) media data. */
  mdatBytes?: number;
  /** QuickTime brand (`.mov`) instead of MP4. */
  quicktime?: boolean;
  /** moov after mdat (not "fast start"): a parser must seek past the media data. */
  moovAtEnd?: boolean;
  width?: number;
  height?: number;
}

/** An H.264 sample entry with an (empty) avcC: enough for parsers to name the codec. */
function avc1(width: number, height: number): Buffer {
  const avcC = box('avcC', Buffer.from([1, 0x42, 0xc0, 0x1e, 0xff, 0xe0, 0]));
  const name = Buffer.alloc(32);
  return box(
    'avc1',
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
    u16(1),
    name,
    u16(0x18),
    u16(0xffff),
    avcC
  );
}

function ftyp(quicktime: boolean): Buffer {
  return quicktime
    ? box('ftyp', Buffer.from('qt  '), u32(0x200), Buffer.from('qt  '))
    : box('ftyp', Buffer.from('isom'), u32(0x200), Buffer.from('isomiso2avc1mp41'));
}

function moov(spec: VideoSpec): Buffer {
  const width = spec.width ?? 1080;
  const height = spec.height ?? 1920;
  const stbl = box(
    'stbl',
    fullBox('stsd', 0, 0, u32(1), avc1(width, height)),
    fullBox('stts', 0, 0, u32(0)),
    fullBox('stsc', 0, 0, u32(0)),
    fullBox('stsz', 0, 0, u32(0), u32(0)),
    fullBox('stco', 0, 0, u32(0))
  );
  const timescale = 1000;
  return videoTrackMoov({
    timescale,
    duration: Math.round(spec.seconds * timescale),
    width,
    height,
    stbl,
  });
}

/** The whole file in memory (small files only). */
export function videoBytes(spec: VideoSpec): Buffer {
  const mdat = Buffer.concat([
    u32(8 + (spec.mdatBytes ?? 1024)),
    Buffer.from('mdat'),
    Buffer.alloc(spec.mdatBytes ?? 1024),
  ]);
  const head = ftyp(Boolean(spec.quicktime));
  return spec.moovAtEnd
    ? Buffer.concat([head, mdat, moov(spec)])
    : Buffer.concat([head, moov(spec), mdat]);
}

/** Writes the file in 1 MB chunks; returns its size in bytes. */
export async function writeVideo(file: string, spec: VideoSpec): Promise<number> {
  const mdatBytes = spec.mdatBytes ?? 1024;
  const out = fs.createWriteStream(file);
  const write = (b: Buffer) =>
    out.write(b) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  await write(ftyp(Boolean(spec.quicktime)));
  if (!spec.moovAtEnd) await write(moov(spec));
  await write(Buffer.concat([u32(8 + mdatBytes), Buffer.from('mdat')]));
  const chunk = Buffer.alloc(1024 * 1024);
  for (let left = mdatBytes; left > 0; left -= chunk.length)
    await write(left >= chunk.length ? chunk : chunk.subarray(0, left));
  if (spec.moovAtEnd) await write(moov(spec));
  out.end();
  await finished(out);
  return fs.statSync(file).size;
}
