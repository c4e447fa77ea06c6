// Writes the app's PNG icons (static/icon-192.png, static/icon-512.png): the letter Ш drawn
// as bars on the brand blue, so no image tool or download is needed. Run: node scripts/make-icons.js
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BLUE = [0x1f, 0x5f, 0xa8];
const WHITE = [0xff, 0xff, 0xff];

function crc32(buf) {
	let c = ~0;
	for (const b of buf) {
		c ^= b;
		for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
	}
	return ~c >>> 0;
}

function chunk(type, data) {
	const out = Buffer.alloc(12 + data.length);
	out.writeUInt32BE(data.length, 0);
	out.write(type, 4, 'ascii');
	data.copy(out, 8);
	out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
	return out;
}

function icon(size) {
	const u = size / 32; // drawn on a 32-unit grid, like favicon.svg
	const inBar = (x, y) => {
		const gx = x / u;
		const gy = y / u;
		if (gy < 8 || gy > 24 || gx < 7 || gx > 25) return false;
		if (gy >= 21.5) return true; // the bottom bar
		return gx <= 9.5 || (gx >= 14.75 && gx <= 17.25) || gx >= 22.5;
	};
	const raw = Buffer.alloc(size * (size * 3 + 1));
	for (let y = 0; y < size; y++) {
		raw[y * (size * 3 + 1)] = 0;
		for (let x = 0; x < size; x++) {
			const [r, g, b] = inBar(x, y) ? WHITE : BLUE;
			const o = y * (size * 3 + 1) + 1 + x * 3;
			raw[o] = r;
			raw[o + 1] = g;
			raw[o + 2] = b;
		}
	}
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(size, 0);
	ihdr.writeUInt32BE(size, 4);
	ihdr[8] = 8; // bit depth
	ihdr[9] = 2; // RGB
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('IDAT', deflateSync(raw)),
		chunk('IEND', Buffer.alloc(0))
	]);
}

for (const size of [192, 512])
	writeFileSync(new URL(`../static/icon-${size}.png`, import.meta.url), icon(size));
