import sharp from 'sharp';

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A 1000×1500 (2:3) JPEG card with a gradient and a title: a real image for the demo's media
 * library.
 */
export async function sampleCard(title: string, colors: [string, string]): Promise<Buffer> {
  const words = title.split(' ');
  const lines: string[] = [];
  for (const w of words) {
    const last = lines[lines.length - 1];
    if (last && (last + ' ' + w).length <= 16) lines[lines.length - 1] = `${last} ${w}`;
    else lines.push(w);
  }
  const text = lines
    .map(
      (l, i) =>
        `<text x="80" y="${900 + i * 110}" font-size="96" font-weight="700" fill="#fff" font-family="sans-serif">${escapeXml(l)}</text>`
    )
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="1500">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${colors[0]}"/><stop offset="1" stop-color="${colors[1]}"/></linearGradient></defs>
    <rect width="1000" height="1500" fill="url(#g)"/>
    <circle cx="760" cy="330" r="190" fill="#ffffff" fill-opacity="0.18"/>
    <circle cx="300" cy="520" r="120" fill="#ffffff" fill-opacity="0.12"/>
    ${text}
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}
