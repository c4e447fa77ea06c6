/**
 * One shared document in the browser: kept in IndexedDB (works with no network at all) and
 * synced through the relay with the standard y-websocket provider.
 *
 * The status never lies. "All changes saved on the server" is shown only after the relay has
 * confirmed it: the browser sends a state-vector query (message type 100) after its updates on
 * the same socket; the relay answers only once every earlier message of that socket is in its
 * store. Local changes made since the last confirmation are counted (and the count survives a
 * reload while offline).
 *
 * The socket opens once the browser's own copy is loaded: the first exchange with the relay then
 * carries only what either side lacks. Opened earlier, it raced IndexedDB: the relay sent the
 * whole sheet (the browser's state vector was still empty), and the browser sent its whole
 * stored copy back as an update (it arrived after the exchange) — about 30 MB each way for a
 * 100,000-row sheet, at every opening.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { messageSync, WebsocketProvider } from 'y-websocket';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { isUndoEntryOrigin } from '$lib/model/history';
import {
	PartReceiver,
	PARTS_PARAM,
	partedWebSocket,
	type PartsProgress,
	type UploadProgress
} from './parts';
import { BatchedIndexeddbPersistence, TAB_ID, type StoreFailure } from './persistence';

/**
 * How long a connection may wait for the relay's first answer (a whole list this browser does
 * not have yet) without being closed. y-websocket closes one after 30 s without a message, and
 * a message counts only once all of it has come: over a slow network the 19,159 residents of a
 * list took longer, the socket was closed mid-way and the download began again,
 * for ever (found by exploration: the list never opened). A connection still silent after this
 * is closed as before. Only for a doc that was empty when the socket opened: any other waits
 * for a difference, and a dead line must still be noticed after 30 s (found in review). (The
 * relay now sends a big list in parts, each a message: `parts.ts`; this stays for the seconds
 * the relay may take to load and encode it.)
 */
export const FIRST_SYNC_MAX_MS = 5 * 60_000;
/** How finely the status counts a long message coming or going (`SyncStatus.download`, `upload`). */
export const DOWNLOAD_STEP_BYTES = 100_000;
/** Custom message: the client asks, the relay answers with its state vector. */
export const messageStateVector = 100;

/**
 * A sync message carrying one update (`messageSync`, then y-protocols' `writeUpdate`), as
 * y-websocket makes it, in one buffer of its exact length.
 */
export function syncUpdateMessage(update: Uint8Array): Uint8Array {
	const header = encoding.encode((encoder) => {
		encoding.writeVarUint(encoder, messageSync);
		encoding.writeVarUint(encoder, syncProtocol.messageYjsUpdate);
		encoding.writeVarUint(encoder, update.length);
	});
	const message = new Uint8Array(header.length + update.length);
	message.set(header);
	message.set(update, header.length);
	return message;
}
/** Longest wait between reconnection attempts (exponential backoff up to this). */
export const MAX_BACKOFF_MS = 10_000;
/** y-websocket waits 2^(n + 1) × 100 ms after its n-th failed attempt: with this n, MAX_BACKOFF_MS. */
const REFUSED_RECONNECTS = Math.ceil(Math.log2(MAX_BACKOFF_MS / 100)) - 1;
/** The socket waits at most this long for the browser's copy (a stuck IndexedDB). */
export const LOCAL_LOAD_WAIT_MS = 5_000;
/** Local edits are confirmed in batches: a query at most this often. */
export const CONFIRM_DEBOUNCE_MS = 250;
/**
 * A connection that has brought nothing for this long is asked for the relay's state vector.
 * y-websocket closes a connection after 30 s without a message, to notice a dead one; the relay
 * sends a presence only to the colleagues, never back, so an operator alone in a sheet got
 * nothing, and her working connection was closed every 33 s (the status bar said «Нет связи с
 * сервером» each time; found by exploration). A dead connection does not answer, and is still
 * closed.
 */
export const QUIET_MS = 10_000;
/**
 * A query the relay has not answered for this long, with nothing else received from it and
 * nothing left to send meanwhile, and the status says the server does not answer: the line or
 * the server went silent (a modem that lost its network, a server laptop asleep). A big message
 * still coming on a slow line does not count: the relay sends it in parts, each one received
 * (`parts.ts`), and the answer is handled after it. y-websocket closes a silent connection only
 * after 30 s without a message; until then the status said «Синхронизация…» as if her edits were on their way (found
 * by exploration). Not «offline»: the connection stays, and an answer that comes after all
 * brings the status back at once.
 */
export const SILENT_MS = 5_000;
/**
 * The relay's close when the page runs another version of the app than the server's
 * (`server/relay.js`): the page must be reloaded before it syncs again.
 */
