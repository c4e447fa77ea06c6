// @ts-check
/**
 * The relay: one Y.Doc per room, kept in sync with every browser in the room over the standard
 * y-websocket protocol (sync + awareness), written to the store before it is passed on.
 *
 * Rules this module keeps (see the integration tests):
 * - a room's stored state is loaded before sync step 1 is sent and before any message is read;
 * - the messages of one connection are handled one after another, in order;
 * - an update is validated, appended to the store, and only then applied and broadcast;
 * - the first update of a turn of the event loop is applied at once, the others read in that
 *   turn at its end, a run of one connection's updates in one transaction (one broadcast), and
 *   always before anything reads the room's document (a state vector, a sync step 2);
 * - a bad frame closes that one connection with one log line; nothing else is affected; an
 *   update that reads well but does not apply is also rewritten out of the log, and a log whose
 *   updates do not apply together is loaded one update at a time, the broken ones skipped;
 * - a connection's presence never overtakes its edits read before it;
 * - a message longer than `partBytes` goes to a client that asked for parts (`?parts=1`) as
 *   `messagePart`s, one after the other has left the socket, with the messages sent meanwhile
 *   between them; an unmodified y-websocket client gets every message whole;
 * - such a client's own long message comes in parts too: it is put together and handled as if
 *   it had come whole, and the messages it sends meanwhile after it (presences at once);
 * - a browser page of another site is refused at the upgrade (origin.js).
 */
import { STATUS_CODES } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import {
	DEFAULT_DOC_IDLE_MS,
	DEFAULT_MAX_BUFFERED_BYTES,
	DEFAULT_MAX_PER_ADDRESS,
	DEFAULT_MAX_DOCS,
	DEFAULT_MAX_MESSAGE_BYTES,
	DEFAULT_PART_BYTES,
	DEFAULT_PING_INTERVAL_MS
} from './config.js';
import { refusedOrigin } from './origin.js';
import { createRepeatLog } from './repeat-log.js';
import { clientAddressReader, countedAddress } from './addresses.js';

export const messageSync = 0;
export const messageAwareness = 1;
export const messageAuth = 2;
export const messageQueryAwareness = 3;
/**
 * Ours, not y-websocket's: the client sends just this type; the relay answers with this type and
 * the room's state vector, which covers everything the connection sent before and is durable.
 * Only ever sent as an answer, so unmodified clients never see it.
 */
export const messageStateVector = 100;
/**
 * Ours, not y-websocket's: a piece of a longer message, to a client that asked for them (its
 * URL says `?parts=1`). `[101, total length, varUint8Array piece]`; the pieces of one message
 * come in order, one message at a time, and add up to its total. The client answers each with
 * `[101]` alone (see `PARTS_AHEAD`). Messages shorter than the
 * relay's `partBytes` come whole between them; the client holds those that came after a
 * message's first piece and handles them after it, so that every message is handled in the
 * order it was sent. A big list on a slow line is then many messages, each a sign of life, and
 * the relay's pings and colleagues' presences are not stuck behind it.
 *
 * The same the other way: such a client sends its own long messages (an import made offline) in
 * parts, the relay answers each with `[101]` alone, and holds the messages that come after a
 * message's first part until it is whole, then handles them after it (presences at once, as the
 * page does). The whole message's length counts against `maxMessageBytes`.
 */
export const messagePart = 101;
/** The query parameter by which a client says it takes `messagePart`s (`?parts=1`). */
export const PARTS_PARAM = 'parts';
/**
 * The client answers each part with a bare `messagePart` (one byte); at most this many parts go
 * unanswered. With `partBytes` of 64 KB, a message sent after the parts waits behind at most
 * 192 KB (6 s at 30 KB/s), and a line of 300 ms there and back still carries 640 KB/s.
 */
export const PARTS_AHEAD = 3;
/**
 * A connection's updates applied in one transaction, and so broadcast as one message, at most.
 * A colleague's burst of 1,000 quick edits then costs the relay ten transactions instead of
 * 1,000 (each with its own clean-up and re-encoding), and every browser ten messages of a size
 * it takes in a short task.
 */
export const APPLY_GROUP_MAX = 100;

export const SYNC_PATH_PREFIX = '/sync/';
/**
 * The upgrades refused that the log says once per address in ten minutes (`repeat-log.js`), and
 * how its summary names the rest: «ещё 1 отказ без ключа доступа (403)», «ещё 2 отказа…», «ещё 5
 * отказов…».
 * @type {Record<'foreign' | 'denied' | 'room', import('./repeat-log.js').RepeatKind>}
 */
export const REFUSAL_KINDS = {
	foreign: {
		ru: [
			'отказ странице другого сайта (403)',
			'отказа странице другого сайта (403)',
			'отказов странице другого сайта (403)'
		],
		en: ['refused to a page of another site (403)', 'refused to a page of another site (403)']
	},
	denied: {
		ru: [
			'отказ без ключа доступа (403)',
			'отказа без ключа доступа (403)',
			'отказов без ключа доступа (403)'
		],
		en: ['access denied (403)', 'access denied (403)']
	},
	room: {
		ru: ['неверное имя списка (400)', 'неверных имени списка (400)', 'неверных имён списка (400)'],
		en: ['invalid room (400)', 'invalid rooms (400)']
	}
};
/**
 * The connections closed for a limit (`CLOSE_TOO_MANY`), as the log's summary names their repeats.
 * @type {Record<'connections' | 'docs', import('./repeat-log.js').RepeatKind>}
 */
const TOO_MANY_KINDS = {
	connections: {
		ru: [
			'отказ сверх MAX_PER_ADDRESS',
			'отказа сверх MAX_PER_ADDRESS',
			'отказов сверх MAX_PER_ADDRESS'
		],
		en: ['refusal over MAX_PER_ADDRESS', 'refusals over MAX_PER_ADDRESS']
	},
	docs: {
		ru: ['отказ сверх MAX_DOCS', 'отказа сверх MAX_DOCS', 'отказов сверх MAX_DOCS'],
		en: ['refusal over MAX_DOCS', 'refusals over MAX_DOCS']
	}
};
const ROOM_PATTERN = /^(?:ws|sheet):[A-Za-z0-9_-]{1,64}$/;

