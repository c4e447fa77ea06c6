/**
 * Rows a colleague deleted while this operator's work in them had not reached the colleague.
 * Found by exploration: an operator offline on a bad line wrote a call's result into a row; a
 * coordinator deleted that row meanwhile; when her line came back the row left her screen with
 * no word, and her result with it (it is kept in the deleted row, but nothing said so).
 *
 * A row counts when, in the change that deleted it (a colleague's), it has a change of hers to a
 * cell that the colleague could not have seen:
 * - made while her changes were not all on the server (offline, or not yet confirmed): from the
 *   moment the status left «saved», or from the oldest change of hers still waiting (a reload
 *   offline keeps it: `DocConnection.unsavedSince`), until it is «saved» again;
 * - or made within `RECENT_MS` (they were working at once: the same rule as the notice of a
 *   cell typed over, `binding.ts`).
 * Her work stays in the deleted row, so the notice offers to bring the rows back.
 */
import { MAX_HISTORY_VALUE } from '$lib/model/history';
import type { Sheet } from '$lib/model/sheet';
import { clip } from '$lib/values/clean';
import type { SyncStatus } from '$lib/sync/connection';

/** A change of hers this recent is told of even when it was on the server. */
export const RECENT_MS = 60_000;
/** At most this many removed rows are looked at in one change (a coordinator's clean-up). */
export const MAX_ROWS_LOOKED_AT = 5_000;

export interface DeletedWork {
	/** The rows, in the order the change listed them. */
	rows: string[];
	/** Who deleted them, when their history says so ('' when it does not yet). */
	by: string;
}

/**
 * What is needed of a `DocConnection`: its status, word when that changes, and since when its
 * changes have waited for the server (kept across a reload: work done offline before it).
 */
export interface SyncSource {
	readonly status: Pick<SyncStatus, 'state'>;
	onStatus(listener: () => void): () => void;
	readonly unsavedSince?: number | null;
}

/**
 * Which of her changes a colleague could not have seen, asked at the moment a change comes (see
 * the rules above), and the unsubscribe.
 */
function trackUnseen(
	sync: SyncSource,
	now: () => number
): { unseen: () => (time: number) => boolean; stop: () => void } {
	/** Since when her changes have not all been on the server (null: they are). */
	let unsavedSince: number | null = sync.status.state === 'saved' ? null : now();
	const stop = sync.onStatus(() => {
		if (sync.status.state === 'saved') unsavedSince = null;
		else unsavedSince ??= now();
	});
	const unseen = () => {
		const at = now();
		const stored = sync.unsavedSince ?? null;
		const since =
			unsavedSince === null
				? stored
				: stored === null
					? unsavedSince
					: Math.min(stored, unsavedSince);
		return (time: number) => at - time <= RECENT_MS || (since !== null && time >= since);
	};
	return { unseen, stop };
}

/**
 * Calls `onDeleted` for each colleague's change that deleted rows holding her unseen work.
 * Returns the unsubscribe.
 */
export function watchDeletedWork(
	sheet: Sheet,
	sync: SyncSource,
	onDeleted: (work: DeletedWork) => void,
	now: () => number = Date.now
): () => void {
	const tracker = trackUnseen(sync, now);
	const stopSheet = sheet.observe((change) => {
		if (change.local || change.removed.length === 0) return;
		const me = sheet.history.author.id;
		const unseen = tracker.unseen();
		const rows: string[] = [];
		let by = '';
		for (const rowId of change.removed.slice(0, MAX_ROWS_LOOKED_AT)) {
			// Only a deleted row can be brought back (not one a colleague's undo took away).
			if (!sheet.isDeletedRow(rowId)) continue;
			const items = sheet.history.forRow(rowId);
			const deletion = items.find((item) => item.kind === 'deleted');
			// Her own delete, from another tab of hers: nothing to tell (found in review).
			if (deletion?.author.id === me) continue;
			const mine = items.some(
				(item) => item.kind === 'cell' && item.author.id === me && !item.undo && unseen(item.time)
			);
			if (!mine) continue;
			rows.push(rowId);
			if (!by) by = deletion?.author.name ?? '';
		}
		if (rows.length) onDeleted({ rows, by });
	});
	return () => {
		tracker.stop();
		stopSheet();
	};
}

/** A column a colleague deleted with her unseen work in it. */
export interface DeletedColumnWork {
	column: string;
	title: string;
	/** Her cells in it that still hold what she wrote. */
	cells: number;
	/** Who deleted it, when the delete says so ('' when it does not: an older tab's). */
	by: string;
}

/**
 * Calls `onDeleted` for each column a colleague's change deleted while it held cells of hers the
 * colleague could not have seen (the same rules as for rows). Found by exploration: an operator
 * offline wrote residents' addresses; a coordinator deleted the column «Адрес» meanwhile; back
 * online, the column left her screen with her addresses in it, and only «Вернуть столбец (1)»
 * beside the filters said anything. Who deleted it is noted in the column (`deletedBy`): her
 * own delete from another tab is not told. Returns the unsubscribe.
 */
export function watchDeletedColumnWork(
	sheet: Sheet,
	sync: SyncSource,
	onDeleted: (work: DeletedColumnWork) => void,
	now: () => number = Date.now
): () => void {
	const tracker = trackUnseen(sync, now);
	let shown = new Set(sheet.columns().map((c) => c.id));
	const stopSheet = sheet.observe((change) => {
		if (!change.columns) return;
		const before = shown;
		shown = new Set(sheet.columns().map((c) => c.id));
		if (change.local) return;
		const me = sheet.history.author.id;
		// Only a deleted column can be brought back (not one a colleague's undo took away).
		const gone = new Map(
			sheet
				.deletedColumns()
				.filter((c) => before.has(c.id) && !shown.has(c.id) && c.by?.id !== me)
				.map((c) => [c.id, c])
		);
		if (gone.size === 0) return;
		const unseen = tracker.unseen();
		// Her last value of each cell of those columns, from her unseen changes (a column's delete
		// is rare: the whole history is read then).
		const written = new Map<string, Map<string, string>>();
		for (const entry of sheet.history.entries()) {
			if (entry.by !== me || entry.u || !unseen(entry.t)) continue;
			for (const [rowId, colId, , value] of entry.cells ?? []) {
				if (!gone.has(colId)) continue;
				let cells = written.get(colId);
				if (!cells) written.set(colId, (cells = new Map()));
				cells.set(rowId, value);
			}
		}
		for (const [column, { title, by }] of gone) {
			let cells = 0;
			// Still hers: not emptied by her undo, nor written over by a colleague since (the history
			// keeps a long value clipped), and in a row the column brings back (a deleted row's
			// cells are told of with the row).
			for (const [rowId, value] of written.get(column) ?? [])
				if (
					value !== '' &&
					sheet.hasRow(rowId) &&
					clip(sheet.getCell(rowId, column), MAX_HISTORY_VALUE) === value
				)
					cells++;
			if (cells > 0) onDeleted({ column, title, cells, by: by?.name ?? '' });
		}
	});
	return () => {
		tracker.stop();
		stopSheet();
	};
}