export const CLOSE_APP_VERSION = 4409;
/**
 * The relay's close when it could not store an update (`server/relay.js`: a full data disk,
 * a data folder gone): code and reason.
 */
export const CLOSE_STORE_UNAVAILABLE = { code: 1011, reason: 'store unavailable' } as const;
/**
 * The relay's close when it holds too much already (`server/relay.js`: too many connections from
 * this address, `MAX_PER_ADDRESS`, or too many lists in use, `MAX_DOCS`).
 */
export const CLOSE_TOO_MANY = 4529;
/**
 * Sockets refused in a row, each while the server answered `/healthz`, before the status says
 * the server refuses this page (`SyncStatus.serverRefuses`): one is what a server starting up
 * between the attempt and the question looks like.
 */
const REFUSED_ATTEMPTS = 2;
/**
 * How long the question to `/healthz` is waited for. A line that swallows requests without an
 * answer held it for good: no question was asked again, and a server once said to refuse was
 * said to until the page was reloaded, the line gone.
 */
export const PROBE_TIMEOUT_MS = 5_000;

export type SyncState = 'offline' | 'connecting' | 'syncing' | 'saved';

/** What `/healthz` answers (`server/app.js`); `access`: whether this browser holds the key. */
interface HealthAnswer {
	ok?: unknown;
	access?: unknown;
}

export interface SyncStatus {
	state: SyncState;
	/** Local changes not yet confirmed by the server. */
	pending: number;
	/** Connected, but the relay has not answered for `SILENT_MS` (see there). */
	unanswered: boolean;
	/**
	 * The relay refused this browser's changes because it could not store them (a full disk on
	 * the server), and has not confirmed them since: they wait in the browser.
	 */
	serverCannotStore: boolean;
	/**
	 * The relay refused this page's connection for one of its limits (too many connections from
	 * this computer's address, or too many lists open on the server), and has not let it in
	 * since: its changes wait in the browser, and it tries again every `MAX_BACKOFF_MS`.
	 */
	serverBusy: boolean;
	/**
	 * The server answers the page (`/healthz`) but its sockets were refused again and again: a
	 * reverse proxy that rewrites `Host` or drops the upgrade, an address not in `ALLOWED_HOSTS`
	 * (the relay's 403). A browser sees only a failed socket, as with the network down; she was
	 * told «Нет связи с сервером» for good, and no one saw another's work (found by exploration).
	 */
	serverRefuses: boolean;
	/**
	 * Of those refusals: the server says this browser lacks its access key (`server/access.js`:
	 * the key was changed, or the cookie holding it was cleared). Her changes wait in the
	 * browser until she opens the coordinator's new link.
	 */
	accessDenied: boolean;
	/** The browser's own copy has been read (the doc is usable offline). */
	localLoaded: boolean;
	/** The first exchange with the server has completed at least once. */
	serverSynced: boolean;
	/** A problem with local storage, if any. */
	storageError: string | null;
	/**
	 * How much of a long message from the relay (a list opened for the first time, a
	 * colleague's import) has come, while one is coming: counted in steps of
	 * `DOWNLOAD_STEP_BYTES`, so that a fast line does not redraw the page at every part.
	 */
	download: PartsProgress | null;
	/**
	 * How much of this page's long messages (an import made offline, sent when the line is back)
	 * the relay has taken, while some are going: counted in steps of `DOWNLOAD_STEP_BYTES`. Until
	 * the relay confirms it stored them, the state is not «saved».
	 */
	upload: UploadProgress | null;
	/**
	 * The browser's store does not take this doc's changes (a full disk): they are not kept on
	 * this computer until it does (`persistence.ts` writes them again).
	 */
	storeFailure: StoreFailure | null;
	/** This tab's changes are being written to the browser's store (not yet safe from a close). */
	savingLocally: boolean;
	/**
	 * The server runs another version of the app: this page no longer syncs until it is reloaded
	 * (its changes wait in the browser's store meanwhile).
	 */
	outdated: boolean;
}

export interface ConnectionOptions {
	room: string;
	serverUrl: string;
	doc?: Y.Doc;
	/** Keep a copy in IndexedDB (off in Node tests, where there is none). */
	persist?: boolean;
	WebSocketPolyfill?: typeof WebSocket;
	/**
	 * The version of the app this page runs, sent to the relay, which closes the connection if
	 * the server's is another (`CLOSE_APP_VERSION`). Without it the relay does not check.
	 */
	appVersion?: string;
}

