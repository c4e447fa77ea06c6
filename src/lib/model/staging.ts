/**
 * Builds a staged import (see `imports` in `sheet.ts`) away from the page: the rows become
 * chunks, the chunks become Yjs updates in slices of a few thousand rows. Pure TypeScript, no
 * DOM: the import worker runs it, and the page only applies ready updates (`Sheet.applyStaged`)
 * — each slice is one short task, so a 100,000-row import never freezes the page.
 *
 * The updates come from a fresh Y.Doc (its own random client id) that writes only new keys of
 * the `chunks` map: they depend on nothing in the sheet, so they apply to any replica.
 */
import * as Y from 'yjs';
import { newId } from './ids';
import { keyBetween } from './order';
import { CHUNK_ROWS, cleanRows, writeStagedChunk } from './sheet';

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
	const doc = new Y.Doc();
	const chunks = doc.getMap<Uint8Array>('chunks');
	let pending: Uint8Array | null = null;
	doc.on('update', (update: Uint8Array) => {
		pending = update;
	});
	let last = options.after;
	let done = 0;
	try {
		for (let start = 0; start < rows.length; start += sliceRows) {
			const slice = cleanRows(rows.slice(start, start + sliceRows), columns.length);
			doc.transact(() => {
				// The slice's chunks one after another in the encoder's buffer, as views of it: Yjs
				// copies them into the slice's update as the transaction ends, and reads them no more
				// (the next slice writes over them). A copy of each chunk first cost 0.3–0.4 s of a
				// 100,000-row import's staging in Chromium (a profile of the worker).
				let end = 0;
				for (let at = 0; at < slice.length; at += chunkRows) {
					last = keyBetween(last, null);
					const rows = slice.slice(at, at + chunkRows);
					const bytes = writeStagedChunk(last, columns, rows, importId, end);
					end = bytes.byteOffset + bytes.length;
					chunks.set(newId(), bytes);
				}
			});
			done += slice.length;
			const update = pending as Uint8Array | null;
			pending = null;
			if (update) onSlice(update, done);
		}
	} finally {
		doc.destroy();
	}
	return done;
}
