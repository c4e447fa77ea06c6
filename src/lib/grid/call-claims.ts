/**
 * Who else is on the resident this operator is on, in a list she phones down: the colleagues
 * she must be told of before she dials («Этому жителю сейчас звонит Анна»). Read from the
 * presences (each operator's focused cell, which the relay drops when her tab closes or her line
 * goes, and every browser forgets after 30 s without news), never stored in the list: nobody is
 * locked out of a resident, and nothing is left behind by a closed laptop.
 *
 * She is told of a colleague who was on the row before she came, or who came within `RACE_MS`
 * after her (both landed at once: each is told). A colleague who comes later is the one told;
 * she sees the colleague's mark on the row. Times are this browser's own (when it saw each move),
 * so the operators' clocks do not matter.
 */

/** Two operators coming onto one row this close together (ms) landed there at once. */
export const RACE_MS = 3_000;

/**
 * No key, click, touch or mouse move on her tab this long (ms): her claim on the resident lapses
 * (`IdleWatch`), and comes back with her next key or move (a move or the wheel only while her
 * window is in front: `isActivity`). Found by exploration: an operator who
 * walked away from her laptop with a row selected kept the resident marked «Анна звонит этому
 * жителю» for hours, and colleagues going down «Не дозвонились» skipped him. Fifteen minutes:
 * a call to a lonely veteran or a consultation runs past ten minutes while she listens, hands off
 * the keyboard, and her mark must hold through it; a break or a lunch is longer.
 */
export const IDLE_MS = 15 * 60_000;

/** What of her window an event came to: in front (`document.hasFocus()`), and shown. */
export interface WindowState {
	focused: boolean;
	visible: boolean;
}

/** Events that are her at work on the tab only while its window is in front and shown. */
const PASSING = new Set(['pointermove', 'mousemove', 'wheel']);

/**
 * Whether an event on her tab is her working on it (`IdleWatch.active`): a key, a click or a touch
 * always (a click or a touch brings the window to the front); a mouse move or the wheel only
 * while the window is in front and shown. Found in review: the mouse passing over the list's
 * window in the background, on its way to another program or across a second screen, kept her
 * claim on the resident for as long as she worked elsewhere; that is not her on this call.
 */
export function isActivity(type: string, window: WindowState): boolean {
	return !PASSING.has(type) || (window.focused && window.visible);
}

/** Whether this operator has left her tab alone for `IDLE_MS` (times in ms). */
export class IdleWatch {
	#last: number;
	#idle = false;

	constructor(now = Date.now()) {
		this.#last = now;
	}

	get idle(): boolean {
		return this.#idle;
	}

	/** A key, a click, a move of the mouse: true when she was idle (her claim comes back). */
	active(now = Date.now()): boolean {
		this.#last = now;
		if (!this.#idle) return false;
		this.#idle = false;
		return true;
	}

	/** Asked from a timer: true once, when she has just become idle (her claim lapses). */
	check(now = Date.now()): boolean {
		if (this.#idle || now - this.#last < IDLE_MS) return false;
		this.#idle = true;
		return true;
	}
}

export interface ClaimPeer {
	clientId: number;
	name: string;
	/** This operator's own tab (not a colleague). */
	self?: boolean;
	operatorId?: string | null;
	cell?: { rowId: string } | null;
}

interface Arrival {
	rowId: string;
	/** When this browser saw the operator come onto the row. */
	since: number;
}

export class CallClaims {
	readonly #operatorId: string;
	#mine: Arrival | null = null;
	/** Colleague (client id) → the row they are on, and since when. */
	#peers = new Map<number, Arrival & { name: string }>();

	/** `operatorId`: this operator's id, so her own other tabs are not taken for colleagues. */
	constructor(operatorId: string) {
		this.#operatorId = operatorId;
	}

	/** This operator's focused row (null: none). A move within the row keeps her arrival. */
	setMine(rowId: string | null, now = Date.now()): void {
		if (this.#mine?.rowId === rowId) return;
		this.#mine = rowId ? { rowId, since: now } : null;
	}

	/** The presences as they are now. */
	setPeers(peers: readonly ClaimPeer[], now = Date.now()): void {
		const next = new Map<number, Arrival & { name: string }>();
		for (const peer of peers) {
			const rowId = peer.cell?.rowId;
			if (peer.self || !rowId || (peer.operatorId && peer.operatorId === this.#operatorId))
				continue;
			const before = this.#peers.get(peer.clientId);
			next.set(peer.clientId, {
				rowId,
				since: before?.rowId === rowId ? before.since : now,
				name: peer.name
			});
		}
		this.#peers = next;
	}

	/** The colleagues on her row she is to be told of, by name (each once). */
	warning(): string[] {
		const mine = this.#mine;
		if (!mine) return [];
		const names = new Set<string>();
		for (const peer of this.#peers.values())
			if (peer.rowId === mine.rowId && peer.since <= mine.since + RACE_MS) names.add(peer.name);
		return [...names];
	}
}
