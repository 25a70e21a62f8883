import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Core } from '@strapi/strapi';

export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'gif';

/** A real image of the given size, drawn with sharp (a coloured card with a label). */
export async function makeImage(
  width: number,
  height: number,
  format: ImageFormat,
  label = 'Pin'
): Promise<Buffer> {
  const svg = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
      <rect width="100%" height="100%" fill="#e60023"/>
      <text x="50%" y="50%" font-size="${Math.max(10, Math.round(width / 10))}" text-anchor="middle" fill="#fff" font-family="sans-serif">${label}</text>
    </svg>`
  );
  const img = sharp(svg);
  return (
    format === 'png'
      ? img.png()
      : format === 'jpeg'
        ? img.jpeg()
        : format === 'webp'
          ? img.webp()
          : img.gif()
  ).toBuffer();
}

const MIME: Record<string, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
};

/** Uploads bytes to the media library through Strapi's upload service; returns the file row. */
export async function uploadFile(
  strapi: Core.Strapi,
  bytes: Buffer,
  name: string,
  ext: string,
  alternativeText?: string
) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pin-upload-'));
  const filepath = path.join(dir, `${name}.${ext}`);
  fs.writeFileSync(filepath, bytes);
  try {
    const [file] = await strapi
      .plugin('upload')
      .service('upload')
      .upload({
        data: { fileInfo: { name: `${name}.${ext}`, alternativeText } },
        files: {
          filepath,
          originalFilename: `${name}.${ext}`,
          mimetype: MIME[ext] ?? 'application/octet-stream',
          size: bytes.length,
        },
      });
    return file as {
      id: number;
      url: string;
      mime: string;
      width: number;
      height: number;
      formats: Record<string, unknown> | null;
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function uploadImage(
  strapi: Core.Strapi,
  opts: { width?: number; height?: number; format?: ImageFormat; name?: string; alt?: string } = {}
) {
  const format = opts.format ?? 'png';
  const bytes = await makeImage(opts.width ?? 600, opts.height ?? 900, format, opts.name ?? 'Pin');
  return uploadFile(
    strapi,
    bytes,
    opts.name ?? `hero-${Math.random().toString(36).slice(2, 8)}`,
    format === 'jpeg' ? 'jpeg' : format,
    opts.alt
  );
}
