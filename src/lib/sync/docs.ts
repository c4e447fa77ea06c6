/**
 * The documents this tab has open, shared between pages: the workspace doc stays open, a sheet
 * doc is opened by its page and closed a little after the last page lets it go (so going back
 * and forth does not reload a big sheet).
 */
import { version } from '$app/environment';
import { DeletedWorkLog, recordDeletes } from '$lib/grid/deleted-work';
import { DocConnection, PENDING_PREFIX, storedPendingCounts } from './connection';

/** The one workspace of this installation (several headquarters come with access control). */
export const WORKSPACE_ID = 'main';
/** How long a doc no page uses stays open. */
export const RELEASE_DELAY_MS = 30_000;

export function workspaceRoom(id = WORKSPACE_ID) {
	return `ws:${id}`;
}

const SHEET_ROOM_PREFIX = 'sheet:';

export function sheetRoom(sheetId: string) {
	return `${SHEET_ROOM_PREFIX}${sheetId}`;
}

/** ws://host/sync on the page's own origin (the relay shares the app's port). */
export function defaultServerUrl(): string {
	const { protocol, host } = window.location;
	return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/sync`;
}

interface Entry {
	connection: DocConnection;
	users: number;
	timer: ReturnType<typeof setTimeout> | null;
	/** A doc let go at once but still holding changes: stops watching for them to be sent. */
	unwatch: (() => void) | null;
	/** Stops noting the deletes of a list's rows and columns (`recordDeletes`). */
	stopRecording: () => void;
}

const open = new Map<string, Entry>();

/** Told when a doc opens or closes, or the status of an open one changes (`onDocsChange`). */
const docWatchers = new Set<() => void>();

function docsChanged() {
	for (const watcher of docWatchers) watcher();
}

/**
 * Called when any doc this tab has open changes its status, a doc is opened or closed, or another
 * tab of this browser writes its count of changes waiting. Returns the unsubscribe.
 */
export function onDocsChange(listener: () => void): () => void {
	docWatchers.add(listener);
	const storage = (event: StorageEvent) => {
		if (event.key === null || event.key.startsWith(PENDING_PREFIX)) listener();
	};
	if (typeof window !== 'undefined') window.addEventListener('storage', storage);
	return () => {
		docWatchers.delete(listener);
		if (typeof window !== 'undefined') window.removeEventListener('storage', storage);
	};
}

/**
 * How many of this browser's changes the server has not confirmed, in every room but `except`:
 * an open doc's own count (its tab's and those it carries), else what the tabs wrote in
 * localStorage (a closed tab's, or a doc this tab closed).
 */
export function pendingElsewhere(except: string): number {
	let sum = 0;
	for (const [room, entry] of open) if (room !== except) sum += entry.connection.status.pending;
	for (const { room, count } of storedPendingCounts())
		if (room !== except && !open.has(room)) sum += count;
	return sum;
}

/**
 * Closing or reloading the page while changes are not yet in the browser's store (a big
 * import's slices take seconds to write) would lose them: the browser asks first.
 */
function guardUnload() {
	if (typeof window === 'undefined') return;
	window.addEventListener('beforeunload', (event) => {
		for (const entry of open.values()) {
			if (entry.connection.unsaved) {
				event.preventDefault();
				event.returnValue = ''; // older browsers ask only with this set
				return;
			}
		}
	});
}
guardUnload();

/**
 * Open (or reuse) the doc of `room`. Call the returned `release` when done with it: the doc stays
 * open `RELEASE_DELAY_MS` for a page coming back to it, or closes at once with `{ now: true }`
 * when no page uses it (a sheet opened only to be read: the duplicate check reads every other
 * list, about 50 MB of heap each for 100,000 rows, and kept them all for 30 s).
 */
export function acquire(room: string): {
	connection: DocConnection;
	release: (options?: { now?: boolean }) => void;
} {
	let entry = open.get(room);
	if (!entry) {
		const connection = new DocConnection({
			room,
			serverUrl: defaultServerUrl(),
			appVersion: version
		});
		entry = {
			connection,
			users: 0,
			timer: null,
			unwatch: null,
			// A colleague's delete of rows or a column may come while no page of the list is open (the
			// list of sheets sends a closed tab's changes, and takes in the colleague's): noted, so that
			// the list's page tells her when she opens it.
			stopRecording: room.startsWith(SHEET_ROOM_PREFIX)
				? recordDeletes(connection.doc, connection, new DeletedWorkLog(room))
				: () => {}
		};
		open.set(room, entry);
		entry.connection.onStatus(docsChanged);
		docsChanged();
	}
	const e = entry;
	e.users++;
	if (e.timer) {
		clearTimeout(e.timer);
		e.timer = null;
	}
	e.unwatch?.();
	e.unwatch = null;
	let released = false;
	return {
		connection: e.connection,
		release(options = {}) {
			if (released) return;
			released = true;
			e.users--;
			if (e.users > 0) return;
			const close = () => {
				if (e.users > 0 || open.get(room) !== e) return;
				// Changes only this tab holds (the browser's store refuses them, a full disk, and the
				// server is away): closed, the doc would take them with it. Changes the server has not
				// confirmed (made offline): closed, the doc would not send them when the network is
				// back, and nothing would until the list was opened again — a list edited offline and
				// left for the list of sheets reached no colleague, while the bar there said «Все
				// изменения сохранены на сервере» (found by exploration).
				if (e.connection.unsaved || e.connection.status.pending > 0) {
					// Let go at once (a list read for the duplicate check, carrying a closed tab's
					// change): closed as soon as the server has it, not 30 s later with its 50 MB
					// (found by an e2e run on a loaded machine).
					if (options.now) {
						if (!e.unwatch) e.unwatch = e.connection.onStatus(() => queueMicrotask(close));
					} else e.timer = setTimeout(close, RELEASE_DELAY_MS);
					return;
				}
				e.unwatch?.();
				e.unwatch = null;
				open.delete(room);
				e.stopRecording();
				e.connection.destroy();
				docsChanged();
			};
			// Still writing to the browser's store (a big import left a moment ago): kept open until
			// written, so closing the tab still asks first (found in review).
			if (options.now) close();
			else e.timer = setTimeout(close, RELEASE_DELAY_MS);
		}
	};
}

/** Sheets this browser holds changes of that the server has not confirmed (a closed tab's). */
function sheetsWithLeftovers(): string[] {
	const ids = new Set<string>();
	for (const { room, count } of storedPendingCounts())
		if (count > 0 && room.startsWith(SHEET_ROOM_PREFIX))
			ids.add(room.slice(SHEET_ROOM_PREFIX.length));
	return [...ids];
}

/**
 * Sends the changes a closed tab left in this browser's store for sheets not open now, one
 * sheet at a time (a big one takes memory while open): without it they would reach the server
 * only when the operator opens that sheet again, and colleagues would not see them meanwhile.
 * `onProgress` gets how many sheets are left to send. Returns the stop.
 */
export function sendLeftovers(onProgress: (left: number) => void): () => void {
	const queue = sheetsWithLeftovers().filter((id) => !open.has(sheetRoom(id)));
	let stopped = false;
	let current: { release: (options?: { now?: boolean }) => void; unsubscribe: () => void } | null =
		null;
	const next = () => {
		current?.unsubscribe();
		// Sent: closed at once, before the next sheet is opened (one big sheet at a time).
		current?.release({ now: true });
		current = null;
		onProgress(queue.length);
		const id = queue.shift();
		if (stopped || id === undefined) return;
		const { connection, release } = acquire(sheetRoom(id));
		const check = () => {
			const { state, pending, localLoaded } = connection.status;
			if (localLoaded && state === 'saved' && pending === 0) next();
		};
		current = { release, unsubscribe: connection.onStatus(check) };
		check();
	};
	next();
	return () => {
		stopped = true;
		current?.unsubscribe();
		current?.release();
		current = null;
	};
}
