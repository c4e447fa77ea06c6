/**
 * The row an operator is at work on, as her presence tells «Убрать повторы» (`Removal.busy` in
 * `import/twice.ts`): a stricter sign than the row of her focused cell. Found in review: any
 * presence on a row kept that copy, and a keyboard merely resting on a row is no sign she is
 * phoning that resident — two importers whom the page had put on the first row kept both copies
 * of Иванова (ffc7adc had to take that focus away). She is at work on a row:
 * - while an editor is open on it (typing a note, logging a call's result);
 * - for `WORK_MS` after she moved onto it herself: a key or a click in the grid, Enter or ↓ in
 *   the search, «Перейти к списку», or her search or filter leaving that row alone on the
 *   screen (she reads the number from it, the grid not touched) — not when the page put the
 *   keyboard there (after a dialog, a delete): she did not pick that resident. Her activity on
 *   the row (the mouse moving over it, a key there, a move within it) starts the time again: a
 *   call past a quarter of an hour with her at it stays hers (found in review: it went at 15
 *   minutes). The row is a resident, not a place in the grid: a colleague's rows moving it, in
 *   her sorted view far out of sight, the page putting her keyboard on another row, end nothing
 *   (found in review: the focus let go or put back by its place ended it) — only her own move
 *   to another row, or the time with nothing of hers on it.
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
	/** The row she last moved onto herself, and when she last moved onto it or was at it. */
	#moved: { rowId: string; at: number } | null = null;
	/** The row of an editor open now. */
	#editing: string | null = null;
	/** Her last key or click in the grid (or Enter in the search): the next focus is hers. */
	#input = -Infinity;

	/** A key or a click of hers in the grid (or Enter in the search, which picks a resident). */
	input(now = Date.now()): void {
		this.#input = now;
	}

	/** The page is about to move the keyboard (a dialog closed): that focus is not her move. */
	byPage(): void {
		this.#input = -Infinity;
	}

	/**
	 * The grid's focus moved onto `rowId` (null: off the rows). If she just acted, she moved: her
	 * work is on that row now (none, off the rows). Put elsewhere by the page, her work stays on
	 * her resident.
	 */
	focused(rowId: string | null, now = Date.now()): void {
		if (now - this.#input > OWN_MOVE_MS) return;
		this.#moved = rowId ? { rowId, at: now } : null;
	}

	/** She came to `rowId` by her own action off the grid (her search left it alone). */
	picked(rowId: string, now = Date.now()): void {
		this.#moved = { rowId, at: now };
	}

	/** Her activity on `rowId` (the mouse over it, a key there): her work on it goes on. */
	activeOn(rowId: string, now = Date.now()): void {
		const moved = this.#moved;
		if (moved?.rowId === rowId && now - moved.at < WORK_MS) this.#moved = { rowId, at: now };
	}

	/**
	 * An editor opened on `rowId`, or closed (null). Open on the row she moved onto, it was her at
	 * work there until it closed: her time on the row starts again then (found in review: she
	 * listened twenty minutes with the note open, clicked the search, and her copy lost its
	 * protection at once; Esc puts the grid's focus back on the cell, which started it again).
	 */
	editing(rowId: string | null, now = Date.now()): void {
		const closed = this.#editing;
		this.#editing = rowId;
		if (rowId === null && closed !== null && this.#moved?.rowId === closed)
			this.#moved = { rowId: closed, at: now };
	}

	/** The row of an editor open now (null: none): hers however long, her tab left alone or not. */
	editor(): string | null {
		return this.#editing;
	}

	/** The row she is at work on now (null: none). */
	row(now = Date.now()): string | null {
		if (this.#editing) return this.#editing;
		const moved = this.#moved;
		return moved && now - moved.at < WORK_MS ? moved.rowId : null;
	}
}
