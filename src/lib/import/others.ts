/**
 * The rows of the workspace's OTHER sheets, for finding the same resident on another list (the
 * call list and the request board). Each sheet is opened through `acquire`, read from the
 * browser's copy (and from the server when it answers quickly), and released right after.
 *
 * A sheet the server has not delivered in `SERVER_WAIT_MS` (never opened in this browser, or its
 * copy possibly behind) is named as such, never counted as having no duplicates: found in an e2e
 * run on a loaded machine, «в других списках: 0» where the request board held 4. It is waited
 * for in the background, one sheet at a time, and read again when it comes (`onChange`).
 */
import { existingRowsOf, keyColumnsOf, type ExistingRow, type KeyColumns } from '../csv';
import { Sheet } from '../model/sheet';
import type { DocConnection } from '../sync/connection';

/** How long we wait for the server to bring a sheet before the duplicates are first counted. */
export const SERVER_WAIT_MS = 3000;
/**
 * In the background, how long one sheet is waited for before the next waiting one is tried
 * (only one is open at a time); offline, the one open is kept until the line is back.
 */
export const BACKGROUND_WAIT_MS = 30_000;
/** Between two rounds over the sheets still waiting. */
const ROUND_PAUSE_MS = 1000;

export type Acquire = (room: string) => {
	connection: DocConnection;
	release: (options?: { now?: boolean }) => void;
};

/** A sheet the server has not delivered: read from this browser's copy (`copy`), or not at all. */
export interface WaitingSheet {
	id: string;
	copy: boolean;
}

export interface OtherSheetRows {
	rows: ExistingRow[];
	keyColumnsBySheet: Record<string, KeyColumns>;
	/** The sheets not (fully) received from the server: their duplicates may be missing. */
	waiting: WaitingSheet[];
	/** The server was out of reach when they were read: the browser's copies only. */
	offline: boolean;
}

/**
 * Waits until `connection` has had its first exchange with the server, or `timeoutMs` passed
 * (never, with `null`), or — with `offlineEnds` — it is offline. Says whether it synced.
 */
function serverSynced(
	connection: DocConnection,
	timeoutMs: number | null,
	offlineEnds: boolean,
	stopped: () => boolean = () => false
): Promise<boolean> {
	const synced = () => connection.status.serverSynced;
	const over = () => synced() || (offlineEnds && connection.status.state === 'offline');
	if (over()) return Promise.resolve(synced());
	return new Promise((resolve) => {
		const done = () => {
			if (timer) clearTimeout(timer);
			clearInterval(poll);
			stop();
			resolve(synced());
		};
		const timer = timeoutMs === null ? null : setTimeout(done, timeoutMs);
		// The dialog may stop the wait: looked at now and then, the status may not change at all.
		const poll = setInterval(() => {
			if (stopped()) done();
		}, 250);
		const stop = connection.onStatus(() => {
			if (over()) done();
		});
	});
}

interface Read {
	rows: ExistingRow[];
	keys: KeyColumns | null;
}

function readSheet(connection: DocConnection, id: string): Read {
	const sheet = new Sheet(connection.doc);
	try {
		const keys = keyColumnsOf(sheet.columns());
		if (!keys.phone && !keys.name) return { rows: [], keys: null };
		return { rows: [...existingRowsOf(sheet, id, keys)], keys };
	} finally {
		sheet.destroy();
	}
}

/**
 * The other sheets' rows, read once (`ready`) and then kept up to date as the sheets the server
 * had not delivered come (`onChange`), until `stop()`.
 */
export class OtherSheets {
	readonly ready: Promise<void>;
	/** Called when a waiting sheet was received and read (not after `stop`). */
	onChange: (() => void) | null = null;
	#acquire: Acquire;
	#room: (id: string) => string;
	#read = new Map<string, Read>();
	#waiting = new Map<string, WaitingSheet>();
	#offline = false;
	#stopped = false;
	#order: string[];

	constructor(
		sheetIds: string[],
		options: { acquire: Acquire; room: (id: string) => string; waitMs?: number }
	) {
		this.#acquire = options.acquire;
		this.#room = options.room;
		this.#order = [...sheetIds];
		this.ready = this.#first(options.waitMs ?? SERVER_WAIT_MS).then(() => {
			void this.#background();
		});
	}

	/** What is known now. */
	current(): OtherSheetRows {
		const out: OtherSheetRows = {
			rows: [],
			keyColumnsBySheet: {},
			waiting: [],
			offline: this.#offline && this.#waiting.size > 0
		};
		for (const id of this.#order) {
			const read = this.#read.get(id);
			if (read?.keys) {
				out.keyColumnsBySheet[id] = read.keys;
				for (const row of read.rows) out.rows.push(row);
			}
			const waiting = this.#waiting.get(id);
			if (waiting) out.waiting.push(waiting);
		}
		return out;
	}

	/** No more waiting (the dialog closed, or the import started): the sheet open is released. */
	stop() {
		this.#stopped = true;
		this.onChange = null;
	}

	/** Opens the sheet, waits as told, reads it and releases it at once. */
	async #open(
		id: string,
		timeoutMs: number | null,
		offlineEnds: boolean
	): Promise<'synced' | 'waiting' | 'stopped'> {
		const { connection, release } = this.#acquire(this.#room(id));
		try {
			await connection.whenLocalLoaded;
			if (this.#stopped) return 'stopped';
			const synced = await serverSynced(connection, timeoutMs, offlineEnds, () => this.#stopped);
			if (this.#stopped) return 'stopped';
			const copy = connection.doc.store.clients.size > 0;
			this.#read.set(id, readSheet(connection, id));
			if (synced) {
				this.#waiting.delete(id);
				this.#offline = false;
			} else {
				this.#waiting.set(id, { id, copy });
				this.#offline = connection.status.state === 'offline';
			}
			return synced ? 'synced' : 'waiting';
		} finally {
			// Closed at once unless a page has it open: twenty lists held for 30 s each were
			// about a gigabyte of memory.
			release({ now: true });
		}
	}

	async #first(waitMs: number) {
		for (const id of this.#order) {
			if (this.#stopped) return;
			await this.#open(id, waitMs, true);
		}
	}

	/** One waiting sheet open at a time (a big one takes memory while open), round after round. */
	async #background() {
		while (!this.#stopped && this.#waiting.size > 0) {
			for (const id of this.#order) {
				if (this.#stopped) return;
				if (!this.#waiting.has(id)) continue;
				// Offline (or with no other to try) the wait would only read the same copy again: the
				// one open is kept until it comes. Online, a sheet the server is slow with lets the
				// others be tried.
				const alone = this.#waiting.size === 1;
				const result = await this.#open(
					id,
					this.#offline || alone ? null : BACKGROUND_WAIT_MS,
					false
				);
				if (result === 'synced' && !this.#stopped) this.onChange?.();
			}
			if (this.#waiting.size > 0) await new Promise((r) => setTimeout(r, ROUND_PAUSE_MS));
		}
	}
}

/**
 * What the duplicates line says of the sheets not received: those with no copy were not searched
 * at all; those read from this browser's copy may lack rows (offline: every copy, said once).
 */
export function waitingNote(
	waiting: readonly WaitingSheet[],
	offline: boolean
): { notReceived: string[]; copyOnly: string[]; offline: boolean } {
	return {
		notReceived: waiting.filter((w) => !w.copy).map((w) => w.id),
		copyOnly: offline ? [] : waiting.filter((w) => w.copy).map((w) => w.id),
		offline: offline && waiting.some((w) => w.copy)
	};
}