/**
 * Each tab counts its own changes the server has not confirmed under a key of its own,
 * `shtab:pending:<room>#<tab>` = `<count> <time> <since>`: a tab's count must never overwrite
 * another's (a closed tab's leftovers were hidden so, and the list of sheets did not send them).
 * Its own only, never those it carries from another tab or an earlier session: a reloaded tab
 * adds the keys up.
 */
export const PENDING_PREFIX = 'shtab:pending:';

/** Per room, when this tab last had changes of it the server had not confirmed (`unsavedLately`). */
const lastUnsaved = new Map<string, number>();

/**
 * When this tab last had changes of a room (its own, or carried from a closed tab or an earlier
 * session) that the server had not confirmed, up to the moment it confirmed them; undefined when
 * it has had none since the page loaded. A list a colleague deleted then may have been deleted
 * before that work reached her.
 */
export function unsavedLately(room: string): number | undefined {
	return lastUnsaved.get(room);
}

function storageKey(room: string) {
	return `${PENDING_PREFIX}${room}#${TAB_ID}`;
}

/**
 * A count of changes in localStorage: its key, its room, the count, when it was written, and
 * since when that tab had changes the server had not confirmed (`at` when not written).
 */
export interface StoredPending {
	key: string;
	room: string;
	count: number;
	at: number;
	since: number;
}

/** Every tab's (and closed tab's) count of changes the server has not confirmed, of any room. */
export function storedPendingCounts(): StoredPending[] {
	const found: StoredPending[] = [];
	try {
		const storage = globalThis.localStorage;
		for (let i = 0; i < (storage?.length ?? 0); i++) {
			const key = storage.key(i);
			if (!key?.startsWith(PENDING_PREFIX)) continue;
			// `<prefix><room>#<tab>`, or `<prefix><room>` alone: the one key all tabs shared before.
			const room = key.slice(PENDING_PREFIX.length).split('#')[0];
			const [count, at, since] = (storage.getItem(key) ?? '').split(' ');
			found.push({
				key,
				room,
				count: Number(count) || 0,
				at: Number(at) || 0,
				since: Number(since) || Number(at) || 0
			});
		}
	} catch {
		// Storage blocked: nothing known.
	}
	return found;
}

/** The changes those counts add up to. */
function total(counts: StoredPending[]): number {
	return counts.reduce((sum, p) => sum + p.count, 0);
}

/** Other tabs' (or closed tabs') counts of a room. */
function storedPending(room: string): StoredPending[] {
	const own = storageKey(room);
	return storedPendingCounts().filter((p) => p.room === room && p.key !== own);
}

export class DocConnection {
	readonly room: string;
	readonly doc: Y.Doc;
	readonly provider: WebsocketProvider;
	readonly persistence: BatchedIndexeddbPersistence | null;
	readonly whenLocalLoaded: Promise<void>;
	/** Puts together the relay's long messages, sent in parts (`parts.ts`). */
	readonly parts: PartReceiver;

	#status: SyncStatus;
	readonly #listeners = new Set<() => void>();
	readonly #cleanup: (() => void)[] = [];