const CLOSE_GOING_AWAY = 1001;
const CLOSE_UNSUPPORTED_DATA = 1003;
const CLOSE_INTERNAL_ERROR = 1011;
/** 4400–4499: the client should not reconnect (y-websocket's `shouldReconnect`). */
const CLOSE_BAD_MESSAGE = 4400;
/**
 * The page runs another version of the app than the server's: it must be reloaded before it
 * syncs. (A tab left open over an upgrade would otherwise read data written in a newer way, or
 * write it in an older one.) In 4400–4499, so y-websocket stops reconnecting by itself.
 */
export const CLOSE_APP_VERSION = 4409;
/**
 * The relay holds too much for this client already (`MAX_PER_ADDRESS`), or too many
 * documents that are in use (`MAX_DOCS`): the page says so and tries again later, its changes
 * kept. Not in 4400–4499: y-websocket reconnects by itself (the page waits its longest between
 * tries). Sent after the handshake, with the reason (`CLOSE_TOO_MANY_REASONS`): a refused upgrade
 * is, to a browser, a network that failed.
 */
export const CLOSE_TOO_MANY = 4529;
export const CLOSE_TOO_MANY_REASONS = {
	connections: 'too many connections',
	docs: 'too many documents'
};
/** The query parameter in which the app sends its version (`?v=`). */
export const APP_VERSION_PARAM = 'v';
/** On `close()`, how long connections get to answer the close frame before being cut. */
const CLOSE_GRACE_MS = 1000;
/** A connection with this many messages waiting is not read from until they are handled. */
const MAX_QUEUED_MESSAGES = 100;
/** A message over `maxMessageBytes` (as ws closes one sent whole). */
const CLOSE_MESSAGE_TOO_BIG = 1009;
/**
 * The largest presence update a connection may send, and how many presences it may hold. The
 * app's own is one presence (its doc's client id) of a few hundred bytes: a name of at most 60
 * letters, a colour, a cell. Without these a single message of 9 MB announced 100,000 made-up
 * colleagues (or one with a 1 MB name): the relay stalled for seconds, kept them all, and
 * passed them to every page of the room.
 */
export const MAX_PRESENCE_BYTES = 16 * 1024;
export const MAX_PRESENCES_PER_CONNECTION = 8;
/** The answer to a client's part: taken, the next may come. */
const PART_TAKEN = new Uint8Array([messagePart]);

/** Transaction origin of the state read from the store (not broadcast: nobody is connected). */
const LOAD_ORIGIN = Symbol('load');

/**
 * @typedef {object} RelayLog
 * @property {(message: string) => void} info
 * @property {(message: string) => void} warn
 * @property {(message: string) => void} error
 */

/**
 * Decides whether the upgrade request may open the room. Runs before any byte of the document is
 * sent. Returning false answers 403.
 * @typedef {(request: { req: import('node:http').IncomingMessage, room: string }) => boolean | Promise<boolean>} Authorize
 */

/**
 * @typedef {object} RelayLimits
 * @property {number} [maxMessageBytes]
 * @property {number} [maxBufferedBytes]
 * @property {number} [partBytes] a message longer than this goes in parts of it to a client
 *   that takes them (`messagePart`)
 * @property {number} [docIdleMs]
 * @property {number} [maxPerAddress] connections one client address (an IPv6 one: its
 *   /64) may hold at once; more are closed with `CLOSE_TOO_MANY`
 * @property {number} [maxDocs] documents in memory at once: past it the one idle longest is
 *   dropped first; when none is idle, a connection to another is closed with `CLOSE_TOO_MANY`
 * @property {number} [pingIntervalMs]
 * @property {readonly string[]} [allowedHosts] host names browser pages may use (origin.js)
 * @property {readonly string[]} [trustedProxies] reverse proxies whose `X-Forwarded-For` names
 *   the client a refusal is counted for (`TRUSTED_PROXIES`, addresses.js)
 */

/**
 * @typedef {object} Relay
 * @property {(req: import('node:http').IncomingMessage, socket: import('node:stream').Duplex, head: Buffer) => boolean} handleUpgrade
 *   Returns false, touching nothing, when the path is not under /sync/.
 * @property {() => Promise<void>} close
 * @property {() => { rooms: number, connections: number }} stats
 */

class Room {
	/** @param {string} name */
	constructor(name) {
		this.name = name;
		this.doc = new Y.Doc();
		this.awareness = new awarenessProtocol.Awareness(this.doc);
		this.awareness.setLocalState(null);
		/** @type {Set<Connection>} */
		this.connections = new Set();
		/** Resolves true once the stored state is in `doc`, false if it could not be loaded. */
		this.ready = Promise.resolve(false);
		/** @type {ReturnType<typeof setTimeout> | null} */
		this.idleTimer = null;
		/** When its last connection left (for `MAX_DOCS`: the one idle longest goes first). */
		this.idleSince = 0;
		/** Being written back and dropped to make room for another (`MAX_DOCS`). */
		this.evicted = false;
		/**
		 * Message queues of closed connections that may still be writing to the store.
		 * @type {Set<Promise<void>>}
		 */
		this.draining = new Set();
		/**
		 * Updates in the store, not yet applied (see `applyStored`).
		 * @type {{ update: Uint8Array, connection: Connection }[]}
		 */
		this.toApply = [];
		/** An update was applied in this turn of the event loop: the next ones wait for its end. */
		this.turnBusy = false;
	}

	destroy() {
		this.doc.destroy(); // destroys the awareness too
	}
}

class Connection {
	/**
	 * @param {WebSocket} ws
	 * @param {Room} room
	 * @param {string} peer
	 * @param {boolean} parts it takes a long message in parts (`messagePart`)
	 * @param {string} address whose it is, as counted for `MAX_PER_ADDRESS`
	 */
	constructor(ws, room, peer, parts, address) {
		this.ws = ws;
		this.room = room;
		this.peer = peer;
		this.address = address;
		this.parts = parts;
		/**
		 * Messages that wait to be sent behind a long one that waits too (see `send`).
		 * @type {Uint8Array[]}
		 */
		this.outbox = [];
		this.outboxBytes = 0;
		/**
		 * The long message being sent in parts, how much of it has been, and whether a part is
		 * still in the socket's buffer.
		 * @type {{ message: Uint8Array, sent: number, writing: boolean } | null}
		 */
		this.parted = null;
		/** Parts sent that the client has not yet said it took. */
		this.partsUnanswered = 0;
		/**
		 * The client's long message coming in parts: its length, its pieces so far, and the
		 * messages that came after its first part, to be handled after it.
		 * @type {{ total: number, pieces: Uint8Array[], received: number, held: Uint8Array[], heldBytes: number } | null}
		 */
		this.incoming = null;
		/**
		 * Awareness client ids this connection announced; removed when it closes.
		 * @type {Set<number>}
		 */
		this.awarenessIds = new Set();
		/**
		 * Tail of this connection's message queue; never rejects.
		 * @type {Promise<void>}
		 */
		this.queue = Promise.resolve();
		this.queued = 0;
		/** The initial state was sent: a message finding the queue empty is handled at once. */
		this.started = false;
		/** False once closed or being closed: nothing more is read or sent. */
		this.open = true;
		/** A pong, or any message, arrived since the last ping. */
		this.alive = true;
	}
}

