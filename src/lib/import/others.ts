/**
 * The rows of the workspace's OTHER sheets, for finding the same resident on another list (the
 * call list and the request board). Each sheet is opened through `acquire`, read from the
 * browser's copy (and from the server when it answers quickly), and released right after.
 */
import { existingRowsOf, keyColumnsOf, type ExistingRow, type KeyColumns } from '../csv';
import { Sheet } from '../model/sheet';
import type { DocConnection } from '../sync/connection';
import { acquire, sheetRoom } from '../sync/docs';

/** How long we wait for the server to bring a sheet this browser has never opened. */
export const SERVER_WAIT_MS = 3000;

function serverSynced(connection: DocConnection, timeoutMs: number): Promise<void> {
	if (connection.status.serverSynced || connection.status.state === 'offline')
		return Promise.resolve();
	return new Promise((resolve) => {
		const done = () => {
			clearTimeout(timer);
			stop();
			resolve();
		};
		const timer = setTimeout(done, timeoutMs);
		const stop = connection.onStatus(() => {
			if (connection.status.serverSynced || connection.status.state === 'offline') done();
		});
	});
}

export interface OtherSheetRows {
	rows: ExistingRow[];
	keyColumnsBySheet: Record<string, KeyColumns>;
}

export async function loadOtherSheets(sheetIds: string[]): Promise<OtherSheetRows> {
	const out: OtherSheetRows = { rows: [], keyColumnsBySheet: {} };
	for (const id of sheetIds) {
		const { connection, release } = acquire(sheetRoom(id));
		try {
			await connection.whenLocalLoaded;
			await serverSynced(connection, SERVER_WAIT_MS);
			const sheet = new Sheet(connection.doc);
			try {
				const keys = keyColumnsOf(sheet.columns());
				if (!keys.phone && !keys.name) continue;
				out.keyColumnsBySheet[id] = keys;
				for (const row of existingRowsOf(sheet, id, keys)) out.rows.push(row);
			} finally {
				sheet.destroy();
			}
		} finally {
			// Closed at once unless a page has it open: twenty lists held for 30 s each were
			// about a gigabyte of memory.
			release({ now: true });
		}
	}
	return out;
}
