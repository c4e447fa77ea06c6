/**
 * Lists a colleague deleted while this operator's work in them had not reached the colleague.
 * Found by exploration: an operator offline logged a call in a list and went back to the list of
 * lists; a coordinator deleted that list meanwhile; when her line came back the list left her
 * screen with no word, and her call with it (kept in the deleted list, but nothing said so, and
 * the bar said «Все изменения сохранены на сервере»). Rows and columns had such a notice
 * (`$lib/grid/deleted-work.ts`); a whole list did not.
 *
 * A list counts, when a change of another replica deletes it, if this browser has changes of it
 * the server has not confirmed (any tab's, a closed tab's: the counts in localStorage), or this
 * tab had some within `RECENT_MS` (confirmed a moment before the delete came: the two crossed).
 * Her own delete from another tab is not told (`deletedBy`).
 */
import { RECENT_MS } from '$lib/grid/deleted-work';
import type { SheetInfo, Workspace } from '$lib/model/workspace';
import { storedPendingCounts, unsavedLately } from './connection';
import { sheetRoom } from './docs';

/** Calls `onDeleted` for each list a colleague deleted with her unseen work in it. */
export function watchDeletedSheetWork(
	workspace: Workspace,
	me: () => string,
	onDeleted: (sheet: SheetInfo) => void,
	now: () => number = Date.now
): () => void {
	return workspace.onDeletedElsewhere((ids) => {
		const at = now();
		const waiting = new Set(
			storedPendingCounts()
				.filter((p) => p.count > 0)
				.map((p) => p.room)
		);
		for (const id of ids) {
			const sheet = workspace.sheet(id);
			if (!sheet || sheet.deleted === null || sheet.deletedBy?.id === me()) continue;
			const room = sheetRoom(id);
			const lately = unsavedLately(room);
			if (waiting.has(room) || (lately !== undefined && at - lately <= RECENT_MS)) onDeleted(sheet);
		}
	});
}