/**
 * @param {object} options
 * @param {import('./store.js').DocStore} options.store
 * @param {RelayLimits} [options.config]
 * @param {Authorize} [options.authorize]
 * @param {RelayLog} [options.log]
 * @param {string | null} [options.appVersion] the built app's version: a page that says it runs
 *   another one is closed with CLOSE_APP_VERSION before anything is sent to it. Clients that
 *   send no version (an unmodified y-websocket provider, the tests' Node clients) are let in.
 * @returns {Relay}
 */
export function createRelay({
	store,
	config = {},
	authorize = () => true,
	log = console,
	appVersion = null
}) {
	const {
		maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES,
		maxBufferedBytes = DEFAULT_MAX_BUFFERED_BYTES,
		partBytes = DEFAULT_PART_BYTES,
		docIdleMs = DEFAULT_DOC_IDLE_MS,
		maxPerAddress = DEFAULT_MAX_PER_ADDRESS,
		maxDocs = DEFAULT_MAX_DOCS,
		pingIntervalMs = DEFAULT_PING_INTERVAL_MS,
		allowedHosts = [],
		trustedProxies = []
	} = config;
	/** Whose a refusal is: its address, or the client a trusted proxy names (`TRUSTED_PROXIES`). */
	const addressOf = clientAddressReader(trustedProxies);

	const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
	/** @type {Map<string, Room>} */
	const rooms = new Map();
	/**
	 * Rooms being written back to the store and dropped; a new load of the room waits for it.
	 * @type {Map<string, Promise<void>>}
	 */
	const unloading = new Map();
	/**
	 * Unloads started (by the idle timer or by `close()`), until they finish.
	 * @type {Set<Promise<void>>}
	 */
	const unloads = new Set();
	/** @type {Set<Connection>} */
	const connections = new Set();
	/**
	 * Open connections per client address (`countedAddress`), for `MAX_PER_ADDRESS`.
	 * @type {Map<string, number>}
	 */
	const perAddress = new Map();
	/**
	 * Refusals for `MAX_PER_ADDRESS` or `MAX_DOCS`, in the log once per address in
	 * ten minutes: a runaway tab tries again every ten seconds.
	 */
	const tooMany = createRepeatLog({ log, prefix: '[relay]', kinds: TOO_MANY_KINDS });
	let closing = false;
	/** @type {Promise<void> | null} */
	let closed = null;
	/**
	 * The store refuses updates (a full or removed data disk): how many since the log said so.
	 * Said once, not at every connection refused: each client is closed and comes back in
	 * seconds, and the log was a page of lines a minute naming only `ENOSPC` (found by
	 * exploration).
	 */
	let refusedByStore = 0;
	/**
	 * Upgrades refused, written once per address and kind in ten minutes, how many more later
	 * (`repeat-log.js`): every refusal wrote its line, and a loop on another computer, or a page
	 * whose key was changed reconnecting every few seconds, filled the log.
	 */
	const refusals = createRepeatLog({ log, prefix: '[relay]', kinds: REFUSAL_KINDS });

	const heartbeat = setInterval(() => {
		for (const connection of connections) {
			if (!connection.alive) {
				log.info(`[relay] ${describe(connection)}: no pong within ${pingIntervalMs} ms, dropped`);
				connection.ws.terminate();
				detach(connection);
				continue;
			}
			connection.alive = false;
			try {
				connection.ws.ping();
			} catch {
				// the socket is closing; its 'close' event detaches it
			}
		}
	}, pingIntervalMs);

	/** @param {Connection} connection */
	const describe = (connection) => `${connection.room.name} ${connection.peer}`;

	/**
	 * @param {import('node:stream').Duplex} socket
	 * @param {number} status
	 */
	function refuse(socket, status) {
		if (socket.destroyed) return;
		socket.once('finish', () => socket.destroy());
		socket.end(
			`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`
		);
	}

	/**
	 * Whether another document may be loaded (`MAX_DOCS`): the documents in memory (those being
	 * written back too) are under the limit, or the ones idle longest are dropped to make room
	 * (written back first, as after `DOC_IDLE_MS`: nothing stored is lost). False when every
	 * one is in use.
	 */
	function makeRoomFor() {
		let evicting = 0;
		for (const room of rooms.values()) if (room.evicted) evicting++;
		while (rooms.size - evicting + unloading.size >= maxDocs) {
			/** @type {Room | null} */
			let idlest = null;
			for (const room of rooms.values()) {
				if (room.evicted || room.connections.size > 0) continue;
				if (!idlest || room.idleSince < idlest.idleSince) idlest = room;
			}
			if (!idlest) return false;
			if (idlest.idleTimer) clearTimeout(idlest.idleTimer);
			idlest.evicted = true;
			evicting++;
			startUnload(idlest);
		}
		return true;
	}

	/**
	 * The room, loaded (or being loaded) in memory; null when `MAX_DOCS` are, all in use.
	 * @param {string} name
	 * @returns {Room | null}
	 */
	function getRoom(name) {
		const existing = rooms.get(name);
		if (existing) {
			if (existing.idleTimer) clearTimeout(existing.idleTimer);
			existing.idleTimer = null;
			// Came back to while being dropped: it stays (`unload` sees its connection).
			existing.evicted = false;
			return existing;
		}
		if (!makeRoomFor()) return null;
		const room = new Room(name);
		rooms.set(name, room);
		room.doc.on('update', (/** @type {Uint8Array} */ update, /** @type {unknown} */ origin) => {
			if (origin !== LOAD_ORIGIN) broadcast(room, update, origin);
		});
		room.awareness.on(
			'update',
			(
				/** @type {{ added: number[], updated: number[], removed: number[] }} */ changes,
				/** @type {unknown} */ origin
			) => {
				const sender = origin instanceof Connection ? origin : null;
				if (sender) {
					// A presence belongs to the connection that last renewed it: a browser back
					// after a network drop renews it on its new connection while the relay may
					// still hold the dead one, whose close must not take the presence away.
					for (const id of changes.added.concat(changes.updated)) {
						if (sender.awarenessIds.has(id)) continue;
						for (const other of room.connections) other.awarenessIds.delete(id);
						sender.awarenessIds.add(id);
					}
					for (const id of changes.removed) sender.awarenessIds.delete(id);
				}
				const changed = changes.added.concat(changes.updated, changes.removed);
				const message = encodeAwareness(room.awareness, changed);
				for (const connection of room.connections) {
					if (connection !== sender) send(connection, message);
				}
			}
		);
		const previousUnload = unloading.get(name) ?? Promise.resolve();
		room.ready = previousUnload
			.then(() => store.load(name))
			.then(async (stored) => {
				if (!stored) return true;
				try {
					Y.applyUpdate(room.doc, stored, LOAD_ORIGIN);
				} catch (error) {
					await loadOneByOne(room, error);
				}
				return true;
			})
			.catch((error) => {
				log.error(`[relay] ${name}: loading from the store failed: ${errorMessage(error)}`);
				if (rooms.get(name) === room) rooms.delete(name);
				for (const connection of [...room.connections]) {
					closeConnection(connection, CLOSE_INTERNAL_ERROR, 'document unavailable', null);
				}
				room.destroy();
				return false;
			});
		return room;
	}

	/**
	 * The room's stored updates merged do not apply: one of them is broken (an update that reads
	 * well but cannot be applied, stored before `applyStored` found out, and the relay stopped
	 * before `repairStore` rewrote the log). Applies them one by one, skips those that throw,
	 * and rewrites the log without them. Throws when the store cannot list them.
	 * @param {Room} room
	 * @param {unknown} error
	 */
	async function loadOneByOne(room, error) {
		if (!store.loadEach || !store.exclude) throw error;
		const updates = await store.loadEach(room.name);
		let skipped = 0;
		for (const update of updates) {
			try {
				Y.applyUpdate(room.doc, update, LOAD_ORIGIN);
			} catch {
				skipped++;
				store.exclude(room.name, update);
			}
		}
		log.error(
			`[relay] ${room.name}: the stored updates did not apply together (${errorMessage(error)}); ${skipped} of ${updates.length} skipped, the rest loaded`
		);
		repairStore(room);
	}

	/**
	 * Rewrites the room's log without the updates excluded from it (`store.exclude`): a broken
	 * update must not stay in the log, or the room would not load again. The store merges its
	 * own log (not this document's state), so updates appended meanwhile are never lost.
	 * @param {Room} room
	 */
	function repairStore(room) {
		store
			.compact(room.name)
			.catch((error) =>
				log.error(`[relay] ${room.name}: rewriting the log failed: ${errorMessage(error)}`)
			);
	}

	/** @param {Room} room */
	function startUnload(room) {
		room.idleTimer = null;
		const unloaded = unload(room).catch((error) =>
			log.error(`[relay] ${room.name}: unloading failed: ${errorStack(error)}`)
		);
		unloads.add(unloaded);
		void unloaded.finally(() => unloads.delete(unloaded));
	}

	/**
	 * Sends a transaction's update to the room's connections but the one it came from.
	 * @param {Room} room
	 * @param {Uint8Array} update
	 * @param {unknown} origin
	 */
	function broadcast(room, update, origin) {
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, messageSync);
		syncProtocol.writeUpdate(encoder, update);
		const message = encoding.toUint8Array(encoder);
		for (const connection of room.connections) {
			if (connection !== origin) send(connection, message);
		}
	}

	/**
	 * Applies the updates that are in the store but not yet in the room's document: a run of one
	 * connection's updates (at most `APPLY_GROUP_MAX`) in one transaction, so one broadcast.
	 * Runs at the end of a turn of the event loop (see `applySoon`), and at once before anything
	 * reads the document.
	 * @param {Room} room
	 */
	function applyStored(room) {
		const list = room.toApply;
		if (list.length === 0) return;
		room.toApply = [];
		let broken = false;
		for (let start = 0; start < list.length;) {
			const origin = list[start].connection;
			let end = start + 1;
			while (end < list.length && end - start < APPLY_GROUP_MAX && list[end].connection === origin)
				end++;
			try {
				room.doc.transact(() => {
					for (let i = start; i < end; i++) {
						try {
							Y.applyUpdate(room.doc, list[i].update, origin);
						} catch (error) {
							// It read well but does not apply: its sender is closed, and the log that
							// already holds it is rewritten without it.
							broken = true;
							store.exclude?.(room.name, list[i].update);
							if (origin.open) malformed(origin, error);
							else
								log.warn(
									`[relay] ${describe(origin)}: an update could not be applied: ${errorMessage(error)}`
								);
						}
					}
				}, origin);
			} catch (error) {
				// Not the update's fault (the broadcast, Yjs's clean-up): the next groups still go.
				unexpected(origin, error);
			}
			start = end;
		}
		if (broken) repairStore(room);
	}

	/**
	 * The first update of a turn of the event loop is applied (and broadcast) at once: a lone edit
	 * waits for nothing. The ones read after it in the same turn (a burst arrives in a few socket
	 * reads) wait for the turn's end, to be applied together by `applyStored`.
	 * @param {Connection} connection
	 * @param {Uint8Array} update in the store already
	 */
	function applySoon(connection, update) {
		const room = connection.room;
		room.toApply.push({ update, connection });
		if (room.turnBusy) return;
		room.turnBusy = true;
		setImmediate(() => {
			room.turnBusy = false;
			applyStored(room);
		});
		applyStored(room);
	}

	/**
	 * Writes an idle room back to the store as one update and drops it from memory, unless
	 * someone came back meanwhile.
	 * @param {Room} room
	 */
	async function unload(room) {
		room.idleTimer = null;
		await Promise.all(room.draining);
		if (room.connections.size > 0 || room.idleTimer || rooms.get(room.name) !== room) return;
		rooms.delete(room.name);
		const done = (async () => {
			try {
				// Every update the room holds was stored before it was applied, so the store can
				// merge its own log — in its worker thread, not by encoding the doc on this one.
				if (await room.ready) await store.compact(room.name);
			} catch (error) {
				log.error(`[relay] ${room.name}: compacting on unload failed: ${errorMessage(error)}`);
			} finally {
				room.destroy();
			}
		})();
		unloading.set(room.name, done);
		await done;
		if (unloading.get(room.name) === done) unloading.delete(room.name);
	}

	/**
	 * Takes the connection out of its room (idempotent).
	 * @param {Connection} connection
	 */
	function detach(connection) {
		connection.open = false;
		connection.outbox = [];
		connection.outboxBytes = 0;
		connection.parted = null;
		connection.incoming = null;
		const room = connection.room;
		if (!room.connections.delete(connection)) return;
		connections.delete(connection);
		// Its last edits go out before its presence is removed.
		applyStored(room);
		if (connection.awarenessIds.size > 0) {
			awarenessProtocol.removeAwarenessStates(room.awareness, [...connection.awarenessIds], null);
		}
		const queue = connection.queue;
		room.draining.add(queue);
		void queue.then(() => room.draining.delete(queue));
		const left = (perAddress.get(connection.address) ?? 1) - 1;
		if (left > 0) perAddress.set(connection.address, left);
		else perAddress.delete(connection.address);
		if (room.connections.size === 0 && !closing) {
			room.idleSince = Date.now();
			room.idleTimer = setTimeout(() => startUnload(room), docIdleMs);
		}
	}

	/**
	 * Closes one connection; `message` (if any) is the one log line saying why.
	 * @param {Connection} connection
	 * @param {number} code
	 * @param {string} reason short, sent to the client
	 * @param {string | null} message
	 * @param {'info' | 'warn' | 'error'} [level]
	 */
	function closeConnection(connection, code, reason, message, level = 'warn') {
		if (!connection.open) return;
		if (message) log[level](`[relay] ${describe(connection)}: ${message}; closed (${code})`);
		detach(connection);
		connection.ws.close(code, reason);
	}

	/**
	 * Sends a message, in parts when it is long and the client takes them: then the next part
	 * goes once the last has left the socket, and the messages sent meanwhile go between them
	 * (a long one waits for the one before it to be sent whole, and so do those after it).
	 * @param {Connection} connection
	 * @param {Uint8Array} message
	 */
	function send(connection, message) {
		if (!connection.open || connection.ws.readyState !== WebSocket.OPEN) return;
		if (backlog(connection) > maxBufferedBytes) {
			// It does not read: a close frame would only queue behind the rest. It reconnects and
			// resyncs from its state vector.
			log.warn(
				`[relay] ${describe(connection)}: more than ${maxBufferedBytes} bytes waiting to be sent; dropped`
			);
			detach(connection);
			connection.ws.terminate();
			return;
		}
		if (!connection.parts || (message.length <= partBytes && shortGoesNow(connection))) {
			connection.ws.send(message);
			return;
		}
		connection.outbox.push(message);
		connection.outboxBytes += message.length;
		sendFromOutbox(connection);
	}

	/**
	 * Bytes waiting to be sent to the connection: in the socket's buffer, and those of ours.
	 * @param {Connection} connection
	 */
	function backlog(connection) {
		const { parted } = connection;
		return (
			connection.ws.bufferedAmount +
			connection.outboxBytes +
			(parted ? parted.message.length - parted.sent : 0)
		);
	}

	/**
	 * A short message may go now, between the parts of a long one: nothing waits before it, and
	 * the long one it came after has begun to go. Before its first part, the page would take the
	 * short one for one sent before the long one, and handle it first: a colleague's edit, or an
	 * import's last step, before the slice it came after (found by the e2e tests: the colleague
	 * of an import saw 98,000 of its 100,000 rows for a moment). The relay waits for the page to
	 * take the parts of the long one before (`PARTS_AHEAD`), so the first part of the next can
	 * wait.
	 * @param {Connection} connection
	 */
	function shortGoesNow(connection) {
		return connection.outbox.length === 0 && (!connection.parted || connection.parted.sent > 0);
	}

	/**
	 * Sends what waits in the connection's outbox up to the second long message: the first long
	 * one starts going in parts, the short ones after it go once its first part has.
	 * @param {Connection} connection
	 */
	function sendFromOutbox(connection) {
		while (connection.outbox.length > 0 && connection.open) {
			const message = connection.outbox[0];
			const long = message.length > partBytes;
			if (connection.parted && (long || connection.parted.sent === 0)) return;
			connection.outbox.shift();
			connection.outboxBytes -= message.length;
			if (!long) {
				connection.ws.send(message);
				continue;
			}
			connection.parted = { message, sent: 0, writing: false };
			sendPart(connection);
		}
	}

	/**
	 * Sends the next part of the connection's long message, once the last has left the socket
	 * and the client has said it took all but `PARTS_AHEAD` of those sent (`messagePart` from
	 * the client). Leaving the socket is not enough: the system's buffers on the way take
	 * megabytes, and what is sent after the parts (a colleague's edit) waited behind all of
	 * them (found by the tests, on a slow line).
	 * @param {Connection} connection
	 */
	function sendPart(connection) {
		const parted = connection.parted;
		if (!parted || parted.writing || connection.partsUnanswered >= PARTS_AHEAD) return;
		const { message, sent } = parted;
		const end = Math.min(sent + partBytes, message.length);
		parted.sent = end;
		parted.writing = true;
		connection.partsUnanswered++;
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, messagePart);
		encoding.writeVarUint(encoder, message.length);
		encoding.writeVarUint8Array(encoder, message.subarray(sent, end));
		connection.ws.send(encoding.toUint8Array(encoder), (error) => {
			parted.writing = false;
			// Closed meanwhile (its 'close' detaches it), or taken out of its room.
			if (error || !connection.open || connection.parted !== parted) return;
			if (parted.sent < message.length) {
				sendPart(connection);
				return;
			}
			connection.parted = null;
			sendFromOutbox(connection);
		});
		// The short messages that waited for its first part (`shortGoesNow`).
		if (sent === 0) sendFromOutbox(connection);
	}

	/**
	 * The client took a part (it says so with a bare `messagePart`): the next may go.
	 * @param {Connection} connection
	 */
	function partTaken(connection) {
		if (connection.partsUnanswered > 0) connection.partsUnanswered--;
		sendPart(connection);
	}

	/**
	 * A bug of ours, not the client's: log it, drop the connection, keep the process going.
	 * @param {Connection} connection
	 * @param {unknown} error
	 */
	function unexpected(connection, error) {
		log.error(`[relay] ${describe(connection)}: ${errorStack(error)}`);
		if (!connection.open) return;
		detach(connection);
		connection.ws.terminate();
	}

	/** @param {Connection} connection */
	function sendInitialState(connection) {
		applyStored(connection.room);
		const { doc, awareness } = connection.room;
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, messageSync);
		syncProtocol.writeSyncStep1(encoder, doc);
		send(connection, encoding.toUint8Array(encoder));
		const states = awareness.getStates();
		if (states.size > 0) send(connection, encodeAwareness(awareness, [...states.keys()]));
	}

	/**
	 * Handles one message; returns a promise only when it must wait (for a store that writes
	 * asynchronously), so that the next messages of the connection wait behind it.
	 * @param {Connection} connection
	 * @param {import('ws').RawData | Uint8Array} data
	 * @param {boolean} isBinary
	 * @returns {Promise<void> | undefined}
	 */
	function handleMessage(connection, data, isBinary) {
		if (!connection.open) return;
		if (!isBinary) {
			closeConnection(
				connection,
				CLOSE_UNSUPPORTED_DATA,
				'binary frames only',
				'text frame received (the protocol is binary)'
			);
			return;
		}
		try {
			const decoder = decoding.createDecoder(toUint8Array(data));
			const messageType = decoding.readVarUint(decoder);
			switch (messageType) {
				case messageSync: {
					const waiting = handleSyncMessage(connection, decoder);
					if (waiting) return waiting.catch((error) => malformed(connection, error));
					break;
				}
				case messageAwareness: {
					const update = decoding.readVarUint8Array(decoder);
					expectEnd(decoder);
					const refused = presenceRefusal(connection, update);
					if (refused) {
						closeConnection(connection, CLOSE_BAD_MESSAGE, 'presence refused', refused);
						break;
					}
					// Its edits read before it go out before it (a cursor after the edit it is on).
					applyStored(connection.room);
					awarenessProtocol.applyAwarenessUpdate(connection.room.awareness, update, connection);
					break;
				}
				case messageQueryAwareness: {
					expectEnd(decoder);
					const { awareness } = connection.room;
					const states = awareness.getStates();
					if (states.size > 0) send(connection, encodeAwareness(awareness, [...states.keys()]));
					break;
				}
				case messageStateVector: {
					expectEnd(decoder);
					applyStored(connection.room);
					const encoder = encoding.createEncoder();
					encoding.writeVarUint(encoder, messageStateVector);
					encoding.writeVarUint8Array(encoder, Y.encodeStateVector(connection.room.doc));
					send(connection, encoding.toUint8Array(encoder));
					break;
				}
				case messageAuth:
					throw new Error('auth message from a client');
				default:
					throw new Error(`unknown message type ${messageType}`);
			}
		} catch (error) {
			malformed(connection, error);
		}
	}

	/**
	 * Why a presence update is not taken (too long, or more presences than one page has), else
	 * null. Read before it is applied, so nothing of it reaches the room or the others.
	 * @param {Connection} connection
	 * @param {Uint8Array} update
	 * @returns {string | null}
	 */
	function presenceRefusal(connection, update) {
		if (update.length > MAX_PRESENCE_BYTES) {
			return `presence update of ${update.length} bytes (over ${MAX_PRESENCE_BYTES})`;
		}
		const decoder = decoding.createDecoder(update);
		const count = decoding.readVarUint(decoder);
		const ids = new Set(connection.awarenessIds);
		for (let i = 0; i < count && ids.size <= MAX_PRESENCES_PER_CONNECTION; i++) {
			const id = decoding.readVarUint(decoder);
			decoding.readVarUint(decoder); // clock
			if (decoding.readVarString(decoder) !== 'null') ids.add(id);
		}
		return ids.size > MAX_PRESENCES_PER_CONNECTION
			? `more than ${MAX_PRESENCES_PER_CONNECTION} presences on one connection`
			: null;
	}

	/**
	 * @param {Connection} connection
	 * @param {unknown} error
	 */
	function malformed(connection, error) {
		closeConnection(
			connection,
			CLOSE_BAD_MESSAGE,
			'malformed message',
			`malformed message: ${errorMessage(error)}`
		);
	}

	/**
	 * @param {Connection} connection
	 * @param {decoding.Decoder} decoder
	 * @returns {Promise<void> | undefined}
	 */
	function handleSyncMessage(connection, decoder) {
		const syncType = decoding.readVarUint(decoder);
		switch (syncType) {
			case syncProtocol.messageYjsSyncStep1: {
				const stateVector = decoding.readVarUint8Array(decoder);
				expectEnd(decoder);
				applyStored(connection.room);
				const encoder = encoding.createEncoder();
				encoding.writeVarUint(encoder, messageSync);
				syncProtocol.writeSyncStep2(encoder, connection.room.doc, stateVector);
				send(connection, encoding.toUint8Array(encoder));
				break;
			}
			case syncProtocol.messageYjsSyncStep2:
			case syncProtocol.messageYjsUpdate: {
				const update = decoding.readVarUint8Array(decoder);
				expectEnd(decoder);
				return receiveUpdate(connection, update);
			}
			default:
				throw new Error(`unknown sync message type ${syncType}`);
		}
	}

	/**
	 * Validate, store, then apply (which broadcasts: see `applyStored`). Throws on an invalid
	 * update. With the write-ahead file the update is durable when `append` returns, and it is
	 * applied and broadcast in the same turn; otherwise once the store says it is written.
	 * @param {Connection} connection
	 * @param {Uint8Array} update
	 * @returns {Promise<void> | undefined}
	 */
	function receiveUpdate(connection, update) {
		const { structs, ds } = Y.decodeUpdate(update);
		if (structs.length === 0 && ds.clients.size === 0) return;
		const room = connection.room;
		const stored = store.append(room.name, update);
		if (!stored) {
			if (refusedByStore > 0) storeTakesAgain();
			applySoon(connection, update);
			return;
		}
		return stored.then(
			// Applied even if the connection closed meanwhile: it is in the store, so in the room.
			() => {
				if (refusedByStore > 0) storeTakesAgain();
				applySoon(connection, update);
			},
			(error) => storeRefused(connection, error)
		);
	}

	/**
	 * The store did not take the connection's update: the connection is closed (its client
	 * keeps the update and sends it again when it reconnects). The first refusal is logged in
	 * Russian and English with what to do, the next ones only counted.
	 * @param {Connection} connection
	 * @param {unknown} error
	 */
	function storeRefused(connection, error) {
		refusedByStore++;
		const message =
			refusedByStore === 1
				? `storing an update failed: ${errorMessage(error)}. ` +
					'Изменения операторов не сохраняются на сервере: если диск с данными (DATA_DIR) ' +
					'заполнен, освободите место; правки остаются в браузерах и будут отправлены снова / ' +
					"the operators' changes are not saved on the server: if the data disk is full, " +
					'free space; the changes stay in the browsers and are sent again'
				: null;
		closeConnection(connection, CLOSE_INTERNAL_ERROR, 'store unavailable', message, 'error');
	}

	/** An update was stored after refusals: the log says the store works again. */
	function storeTakesAgain() {
		log.warn(
			`[relay] изменения снова сохраняются на сервере / changes are saved on the server again (${refusedByStore} refused meanwhile)`
		);
		refusedByStore = 0;
	}

	/**
	 * Runs `step` after the connection's earlier messages; reading pauses while too many wait.
	 * @param {Connection} connection
	 * @param {() => Promise<void> | undefined} step
	 */
	function enqueue(connection, step) {
		const { ws } = connection;
		connection.queued++;
		if (connection.queued > MAX_QUEUED_MESSAGES) ws.pause();
		connection.queue = connection.queue
			.then(step)
			.catch((error) => unexpected(connection, error))
			.then(() => {
				connection.queued--;
				if (ws.isPaused && connection.queued <= MAX_QUEUED_MESSAGES / 2) ws.resume();
			});
	}

	/**
	 * @param {WebSocket} ws
	 * @param {string} roomName
	 * @param {string} peer
	 * @param {boolean} parts
	 * @param {string} address the client's (`addressOf`)
	 */
	function accept(ws, roomName, peer, parts, address) {
		const counted = countedAddress(address);
		const held = perAddress.get(counted) ?? 0;
		const room = held < maxPerAddress ? getRoom(roomName) : null;
		if (!room) {
			const kind = held < maxPerAddress ? 'docs' : 'connections';
			tooMany.note(
				address,
				kind,
				kind === 'docs'
					? `[relay] ${roomName} ${peer}: ${maxDocs} documents in memory, all in use (MAX_DOCS): refused (${CLOSE_TOO_MANY})`
					: `[relay] ${roomName} ${peer}: ${held} connections from this address (MAX_PER_ADDRESS): refused (${CLOSE_TOO_MANY})`
			);
			ws.on('error', ignoreError);
			ws.close(CLOSE_TOO_MANY, CLOSE_TOO_MANY_REASONS[kind]);
			return;
		}
		const connection = new Connection(ws, room, peer, parts, counted);
		perAddress.set(counted, held + 1);
		room.connections.add(connection);
		connections.add(connection);

		ws.on('message', (data, isBinary) => {
			if (!connection.open) return;
			// A client that sends is alive, even while its pong waits behind a big message on a slow
			// network: the pong came after the whole list had, and the relay dropped the
			// connection mid-way, again at each try (found by exploration).
			connection.alive = true;
			if (!connection.parts || !isBinary) {
				receive(connection, data, isBinary);
				return;
			}
			const bytes = toUint8Array(data);
			if (bytes[0] === messagePart) {
				// Not queued: a part is put together, and answered, whatever waits before it; an
				// answer to ours is about what the relay sends, not about the room.
				if (bytes.length === 1) partTaken(connection);
				else receivePart(connection, bytes);
				return;
			}
			const incoming = connection.incoming;
			if (incoming && bytes[0] !== messageAwareness) {
				// Sent after the first part of a long message: handled after it.
				incoming.held.push(bytes);
				incoming.heldBytes += bytes.length;
				if (incoming.heldBytes > maxBufferedBytes)
					closeConnection(
						connection,
						CLOSE_MESSAGE_TOO_BIG,
						'message too big',
						`more than ${maxBufferedBytes} bytes sent amid the parts of a message`
					);
				return;
			}
			receive(connection, bytes, true);
		});
		ws.on('pong', () => {
			connection.alive = true;
		});
		// 'error' is a protocol violation found by ws (frame over maxPayload, bad UTF-8, bad
		// opcode…); ws closes the socket itself with the matching code.
		ws.on('error', (error) => {
			if (!connection.open) return;
			const code = /** @type {{ code?: string }} */ (error).code;
			const problem =
				code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'
					? `message over the limit of ${maxMessageBytes} bytes`
					: `protocol error: ${error.message} (${code})`;
			log.warn(`[relay] ${describe(connection)}: ${problem}; closed by ws`);
			detach(connection);
		});
		ws.on('close', () => detach(connection));

		connection.queue = room.ready
			.then((loaded) => {
				if (loaded && connection.open) sendInitialState(connection);
			})
			.catch((error) => unexpected(connection, error))
			.then(() => {
				connection.started = true;
			});
	}

	/**
	 * Handles a message of the connection after those before it.
	 * @param {Connection} connection
	 * @param {import('ws').RawData | Uint8Array} data
	 * @param {boolean} isBinary
	 */
	function receive(connection, data, isBinary) {
		if (connection.started && connection.queued === 0) {
			// Nothing waits before it: handled now, not a turn of promises later. Only a message
			// that must wait (a store writing asynchronously) holds the next ones back.
			let waiting;
			try {
				waiting = handleMessage(connection, data, isBinary);
			} catch (error) {
				unexpected(connection, error);
				return;
			}
			if (waiting) enqueue(connection, () => waiting);
			return;
		}
		enqueue(connection, () => handleMessage(connection, data, isBinary));
	}

	/**
	 * A part of the client's long message (`messagePart`): answered at once with `[101]` alone;
	 * once the parts add up, the message is handled as if it had come whole, then those held
	 * behind it. A message said to be over `maxMessageBytes` is refused before anything is kept.
	 * @param {Connection} connection
	 * @param {Uint8Array} bytes
	 */
	function receivePart(connection, bytes) {
		try {
			const decoder = decoding.createDecoder(bytes);
			decoding.readVarUint(decoder);
			const total = decoding.readVarUint(decoder);
			const piece = decoding.readVarUint8Array(decoder);
			expectEnd(decoder);
			let incoming = connection.incoming;
			if (!incoming) {
				if (total > maxMessageBytes) {
					closeConnection(
						connection,
						CLOSE_MESSAGE_TOO_BIG,
						'message too big',
						`a message of ${total} bytes in parts, over the limit of ${maxMessageBytes} bytes`
					);
					return;
				}
				incoming = { total, pieces: [], received: 0, held: [], heldBytes: 0 };
				connection.incoming = incoming;
			} else if (total !== incoming.total) {
				throw new Error(`a part of a ${total}-byte message amid one of ${incoming.total} bytes`);
			}
			if (piece.length === 0 || incoming.received + piece.length > total)
				throw new Error(`parts of ${incoming.received + piece.length} bytes for ${total}`);
			incoming.pieces.push(piece);
			incoming.received += piece.length;
			// Not through `send`: behind a long message of ours that waits for the client's
			// answers, it would wait for a client waiting for it.
			connection.ws.send(PART_TAKEN);
			if (incoming.received < total) return;
			connection.incoming = null;
			const whole = Buffer.concat(incoming.pieces);
			if (whole[0] === messagePart) throw new Error('a part in parts');
			receive(connection, whole, true);
			for (const message of incoming.held) {
				if (!connection.open) return;
				receive(connection, message, true);
			}
		} catch (error) {
			malformed(connection, error);
		}
	}

	/**
	 * @param {import('node:http').IncomingMessage} req
	 * @param {import('node:stream').Duplex} socket
	 * @param {Buffer} head
	 * @param {string} room
	 */
	async function admit(req, socket, head, room) {
		const address = addressOf(req);
		const from = `${req.socket.remoteAddress}:${req.socket.remotePort}`;
		const peer = address === req.socket.remoteAddress ? from : `${address} (via ${from})`;
		// Another web site's page (or a DNS-rebinding one) reading the lists: refused first.
		const foreign = refusedOrigin(req, allowedHosts);
		if (foreign) {
			refusals.note(address, 'foreign', `[relay] ${room} ${peer}: ${foreign}: refused (403)`);
			refuse(socket, 403);
			return;
		}
		let allowed = false;
		try {
			allowed = await authorize({ req, room });
		} catch (error) {
			log.error(`[relay] ${room} ${peer}: authorization failed: ${errorMessage(error)}`);
			refuse(socket, 500);
			return;
		}
		if (!allowed) {
			refusals.note(address, 'denied', `[relay] ${room} ${peer}: access denied (403)`);
			refuse(socket, 403);
			return;
		}
		if (closing) {
			refuse(socket, 503);
			return;
		}
		if (socket.destroyed) return;
		const params = new URL(req.url ?? '/', 'http://relay').searchParams;
		const version = params.get(APP_VERSION_PARAM);
		const parts = params.get(PARTS_PARAM) === '1';
		const outdated = appVersion !== null && version !== null && version !== appVersion;
		wss.handleUpgrade(req, socket, head, (ws) => {
			socket.off('error', ignoreError);
			if (closing) {
				ws.terminate();
				return;
			}
			if (outdated) {
				log.info(
					// The page's text, quoted and cut: a line break in it would forge log lines.
					`[relay] ${room} ${peer}: the page runs app version ${JSON.stringify(String(version).slice(0, 64))}, the server ${JSON.stringify(appVersion)}: asked to reload`
				);
				ws.on('error', ignoreError);
				ws.close(CLOSE_APP_VERSION, 'app version');
				return;
			}
			accept(ws, room, peer, parts, address);
		});
	}

	/** Closes every connection, writes every room back, closes the store. */
	async function shutDown() {
		closing = true;
		clearInterval(heartbeat);
		refusals.close();
		tooMany.close();
		const sockets = [...connections].map((connection) => connection.ws);
		for (const connection of [...connections]) {
			closeConnection(connection, CLOSE_GOING_AWAY, 'server shutting down', null);
		}
		await closedWithin(sockets, CLOSE_GRACE_MS);
		for (const room of [...rooms.values()]) {
			if (room.idleTimer) clearTimeout(room.idleTimer);
			startUnload(room);
		}
		while (unloads.size > 0) await Promise.all(unloads);
		wss.close();
		await store.close();
	}

	return {
		handleUpgrade(req, socket, head) {
			const [path] = (req.url ?? '').split('?', 1);
			if (!path.startsWith(SYNC_PATH_PREFIX)) return false;
			// A client that goes away while we check its access must not crash the process.
			socket.on('error', ignoreError);
			if (closing) {
				refuse(socket, 503);
				return true;
			}
			const room = parseRoom(path.slice(SYNC_PATH_PREFIX.length));
			if (room === null) {
				const address = addressOf(req);
				refusals.note(address, 'room', `[relay] ${address}: invalid room in ${path} (400)`);
				refuse(socket, 400);
				return true;
			}
			admit(req, socket, head, room).catch((error) => {
				log.error(`[relay] ${room}: upgrade failed: ${errorStack(error)}`);
				socket.destroy();
			});
			return true;
		},

		close() {
			closed ??= shutDown();
			return closed;
		},

		stats() {
			return { rooms: rooms.size, connections: connections.size };
		}
	};
}