	/** Local updates made in this session (a counter, not a clock). */
	#localSeq = 0;
	/** Highest `#localSeq` the server has confirmed. */
	#confirmedSeq = 0;
	/** Unconfirmed changes left from an earlier session of this browser. */
	#carried: number;
	/** Queries sent and not answered, oldest first: the local sequence and state vector when each was sent. */
	#inflight: {
		/** When it was sent. */
		sentAt: number;
		seq: number;
		state: Map<number, number>;
		/** Sent with the stored copy read: its confirmation covers changes carried from it. */
		carried: boolean;
		/** When the stored copy was last read, as the query was sent. */
		readUpTo: number;
		/** `#uploadsTaken` as it was sent: its confirmation covers those uploads. */
		uploads: number;
	}[] = [];
	#confirmTimer: ReturnType<typeof setTimeout> | null = null;
	/** A connection attempt has failed or dropped: from then on "not connected" means offline. */
	#attemptFailed = false;
	/** The browser's copy is loaded (or was waited for long enough): the socket may open. */
	#localReady = false;
	/** The browser has not said it is offline. */
	#online = true;
	/** The stored copy has been read (or cannot be): changes counted from an earlier session are in the doc. */
	#copyRead = false;
	/** The count last written to this tab's localStorage key (-1: none yet). */
	#writtenPending = -1;
	/** The relay has not answered a query for `SILENT_MS` (see there): taken for offline. */
	#silent = false;
	/** When this socket last had bytes still to send (a big update on a slow line). */
	#lastSending = 0;
	/** Since when this tab has had changes the server has not confirmed (null: none). */
	#pendingSince: number | null = null;
	/** The same for the changes carried from an earlier session (null: none). */
	#carriedSince: number | null = null;
	/** When the socket last opened. */
	#connectedAt = 0;
	/** The socket of the present attempt has opened (its close is then no refusal). */
	#opened = false;
	/** Sockets refused in a row while the server answered (`REFUSED_ATTEMPTS`). */
	#refusals = 0;
	/** A question to `/healthz` is on its way. */
	#probing = false;
	#destroyed = false;
	/** The doc was empty when the socket opened: its first answer is the whole list. */
	#firstLoad = false;
	/** Uploads (this page's long messages, `SyncStatus.upload`) the relay has taken whole. */
	#uploadsTaken = 0;
	/** Of those, how many a relay's answer has shown stored (a query sent after them). */
	#uploadsConfirmed = 0;

	constructor(options: ConnectionOptions) {
		this.room = options.room;
		this.doc = options.doc ?? new Y.Doc();
		const carried = storedPending(this.room);
		this.#carried = total(carried);
		if (carried.length) this.#carriedSince = Math.min(...carried.map((p) => p.since));
		this.#status = {
			state: 'connecting',
			pending: this.#carried,
			unanswered: false,
			serverCannotStore: false,
			serverBusy: false,
			serverRefuses: false,
			accessDenied: false,
			localLoaded: false,
			serverSynced: false,
			storageError: null,
			download: null,
			upload: null,
			storeFailure: null,
			savingLocally: false,
			outdated: false
		};

		const Base = options.WebSocketPolyfill ?? globalThis.WebSocket;
		const socketClass =
			Base &&
			partedWebSocket(Base, {
				onUpload: (socket) => {
					if (socket === this.provider.ws) this.#onUpload(socket.upload);
				}
			});
		this.provider = new WebsocketProvider(options.serverUrl, this.room, this.doc, {
			connect: false,
			// Tabs of one browser meet at the relay, not on a BroadcastChannel: joining one, the
			// provider posts the whole doc to every other tab (30 MB for a big sheet) at every
			// connect. (While the relay is unreachable, tabs see each other's edits once it is
			// back; each tab's own are in IndexedDB meanwhile.)
			disableBc: true,
			maxBackoffTime: MAX_BACKOFF_MS,
			// The relay sends a long message (a big list) in parts to a page that says it takes them.
			params: { [PARTS_PARAM]: '1', ...(options.appVersion ? { v: options.appVersion } : {}) },
			// Its own long messages go to the relay in parts too (`parts.ts`).
			...(socketClass ? { WebSocketPolyfill: socketClass } : {})
		});
		// The provider sends every update it has not received itself; until the socket opens
		// there is nowhere to send, and the exchange on opening carries what the relay lacks.
		this.doc.off('update', this.provider._updateHandler);
		// The same message as the provider's, made with one copy of the update instead of three
		// (its encoder grows by doubling, then joins its parts): an import's 26 MB of staged rows
		// cost the page about 0.3 s of copying (`node bench/run.js import`, profiled).
		const provider = this.provider;
		provider._updateHandler = (update: Uint8Array, origin: unknown) => {
			if (origin === provider) return;
			const ws = provider.ws;
			if (provider.wsconnected && ws && ws.readyState === ws.OPEN)
				ws.send(syncUpdateMessage(update));
		};
		this.provider.messageHandlers[messageStateVector] = (_encoder, decoder) => {
			this.#onServerStateVector(decoding.readVarUint8Array(decoder));
		};
		// Last: it takes over the handlers set until now.
		this.parts = new PartReceiver(this.provider, () => {
			const progress = this.parts.progress;
			const step = (n: number) => n - (n % DOWNLOAD_STEP_BYTES);
			const download = progress && {
				received: step(progress.received),
				total: progress.total
			};
			const shown = this.#status.download;
			if (download?.received !== shown?.received || download?.total !== shown?.total)
				this.#set({ download });
		});

		if (options.persist !== false && typeof indexedDB !== 'undefined') {
			this.persistence = new BatchedIndexeddbPersistence(this.room, this.doc);
			this.persistence.remoteOrigin = this.provider;
			const persistence = this.persistence;
			this.#cleanup.push(
				persistence.onWriting(() => {
					const { writing, failure } = persistence;
					if (writing !== this.#status.savingLocally || failure !== this.#status.storeFailure)
						this.#set({ savingLocally: writing, storeFailure: failure });
				})
			);
			const waited = setTimeout(() => this.#openSocket(), LOCAL_LOAD_WAIT_MS);
			this.#cleanup.push(() => clearTimeout(waited));
			this.whenLocalLoaded = Promise.race([
				this.persistence.whenSynced.then(() => ({ localLoaded: true })),
				// IndexedDB refused to open (a private window, a full disk): the relay still works.
				this.persistence._db.then(
					() => new Promise<never>(() => {}),
					(e: unknown) => ({ localLoaded: true, storageError: String(e) })
				)
			]).then((patch) => {
				clearTimeout(waited);
				this.#copyRead = true;
				this.#set(patch);
				this.#openSocket();
				// Opened before the copy was read (see LOCAL_LOAD_WAIT_MS): ask again, so that an
				// earlier session's changes are confirmed (or sent) now that they are in the doc.
				if (this.provider.synced) this.#scheduleConfirm();
			});
		} else {
			this.persistence = null;
			this.whenLocalLoaded = Promise.resolve();
			this.#status.localLoaded = true;
			// A browser with no IndexedDB at all (some private windows, a locked-down profile): its
			// edits live in the tab only, and she is told so as for a store that refused to open
			// (found by exploration: nothing was said).
			if (options.persist !== false && typeof window !== 'undefined')
				this.#status.storageError = 'IndexedDB';
		}

		// Counted after each transaction rather than on 'update': an 'update' listener makes Yjs
		// encode every transaction, the load of the stored copy included.
		const onTransaction = (transaction: Y.Transaction) => {
			const origin = transaction.origin;
			if (origin === this.provider) return;
			if (origin === this.persistence && this.persistence) {
				// The stored copy: the first load, or what another tab stored since (read in by
				// the persistence). The latter waits for the server like this tab's own changes.
				if (!this.#copyRead || !changesDoc(transaction)) return;
				// One read-in may hold several of the other tab's changes (it reads what was
				// stored since its last read, and a tab the browser froze in the background reads
				// them all at once): that tab's own count says how many (found in CI: «ждут
				// отправки: 2» beside the other tab's 3).
				const stored = total(storedPending(this.room));
				this.#carried = stored > 0 ? Math.max(this.#carried, stored) : this.#carried + 1;
				this.#changed();
				this.#scheduleConfirm();
				return;
			}
			if (!changesDoc(transaction)) return;
			// An undo's or redo's history entry is written in a transaction of its own right after
			// it: one step of hers, one change waiting (each counted two; found by exploration). The
			// query that confirms the step is sent after both, so it covers the entry too.
			if (!isUndoEntryOrigin(origin)) this.#localSeq++;
			this.#changed();
			this.#scheduleConfirm();
		};
		const onStatus = (event: { status: string }) => {
			if (event.status === 'connected') {
				this.#connectedAt = Date.now();
				this.#opened = true;
				this.#refusals = 0;
				if (this.#status.serverRefuses)
					this.#status = { ...this.#status, serverRefuses: false, accessDenied: false };
				this.#firstLoad = this.doc.store.clients.size === 0;
				const awareness = this.provider.awareness;
				// At the close, y-websocket forgot the colleagues' presences but kept their clocks:
				// the relay's copies, sent again now at those clocks, were taken for ones already
				// known and dropped, so a colleague was missing until his next renewal (up to 15 s
				// after every network drop; found by exploration). Forgotten whole, they are taken.
				for (const client of [...awareness.meta.keys()])
					if (client !== this.doc.clientID && !awareness.states.has(client))
						awareness.meta.delete(client);
				// y-websocket sends the presence again at the clock the relay has, which it ignores:
				// the presence would stay with the old connection (after a network drop the relay
				// may still hold it) and go with it. A new clock makes it this connection's.
				const state = awareness.getLocalState();
				if (state !== null) awareness.setLocalState(state);
			}
			this.#changed();
		};
		const onSync = (synced: boolean) => {
			if (synced) {
				this.#set({ serverSynced: true, serverBusy: false });
				this.#sendQuery();
			}
		};
		const onClose = (event: CloseEvent | null) => {
			// Refused by a server that cannot store them: told as such, not as the network (found
			// by exploration: with the server's disk full the bar went from «Нет связи» to
			// «Синхронизация…» and back at each of its refusals).
			if (
				event?.code === CLOSE_STORE_UNAVAILABLE.code &&
				event.reason === CLOSE_STORE_UNAVAILABLE.reason
			) {
				this.#status = { ...this.#status, serverCannotStore: true };
				// Refused until space is freed: asked again every MAX_BACKOFF_MS. y-websocket starts
				// its back-off again after each connection that synced, and this one synced before
				// the refusal: the page sent all its waiting changes again five times a second
				// (found by exploration: 200 reconnects a minute to a server with a full disk).
				this.provider.wsUnsuccessfulReconnects = Math.max(
					this.provider.wsUnsuccessfulReconnects,
					REFUSED_RECONNECTS
				);
			}
			if (event?.code !== CLOSE_TOO_MANY && this.#status.serverBusy)
				// Closed for another reason (the network, the server gone): the bar says that now,
				// not that the server turns the tab away.
				this.#status = { ...this.#status, serverBusy: false };
			if (event?.code === CLOSE_TOO_MANY) {
				this.#status = { ...this.#status, serverBusy: true };
				// Asked again every MAX_BACKOFF_MS, not five times a second: the limit is there for
				// a server that already holds too much.
				this.provider.wsUnsuccessfulReconnects = Math.max(
					this.provider.wsUnsuccessfulReconnects,
					REFUSED_RECONNECTS
				);
			}
			if (!this.#opened) this.#askServer();
			this.#opened = false;
			this.parts.reset();
			if (this.#status.upload !== null) this.#status = { ...this.#status, upload: null };
			this.#inflight = [];
			this.#silent = false;
			this.#attemptFailed = true;
			this.#changed();
		};
		const onError = () => {
			this.#attemptFailed = true;
			this.#changed();
		};
		// The provider does not reconnect after a close in 4400–4499; this one says why.
		const onClosed = (event: { code: number }) => {
			if (event.code === CLOSE_APP_VERSION) this.#set({ outdated: true });
		};
		this.doc.on('afterTransaction', onTransaction);
		this.provider.on('status', onStatus);
		this.provider.on('sync', onSync);
		this.provider.on('connection-close', onClose);
		this.provider.on('connection-error', onError);
		this.provider.on('closed', onClosed);
		this.#cleanup.push(
			() => this.doc.off('afterTransaction', onTransaction),
			() => this.provider.off('status', onStatus),
			() => this.provider.off('sync', onSync),
			() => this.provider.off('connection-close', onClose),
			() => this.provider.off('connection-error', onError),
			() => this.provider.off('closed', onClosed)
		);

		if (typeof window !== 'undefined') {
			// The browser knows first when the network is gone; don't wait for a socket timeout.
			const offline = () => {
				this.#online = false;
				this.#refusals = 0;
				if (this.#status.serverRefuses)
					this.#status = { ...this.#status, serverRefuses: false, accessDenied: false };
				if (this.#status.serverBusy) this.#status = { ...this.#status, serverBusy: false };
				this.provider.disconnect();
				this.#changed();
			};
			const online = () => {
				this.#online = true;
				if (this.#localReady && !this.#status.outdated) this.provider.connect();
				this.#changed();
			};
			window.addEventListener('offline', offline);
			window.addEventListener('online', online);
			this.#cleanup.push(
				() => window.removeEventListener('offline', offline),
				() => window.removeEventListener('online', online)
			);
			if (navigator.onLine === false) this.#online = false;
		}
		const keepAlive = setInterval(() => {
			const provider = this.provider;
			if (
				provider.wsconnected &&
				!provider.synced &&
				this.#firstLoad &&
				Date.now() - this.#connectedAt < FIRST_SYNC_MAX_MS
			) {
				// The first answer is still coming: the connection is not taken for a dead one.
				provider.wsLastMessageReceived = Date.now();
				return;
			}
			const quiet = Date.now() - this.provider.wsLastMessageReceived;
			if (quiet >= QUIET_MS && this.#inflight.length === 0) this.#sendQuery();
			this.#checkSilence();
		}, 1_000);
		this.#cleanup.push(() => clearInterval(keepAlive));
		if (!this.persistence) {
			this.#copyRead = true;
			this.#openSocket();
		}
	}

	/**
	 * Whether the relay has gone silent (see `SILENT_MS`): the oldest query unanswered that long
	 * since it was sent, since the last message received, and since this side last had bytes
	 * waiting to go (an answer comes after the relay has read and stored what was sent before).
	 */
	#checkSilence() {
		const now = Date.now();
		const ws = this.provider.ws;
		if (ws && ws.bufferedAmount > 0) this.#lastSending = now;
		const oldest = this.#inflight[0];
		const silent =
			oldest !== undefined &&
			now - Math.max(oldest.sentAt, this.provider.wsLastMessageReceived, this.#lastSending) >=
				SILENT_MS;
		if (silent !== this.#silent) {
			this.#silent = silent;
			this.#changed();
		}
	}

	/**
	 * The socket's upload went on: shown in steps; once the relay has taken all of it, a query
	 * asks it to confirm it stored it (the state says «saved» only then: taken is not stored).
	 */
	#onUpload(progress: UploadProgress | null) {
		const step = (n: number) => n - (n % DOWNLOAD_STEP_BYTES);
		const upload = progress && { sent: step(progress.sent), total: progress.total };
		const shown = this.#status.upload;
		if (upload?.sent === shown?.sent && upload?.total === shown?.total) return;
		if (upload === null) this.#uploadsTaken++;
		this.#set({ upload });
		if (upload === null) this.#sendQuery();
	}

	/** Once the browser's copy is loaded (or waited for long enough): sync with the relay. */
	#openSocket() {
		if (this.#localReady) return;
		this.#localReady = true;
		this.doc.on('update', this.provider._updateHandler);
		if (this.#online) this.provider.connect();
		this.#changed();
	}

	/**
	 * Since when some change of this browser's (this tab's, or carried from an earlier session
	 * or a closed tab) has not been confirmed by the server; null when none is waiting.
	 */
	get unsavedSince(): number | null {
		const times = [this.#pendingSince, this.#carried > 0 ? this.#carriedSince : null].filter(
			(t): t is number => t !== null
		);
		return times.length ? Math.min(...times) : null;
	}

	get status(): SyncStatus {
		return this.#status;
	}

	/**
	 * Whether closing the page now would lose changes: some not yet written to the browser's
	 * store, or (with no store, or one that refuses them) not yet confirmed by the server.
	 */
	get unsaved(): boolean {
		if (this.persistence && !this.#status.storageError && !this.#status.storeFailure)
			return this.persistence.writing;
		return this.#status.pending > 0;
	}

	get awareness() {
		return this.provider.awareness;
	}

	/** Called whenever the status changes. Returns the unsubscribe. */
	onStatus(listener: () => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	#set(patch: Partial<SyncStatus>) {
		this.#status = { ...this.#status, ...patch };
		this.#changed();
	}

	#changed() {
		const pending = this.#carried + Math.max(0, this.#localSeq - this.#confirmedSeq);
		const connected = this.provider.wsconnected;
		const state: SyncState = !connected
			? (this.provider.wsconnecting || !this.#localReady) && this.#online && !this.#attemptFailed
				? 'connecting'
				: 'offline'
			: !this.provider.synced ||
				  pending > 0 ||
				  this.#status.upload !== null ||
				  this.#uploadsConfirmed < this.#uploadsTaken
				? 'syncing'
				: 'saved';
		const own = pending - this.#carried;
		if (own <= 0) this.#pendingSince = null;
		else this.#pendingSince ??= Date.now();
		const prev = this.#status;
		if (pending > 0 || prev.pending > 0) lastUnsaved.set(this.room, Date.now());
		const unanswered = connected && this.#silent;
		if (prev.state !== state || prev.pending !== pending || prev.unanswered !== unanswered) {
			this.#status = { ...prev, state, pending, unanswered };
		}
		// This tab's own changes only: those carried (another tab's, read in from the store, or
		// an earlier session's) are counted under their own tab's key, which stays until the
		// server has them. Written with the carried ones too, a reload added them up again: two
		// tabs offline with three edits said 6 after one reload, 12 after the next (found by
		// exploration).
		// Written when the count changes, with that moment: another tab that has read this one's
		// changes since may forget it (`#forgetCarried`). Rewritten at every status change, a
		// count stayed newer than any read, and was never forgotten.
		if (own !== this.#writtenPending) {
			this.#writtenPending = own;
			try {
				const storage = globalThis.localStorage;
				const since = this.#pendingSince ?? Date.now();
				if (own > 0) storage?.setItem(storageKey(this.room), `${own} ${Date.now()} ${since}`);
				else storage?.removeItem(storageKey(this.room));
			} catch {
				// Storage full or blocked: the count is only a hint; the doc itself is in IndexedDB.
			}
		}
		for (const listener of this.#listeners) listener();
	}

	#scheduleConfirm() {
		if (this.#confirmTimer !== null) return;
		this.#confirmTimer = setTimeout(() => {
			this.#confirmTimer = null;
			this.#sendQuery();
		}, CONFIRM_DEBOUNCE_MS);
	}

	/** Ask the relay to confirm everything sent so far on this socket. */
	#sendQuery() {
		const ws = this.provider.ws;
		if (!this.provider.wsconnected || !this.provider.synced || !ws || ws.readyState !== 1) return;
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, messageStateVector);
		this.#inflight.push({
			sentAt: Date.now(),
			seq: this.#localSeq,
			state: Y.decodeStateVector(Y.encodeStateVector(this.doc)),
			carried: this.#copyRead,
			readUpTo: this.persistence?.readUpTo ?? Date.now(),
			uploads: this.#uploadsTaken
		});
		ws.send(encoding.toUint8Array(encoder));
	}

	#onServerStateVector(encoded: Uint8Array) {
		const query = this.#inflight.shift();
		if (query === undefined) return;
		this.#silent = false;
		// Belt and braces: the server must hold every item this browser had when it asked. (Not
		// what it has now: updates sent after the query are on their way, not missing.)
		const server = Y.decodeStateVector(encoded);
		let complete = true;
		for (const [client, clock] of query.state) {
			if ((server.get(client) ?? 0) < clock) complete = false;
		}
		if (complete) {
			if (this.#status.serverCannotStore)
				this.#status = { ...this.#status, serverCannotStore: false };
			this.#confirmedSeq = Math.max(this.#confirmedSeq, query.seq);
			this.#uploadsConfirmed = Math.max(this.#uploadsConfirmed, query.uploads);
			// An earlier session's changes are confirmed only once they are in the doc.
			if (this.#copyRead && query.carried) {
				this.#carried = 0;
				this.#carriedSince = null;
				this.#forgetCarried(query.readUpTo);
			}
		} else {
			// The server lacks something: send it what it misses, then ask again.
			this.#sendMissing(encoded);
			this.#scheduleConfirm();
		}
		this.#changed();
	}

	/**
	 * Other tabs' counts written before the stored copy was last read: what they counted is in
	 * this doc, and now on the server. (A tab still open writes its count again at its next
	 * change; a count written after the read may be of changes not read yet, and stays.)
	 */
	#forgetCarried(readUpTo: number) {
		try {
			for (const { key, at } of storedPending(this.room))
				if (at <= readUpTo) globalThis.localStorage?.removeItem(key);
		} catch {
			// Storage blocked: nothing to forget.
		}
	}

	#sendMissing(serverStateVector: Uint8Array) {
		const ws = this.provider.ws;
		if (!ws || ws.readyState !== 1) return;
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, messageSync);
		syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(this.doc, serverStateVector));
		ws.send(encoding.toUint8Array(encoder));
	}

	/**
	 * A socket was refused before it opened: whether the server answers the page all the same
	 * (`SyncStatus.serverRefuses`). Not in Node (the tests' clients): only a page is refused so.
	 */
	#askServer() {
		if (this.#probing || !this.#online || typeof window === 'undefined') return;
		let url: URL;
		try {
			url = new URL(this.provider.url);
		} catch {
			return;
		}
		url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
		url.pathname = '/healthz';
		url.search = '';
		this.#probing = true;
		// The server's own answer (`{"ok":true,…}`), not any page: a hotel's login page or a
		// proxy's error page in its place is no sign of the server.
		void fetch(url, {
			cache: 'no-store',
			redirect: 'error',
			// Not in browsers before 2022 (Chrome 103, Safari 16): there the question waits as long
			// as the line holds it, rather than throwing in the socket's close handler.
			signal:
				typeof AbortSignal.timeout === 'function'
					? AbortSignal.timeout(PROBE_TIMEOUT_MS)
					: undefined
		})
			.then((answer) => (answer.ok ? answer.json() : null))
			.then(
				(body: unknown) => {
					const health = typeof body === 'object' && body !== null ? (body as HealthAnswer) : null;
					return { answers: health?.ok === true, denied: health?.access === false };
				},
				() => ({ answers: false, denied: false })
			)
			.then(({ answers, denied }) => {
				this.#probing = false;
				if (this.#destroyed || this.provider.wsconnected) return;
				this.#refusals = answers ? this.#refusals + 1 : 0;
				// The server saying this browser has no key is no passing state: said at once.
				const accessDenied = answers && denied;
				const refuses = accessDenied || this.#refusals >= REFUSED_ATTEMPTS;
				if (refuses !== this.#status.serverRefuses || accessDenied !== this.#status.accessDenied)
					this.#set({ serverRefuses: refuses, accessDenied });
			});
	}

	/** Force the status to re-check with the server (e.g. after the tab wakes up). */
	confirm() {
		this.#sendQuery();
	}

	destroy() {
		this.#destroyed = true;
		this.#localReady = true;
		if (this.#confirmTimer !== null) clearTimeout(this.#confirmTimer);
		for (const fn of this.#cleanup.splice(0)) fn();
		this.#listeners.clear();
		this.provider.destroy();
		void this.persistence?.destroy();
	}
}

/** Whether a transaction changed the doc (what makes Yjs emit an update for it). */
function changesDoc(transaction: Y.Transaction): boolean {
	if (transaction.deleteSet.clients.size > 0) return true;
	for (const [client, clock] of transaction.afterState) {
		if (transaction.beforeState.get(client) !== clock) return true;
	}
	return false;
}
