/**
 * Whether uploaded bytes start like an MP4/MOV file: an ISO-BMFF box (`ftyp`, or
 * `moov`/`wide`/`mdat` in old QuickTime files).
 */
export function looksLikeVideo(head: Buffer): boolean {
  if (head.length < 12) return false;
  const size = head.readUInt32BE(0);
  const type = head.toString('latin1', 4, 8);
  if (type === 'ftyp') return size >= 8;
  return type === 'moov' || type === 'wide' || type === 'mdat';
}
