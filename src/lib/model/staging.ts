/**
 * Builds a staged import (see `imports` in `sheet.ts`) away from the page: the rows become
 * chunks, the chunks become Yjs updates in slices of a few thousand rows. Pure TypeScript, no
 * DOM: the import worker runs it, and the page only applies ready updates (`Sheet.applyStaged`)
 * — each slice is one short task, so a 100,000-row import never freezes the page.
 *
 * The updates are those a fresh Y.Doc (its own random client id) writing only new keys of the
 * `chunks` map would give: they depend on nothing in the sheet, so they apply to any replica.
 * They are written here directly (`sliceUpdate`), byte for byte as Yjs writes them, without a
 * Y.Doc: Yjs copied each chunk into its encoder and then again into the update.
 */
import { newId } from './ids';
import { keyBetween } from './order';
import { CHUNK_ROWS, writeStagedChunk } from './sheet';

/** Rows per update handed to the page: one short task each. */
export const SLICE_ROWS = 2000;

export interface StageOptions {
	/** Made by the page (`newId()`), committed by it with `Sheet.commitImport`. */
	importId: string;
	/** `Sheet.lastOrder()` of the target sheet: the rows go after everything in it. */
	after: string | null;
	/** Column ids, the order of the cells in `rows`. */
	columns: string[];
	rows: unknown[][];
	chunkRows?: number;
	sliceRows?: number;
	/** Called with each slice, in order; `rowsDone` counts the rows written so far. */
	onSlice(update: Uint8Array, rowsDone: number): void;
}

/** Returns the number of rows staged. Throws `ModelError('too-long')` on an oversize cell. */
export function stageRows(options: StageOptions): number {
	const { importId, columns, rows, onSlice } = options;
	const chunkRows = Math.max(1, options.chunkRows ?? CHUNK_ROWS);
	const sliceRows = Math.max(chunkRows, options.sliceRows ?? SLICE_ROWS);
	// As a new Y.Doc picks its client id (lib0's random.uint32).
	const client = crypto.getRandomValues(new Uint32Array(1))[0];
	let clock = 0;
	let last = options.after;
	let done = 0;
	for (let start = 0; start < rows.length; start += sliceRows) {
		// The rows as they come: the writer cleans a chunk's rows only if one needs it
		// (`writeStagedChunk`), reading them once.
		const slice = rows.slice(start, start + sliceRows);
		// The slice's chunks one after another in the encoder's buffer, as views of it, copied
		// once into the slice's update (the next slice writes over them). A copy of each chunk
		// first cost 0.3–0.4 s of a 100,000-row import's staging in Chromium (a profile of the
		// worker); Yjs's two copies of them, into its encoder and into the update, another 0.26 s.
		const entries: [string, Uint8Array][] = [];
		let end = 0;
		for (let at = 0; at < slice.length; at += chunkRows) {
			last = keyBetween(last, null);
			const bytes = writeStagedChunk(last, columns, slice.slice(at, at + chunkRows), importId, end);
			end = bytes.byteOffset + bytes.length;
			entries.push([newId(), bytes]);
		}
		const update = sliceUpdate(client, clock, entries);
		clock += entries.length;
		done += slice.length;
		onSlice(update, done);
	}
	return done;
}

const utf8 = new TextEncoder();
/** The root map's name, as Yjs writes it (`varString`). */
const CHUNKS = utf8.encode('chunks');
/**
 * An item's first byte (`Item.write`'s info): its content a `ContentBinary` (ref 3), with a key
 * in its parent map (bit 6), and neither left nor right origin — a key new to the map.
 */
const BINARY_MAP_ENTRY = 3 | 0x20;

/** Bytes of `n` as lib0's `writeVarUint`: 7 bits a byte, the low ones first. */
function varUintLength(n: number): number {
	let length = 1;
	while (n > 0x7f) {
		n = Math.floor(n / 128);
		length++;
	}
	return length;
}

function writeVarUint(out: Uint8Array, at: number, n: number): number {
	while (n > 0x7f) {
		out[at++] = 0x80 | (n & 0x7f);
		n = Math.floor(n / 128);
	}
	out[at++] = n;
	return at;
}

function writeVarBytes(out: Uint8Array, at: number, bytes: Uint8Array): number {
	at = writeVarUint(out, at, bytes.length);
	out.set(bytes, at);
	return at + bytes.length;
}

/**
 * The Yjs update (v1) of one transaction of a Y.Doc whose client id is `client` and whose clock
 * is at `clock`, setting each entry's key of the root map `chunks`, new to it, to the entry's
 * bytes: `Y.encodeStateAsUpdate`'s format, byte for byte what the doc's 'update' event gives
 * (staging.spec.ts compares them) — one client's structs (count, client, first clock; each
 * item its info byte, "parent is a root type", the root's name, its key, the bytes with their
 * length), then an empty delete set. Exactly as long as it needs to be: the page stores it.
 */
export function sliceUpdate(
	client: number,
	clock: number,
	entries: readonly (readonly [string, Uint8Array])[]
): Uint8Array {
	const keys = entries.map(([key]) => utf8.encode(key));
	let size = 1 + varUintLength(entries.length) + varUintLength(client) + varUintLength(clock) + 1;
	const entryHead = 1 + 1 + varUintLength(CHUNKS.length) + CHUNKS.length;
	for (let i = 0; i < entries.length; i++) {
		const bytes = entries[i][1];
		size += entryHead + varUintLength(keys[i].length) + keys[i].length;
		size += varUintLength(bytes.length) + bytes.length;
	}
	const out = new Uint8Array(size);
	let at = writeVarUint(out, 0, 1);
	at = writeVarUint(out, at, entries.length);
	at = writeVarUint(out, at, client);
	at = writeVarUint(out, at, clock);
	for (let i = 0; i < entries.length; i++) {
		out[at++] = BINARY_MAP_ENTRY;
		out[at++] = 1; // the parent is a root type, named next
		at = writeVarBytes(out, at, CHUNKS);
		at = writeVarBytes(out, at, keys[i]);
		at = writeVarBytes(out, at, entries[i][1]);
	}
	at = writeVarUint(out, at, 0); // no deletes
	if (at !== size) throw new Error(`a slice's update of ${at} bytes, ${size} expected`);
	return out;
}
