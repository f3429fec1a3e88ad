/** A tiny PNG writer for the demo's placeholder photographs (vertical two-colour gradients). */
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

function rgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.replace('#', ''), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

/** An RGB PNG fading from `top` to `bottom`, with a darker horizon band two-thirds of the way down. */
export function gradientPng(width: number, height: number, top: string, bottom: string): Buffer {
  const [r1, g1, b1] = rgb(top);
  const [r2, g2, b2] = rgb(bottom);
  const rowLength = 1 + width * 3;
  const raw = Buffer.alloc(rowLength * height);
  for (let y = 0; y < height; y++) {
    const t = height === 1 ? 0 : y / (height - 1);
    const shade = Math.abs(y - Math.round(height * 0.66)) < height / 40 ? 0.7 : 1;
    const offset = y * rowLength;
    raw[offset] = 1; // filter "Sub": the first pixel is literal, the rest repeat it
    raw[offset + 1] = Math.round((r1 + (r2 - r1) * t) * shade);
    raw[offset + 2] = Math.round((g1 + (g2 - g1) * t) * shade);
    raw[offset + 3] = Math.round((b1 + (b2 - b1) * t) * shade);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // colour type: truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