/**
 * The room named by the rest of the path, or null when it is not a valid room name.
 * @param {string} encoded
 * @returns {string | null}
 */
export function parseRoom(encoded) {
	let room;
	try {
		room = decodeURIComponent(encoded);
	} catch {
		return null;
	}
	return ROOM_PATTERN.test(room) ? room : null;
}

/**
 * @param {awarenessProtocol.Awareness} awareness
 * @param {number[]} clients
 */
function encodeAwareness(awareness, clients) {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, messageAwareness);
	encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
	return encoding.toUint8Array(encoder);
}

/** @param {decoding.Decoder} decoder */
function expectEnd(decoder) {
	if (decoding.hasContent(decoder)) throw new Error('unexpected bytes after the message');
}

/**
 * A view of exactly the message's bytes (so reading past its end throws).
 * @param {import('ws').RawData | Uint8Array} data
 * @returns {Uint8Array}
 */
function toUint8Array(data) {
	if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * Resolves once every socket closed, terminating those still open after `ms`.
 * @param {WebSocket[]} sockets
 * @param {number} ms
 */
async function closedWithin(sockets, ms) {
	const open = sockets.filter((ws) => ws.readyState !== WebSocket.CLOSED);
	if (open.length === 0) return;
	/** @type {ReturnType<typeof setTimeout> | undefined} */
	let timer;
	const timeout = new Promise((resolve) => {
		timer = setTimeout(resolve, ms);
	});
	const allClosed = Promise.all(
		open.map((ws) => new Promise((resolve) => ws.once('close', resolve)))
	);
	await Promise.race([allClosed, timeout]);
	clearTimeout(timer);
	for (const ws of open) if (ws.readyState !== WebSocket.CLOSED) ws.terminate();
}

function ignoreError() {}

/** @param {unknown} error */
function errorStack(error) {
	return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** @param {unknown} error */
function errorMessage(error) {
	return error instanceof Error ? error.message : String(error);
}
