/**
 * The row an operator is at work on, as her presence tells «Убрать повторы» (`Removal.busy` in
 * `import/twice.ts`): a stricter sign than the row of her focused cell. Found in review: any
 * presence on a row kept that copy, and a keyboard merely resting on a row is no sign she is
 * phoning that resident — two importers whom the page had put on the first row kept both copies
 * of Иванова (ffc7adc had to take that focus away). She is at work on a row:
 * - while an editor is open on it (typing a note, logging a call's result);
 * - for `WORK_MS` after she moved onto it herself (a key or a click in the grid, Enter in the
 *   search), each move within the row starting it again — not when the page put the keyboard
 *   there (after a dialog, a delete, «Перейти к списку» to the first row): she did not pick
 *   that resident.
 * Her «Анна звонит этому жителю» mark still follows her focused cell (`call-claims.ts`): a
 * warning, not a reason to keep a copy of a resident in the list.
 */
import { IDLE_MS } from './call-claims';

/**
 * How long after she moved onto a row herself she is still taken to be at work on it (ms): a
 * call to a lonely veteran runs past ten minutes while she listens, hands off the keyboard
 * (`IDLE_MS`, the same length).
 */
export const WORK_MS = IDLE_MS;

/** A focus change this soon after her key or click (ms) is hers: the grid moves at once. */
export const OWN_MOVE_MS = 1_000;

export class RowWork {
	/** The row she last moved onto herself, and when. */
	#moved: { rowId: string; at: number } | null = null;
	/** The row of an editor open now. */
	#editing: string | null = null;
	/** Her last key or click in the grid (or Enter in the search): the next focus is hers. */
	#input = -Infinity;

	/** A key or a click of hers in the grid (or Enter in the search, which picks a resident). */
	input(now = Date.now()): void {
		this.#input = now;
	}

	/** The grid's focus moved onto `rowId` (null: off the rows); by her, if she just acted. */
	focused(rowId: string | null, now = Date.now()): void {
		if (rowId && now - this.#input <= OWN_MOVE_MS) this.#moved = { rowId, at: now };
		// Put elsewhere by the page: she did not pick that resident. On the same row, it stays.
		else if (this.#moved?.rowId !== rowId) this.#moved = null;
	}

	/** An editor opened on `rowId`, or closed (null). */
	editing(rowId: string | null): void {
		this.#editing = rowId;
	}

	/** The row she is at work on now (null: none). */
	row(now = Date.now()): string | null {
		if (this.#editing) return this.#editing;
		const moved = this.#moved;
		return moved && now - moved.at < WORK_MS ? moved.rowId : null;
	}
}
