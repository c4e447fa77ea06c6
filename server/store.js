// @ts-check
/**
 * Where the relay keeps documents: an append-only log of Yjs updates per room. The relay only
 * talks to the `DocStore` interface, so another store (PostgreSQL) can be added beside this one.
 *
 * `createLevelStore` keeps the updates in LevelDB (`classic-level`), keyed `<room>\0<seq>`.
 * LevelDB is only reachable through libuv's thread pool, and waiting for a thread before every
 * broadcast showed in the relay's round-trip tail on a busy 2-core machine. So, unless `sync` is
 * set, an append is first written synchronously to a small write-ahead file (one `write()` into
 * the OS page cache, the same guarantee as LevelDB's own log without fsync: it survives a crash
 * of the process), and LevelDB is written in the background. A write-ahead file is deleted once
 * everything in it is in LevelDB, and replayed into LevelDB on the next start if it is still
 * there. With `sync`, every append waits for an fsynced LevelDB batch instead (survives power loss).
 */
import { closeSync, ftruncateSync, openSync, writeSync, writevSync } from 'node:fs';
import { chmod, mkdir, readFile, readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { ClassicLevel } from 'classic-level';
import { createMerger } from './merge.js';

/**
 * @typedef {object} DocStore
 * @property {(room: string) => Promise<Uint8Array | null>} load
 *   Every update of the room merged into one, or null for a room never written.
 * @property {(room: string) => Promise<Uint8Array[]>} [loadEach]
 *   Every update of the room as stored, in order: for a room whose merged updates do not apply.
 * @property {(room: string, update: Uint8Array) => void} [exclude]
 *   An update appended earlier that does not apply: left out of every later load and merge of
 *   the room from now on, and out of the log at its next compaction.
 * @property {(room: string, update: Uint8Array) => Promise<void> | void} append
 *   Returns nothing when the update is already durable (written synchronously), else a promise
 *   that resolves once it is. Errors come as a rejected promise.
 * @property {(room: string, mergedUpdate?: Uint8Array) => Promise<void>} compact
 *   Replaces every update appended so far by one: `mergedUpdate`, which must contain them all,
 *   or, without it, their merge (made in a worker thread).
 * @property {() => Promise<void>} close
 *   Waits for pending writes, then closes.
 */

/**
 * @typedef {object} StoreLog
 * @property {(message: string) => void} warn
 * @property {(message: string) => void} error
 */

/** A room's log is rewritten once it holds more updates than this, in its first pause. */
export const COMPACT_AFTER_UPDATES = 500;
/**
 * The pause: no update appended to the room for this long. A compaction costs the relay's thread
 * a few milliseconds (reading the log, handing it to the merge worker, deleting what was merged)
 * and the worker a core meanwhile; run amid a stream of edits, each one delayed the edits around
 * it, and they were most of the relay's slowest round trips in the relay bench.
 */
export const COMPACT_QUIET_MS = 200;
/** A room written without such a pause is compacted anyway once it holds this many updates. */
export const COMPACT_BUSY_UPDATES = 10 * COMPACT_AFTER_UPDATES;
/**
 * A background compaction leaves a room's first update (its base: a 100,000-row import is
 * ~30 MB) alone and merges only the updates after it while they are smaller than the base by
 * this factor: merging is synchronous CPU work, and merging the base again every 500 edits
 * stalled the relay for every room. Once the tail has grown to a fraction of the base, the next
 * compaction merges everything, so the work stays proportional to what was written.
 */
export const BASE_TO_TAIL_RATIO = 4;
/** The store's directory: its owner reads and writes it, no one else (see `ownerOnly`). */
const OWNER_ONLY = 0o700;
/** A new write-ahead file is started once the current one is past this size. */
export const WAL_ROTATE_BYTES = 16 * 1024 * 1024;
/** The LevelDB database, inside the store's directory. */
export const LEVEL_DIR = 'level';
const WAL_NAME = /^wal-(\d+)\.log$/;
/**
 * With the write-ahead file, LevelDB is written at most this often: each batch costs the event
 * loop about 0.1 ms to prepare, which delayed the next broadcast when written after every edit.
 * Appends made meanwhile go into one batch (the write-ahead file holds them until then).
 */
const WAL_BATCH_DELAY_MS = 20;
/**
 * After a LevelDB write failed (a full disk), it is tried again this long after each failure,
 * while the write-ahead file keeps the updates.
 */
export const RETRY_WRITE_MS = 1000;
/** How often the store checks that its folder is still where it was opened (`watchFolder`). */
export const FOLDER_CHECK_MS = 2000;
/** Write-ahead record: u32 payload length, u32 CRC-32 of the payload, then the payload. */
const WAL_HEADER_BYTES = 8;
/** Keys are `<room>\0<seq>`; room names never contain \0, so `<room>\0`…`<room>\1` is one room. */
const KEY_SEPARATOR = '\u0000';
const KEY_RANGE_END = '\u0001';
/** Zero-padded so that keys sort by sequence number (2^53 has 16 digits). */
const SEQ_DIGITS = 16;

/**
 * @typedef {object} RoomLog
 * @property {number} lastSeq sequence number of the newest update appended (written or not)
 * @property {number} count updates held, approximately; it only triggers compaction
 * @property {Promise<void> | null} compacting
 * @property {boolean} compactionQueued a background compaction is waiting or running
 * @property {number} lastAppend `performance.now()` of the latest append
 * @property {ReturnType<typeof setTimeout> | null} quietTimer waiting for a pause to compact
 */

/**
 * @typedef {object} PendingWrite
 * @property {string} key
 * @property {Uint8Array} value
 * @property {() => void} resolve
 * @property {(error: unknown) => void} reject
 */

/**
 * Creates the store's directory readable by the server's own OS user only (the lists hold
 * residents' names, phones and addresses; the default umask would let every user of the laptop
 * read them), and takes group and others' access away from one that has it. Windows keeps its
 * own permissions (mode bits do not apply there).
 *
 * @param {string} dir
 * @param {StoreLog} log
 */
async function ownerOnly(dir, log) {
	await mkdir(dir, { recursive: true, mode: OWNER_ONLY });
	if (process.platform === 'win32') return;
	const { mode } = await stat(dir);
	if ((mode & 0o077) === 0) return;
	let failure = '';
	try {
		await chmod(dir, OWNER_ONLY);
		// A drive that keeps no Unix permissions (FAT, exFAT, some network shares) takes the
		// chmod and changes nothing (found in review: the log said it was closed at every start).
		if (((await stat(dir)).mode & 0o077) !== 0) failure = 'this drive keeps no Unix permissions';
	} catch (error) {
		failure = error instanceof Error ? error.message : String(error);
	}
	log.warn(
		failure
			? `store: ${dir} is open to other users of this computer and could not be closed (${failure}); keep DATA_DIR on a drive only this user can read`
			: `store: ${dir} was open to other users of this computer (mode ${(mode & 0o777).toString(8)}); now only its owner can read it`
	);
}

/**
 * A `DocStore` over LevelDB.
 *
 * @param {object} options
 * @param {string} options.dir the store's directory (created if missing)
 * @param {boolean} [options.sync] fsync every write (survives power loss, slower)
 * @param {StoreLog} [options.log]
 * @param {number} [options.compactQuietMs] the pause a room's compaction waits for
 *   (`COMPACT_QUIET_MS`; the tests set their own)
 * @returns {Promise<Required<DocStore>>}
 */
export async function createLevelStore({
	dir,
	sync = false,
	log = console,
	compactQuietMs = COMPACT_QUIET_MS
}) {
	await ownerOnly(dir, log);
	const db = await openLevel(join(dir, LEVEL_DIR));

	/** @type {Map<string, Promise<RoomLog>>} */
	const rooms = new Map();
	/** @type {PendingWrite[]} */
	let pending = [];
	let writing = false;
	/** Appends are in the write-ahead file first (set once it is open; replay writes at once). */
	let lazyBatches = false;
	/**
	 * Appends not yet in LevelDB; each settles (never rejects) once written or failed.
	 * @type {Set<Promise<void>>}
	 */
	const unpersisted = new Set();
	/** @type {Set<Promise<void>>} */
	const backgroundCompactions = new Set();
	/**
	 * Rooms whose compaction waits for a pause (`compactWhenQuiet`); started at `close()`.
	 * @type {Map<string, RoomLog>}
	 */
	const waitingForQuiet = new Map();
	/**
	 * Per room, appended updates found not to apply (see `exclude`): never merged again.
	 * @type {Map<string, Uint8Array[]>}
	 */
	const excluded = new Map();

	/**
	 * @param {string} room
	 * @returns {(entry: [string, Uint8Array]) => boolean} true for an entry to keep
	 */
	function notExcluded(room) {
		const list = excluded.get(room);
		if (!list) return () => true;
		return ([, value]) => !list.some((bad) => sameBytes(bad, value));
	}
	let closed = false;
	/**
	 * A LevelDB write failed: its log may end in part of a record, and LevelDB may refuse every
	 * write from now on (see `writeBatch`).
	 */
	let torn = false;
	/** @type {Promise<void> | null} */
	let reopening = null;
	/** Why LevelDB writes are failing, while they are (logged once, see `writePending`). */
	let failing = '';
	/** Merges run in a worker thread: see `merge.js`. */
	const merger = createMerger({ log });

	/**
	 * Every update of `entries` merged into one; unreadable ones are skipped and logged.
	 * @param {string} room
	 * @param {[string, Uint8Array][]} entries
	 */
	async function mergeEntries(room, entries) {
		const { merged, skipped } = await merger.merge(entries.map(([, value]) => value));
		if (skipped > 0) {
			log.error(
				`[store] ${room}: ${skipped} of ${entries.length} stored updates are unreadable and were skipped`
			);
		}
		return merged;
	}

	/** @param {string} room */
	const range = (room) => ({ gte: room + KEY_SEPARATOR, lt: room + KEY_RANGE_END });
	/** @param {string} room @param {number} seq */
	const keyOf = (room, seq) => room + KEY_SEPARATOR + String(seq).padStart(SEQ_DIGITS, '0');
	/** @param {string} key */
	const seqOf = (key) => Number(key.slice(key.lastIndexOf(KEY_SEPARATOR) + 1));
	/** Resolves once every append made so far is in LevelDB (or failed). */
	const flushed = () => Promise.all(unpersisted);

	/** @param {string} room */
	function roomLog(room) {
		let roomLogPromise = rooms.get(room);
		if (!roomLogPromise) {
			roomLogPromise = db
				.keys(range(room))
				.all()
				.then((/** @type {string[]} */ keys) => ({
					lastSeq: keys.length === 0 ? 0 : seqOf(keys[keys.length - 1]),
					count: keys.length,
					compacting: null,
					compactionQueued: false,
					lastAppend: 0,
					quietTimer: null
				}));
			rooms.set(room, roomLogPromise);
			roomLogPromise.catch(() => rooms.delete(room));
		}
		return roomLogPromise;
	}

	/**
	 * Puts the value in the next batch. Appends that arrive while a batch is written go together
	 * in the next one, one batch at a time. A batch starts on the next turn of the event loop
	 * (preparing it costs more than the broadcast waiting behind it), or, when the write-ahead
	 * file already keeps the appends, `WAL_BATCH_DELAY_MS` later, so that a burst of edits is
	 * one batch.
	 * @param {string} key
	 * @param {Uint8Array} value
	 * @returns {Promise<void>}
	 */
	function put(key, value) {
		/** @type {Promise<void>} */
		const written = new Promise((resolve, reject) => {
			pending.push({ key, value, resolve, reject });
		});
		if (!writing) {
			writing = true;
			if (lazyBatches) setTimeout(writePending, WAL_BATCH_DELAY_MS);
			else setImmediate(writePending);
		}
		return written;
	}

	/**
	 * Writes a LevelDB batch. After a failed write LevelDB is closed and opened again first (once
	 * the disk lets it), for two reasons found by exploration on a full disk. A write cut short
	 * can leave part of a record at the end of LevelDB's log, and at its next start LevelDB
	 * dropped everything written after it: acknowledged edits typed once space was freed were
	 * gone after a restart. Opening reads the log up to that part and starts a new one. And once
	 * a table could not be written (a 4 MB part of an import), LevelDB refused every write until
	 * it was opened again, however much space was freed.
	 * @param {Array<{ type: 'del', key: string } | { type: 'put', key: string, value: Uint8Array }>} operations
	 */
	async function writeBatch(operations) {
		if (torn) {
			reopening ??= (async () => {
				await db.close();
				await db.open();
				torn = false;
			})().finally(() => {
				reopening = null;
			});
			await reopening;
		}
		try {
			await db.batch(operations, { sync });
		} catch (error) {
			torn = true;
			throw error;
		}
	}

	async function writePending() {
		while (pending.length > 0) {
			const batch = pending;
			pending = [];
			try {
				await writeBatch(
					batch.map(({ key, value }) => ({ type: /** @type {const} */ ('put'), key, value }))
				);
				for (const write of batch) write.resolve();
				if (failing) {
					failing = '';
					log.warn(
						'[store] база снова записывается, правки из файла wal-… записаны в неё / ' +
							'the database is written again; the edits kept in the write-ahead file are in it'
					);
				}
			} catch (error) {
				if (!lazyBatches || closed) {
					for (const write of batch) write.reject(error);
					continue;
				}
				// These updates are in the write-ahead file and the relay has acknowledged them: they
				// must reach LevelDB, or a room loaded from it again would lack them (found by
				// exploration: after a full disk, a list reopened by a colleague missed rows).
				// Tried again until LevelDB takes them; loads and compactions wait for that.
				if (!failing) {
					failing = errorMessage(error);
					wal?.keep();
					log.error(
						`[store] база на диске не записывается (${failing}): освободите место на диске ` +
							'с данными (DATA_DIR) или верните папке права на запись; правки операторов ' +
							'хранятся в файле wal-… и будут записаны, как только диск их примет / the ' +
							'database cannot be written: free space on the data disk, or give the folder ' +
							"back its write permission; the operators' edits are kept in the write-ahead " +
							'file and written as soon as the disk takes them'
					);
				}
				pending = batch.concat(pending);
				await new Promise((resolve) => setTimeout(resolve, RETRY_WRITE_MS));
			}
		}
		writing = false;
	}

	/**
	 * Writes the update into LevelDB under the room's next sequence number.
	 * @param {string} room
	 * @param {Uint8Array} update
	 */
	function persist(room, update) {
		const persisted = (async () => {
			const roomState = await roomLog(room);
			const seq = ++roomState.lastSeq;
			roomState.count++;
			roomState.lastAppend = performance.now();
			await put(keyOf(room, seq), update);
			if (roomState.count > COMPACT_BUSY_UPDATES) compactInBackground(room, roomState);
			else if (roomState.count > COMPACT_AFTER_UPDATES) compactWhenQuiet(room, roomState);
		})();
		const settled = persisted.then(
			() => {},
			() => {}
		);
		unpersisted.add(settled);
		void settled.then(() => unpersisted.delete(settled));
		return persisted;
	}

	/**
	 * Rewrites the room's updates up to now as one. Without `merged`, reads and merges them; a
	 * background compaction (`full` false) may keep a big base and merge only the tail.
	 * @param {string} room
	 * @param {Uint8Array} [merged]
	 * @param {boolean} [full]
	 */
	async function compactRoom(room, merged, full = true) {
		// Its write would fail too, and waiting for the updates to be written would hold up a
		// stop of the server until the disk takes them.
		if (failing) return;
		const roomState = await roomLog(room);
		// `merged` holds the updates appended before this call: those appended while it waits for
		// a compaction already running are not in it, and must stay (found in review: they were
		// deleted with the rest).
		const appended = roomState.lastSeq;
		while (roomState.compacting) await roomState.compacting.catch(() => {});
		const upTo = merged ? appended : roomState.lastSeq;
		const dropping = !merged && excluded.has(room);
		if (roomState.count <= 1 && !dropping) return;
		const run = (async () => {
			await flushed();
			const all = await db.iterator({ ...range(room), lte: keyOf(room, upTo) }).all();
			const keep = merged ? () => true : notExcluded(room);
			const kept = all.filter(keep);
			if (all.length === 0 || (all.length === 1 && kept.length === 1)) return;
			// Keep a big base as it is and merge the tail (see BASE_TO_TAIL_RATIO).
			let tail = 0;
			for (let i = 1; i < all.length; i++) tail += all[i][1].length;
			const keepBase =
				!merged &&
				!full &&
				all.length > 2 &&
				kept[0] === all[0] &&
				all[0][1].length > tail * BASE_TO_TAIL_RATIO;
			const entries = keepBase ? all.slice(1) : all;
			const update = merged ?? (await mergeEntries(room, entries.filter(keep)));
			/** @type {Array<{ type: 'del', key: string } | { type: 'put', key: string, value: Uint8Array }>} */
			const operations = [];
			for (const [key] of entries) {
				if (key !== keyOf(room, upTo)) operations.push({ type: 'del', key });
			}
			operations.push({ type: 'put', key: keyOf(room, upTo), value: update });
			await writeBatch(operations);
			roomState.count = (keepBase ? 2 : 1) + (roomState.lastSeq - upTo);
			// The excluded updates read here are out of the log now.
			const list = excluded.get(room);
			if (list) {
				const left = list.filter((bad) => !all.some(([, value]) => sameBytes(bad, value)));
				if (left.length > 0) excluded.set(room, left);
				else excluded.delete(room);
			}
		})();
		roomState.compacting = run;
		try {
			await run;
		} finally {
			roomState.compacting = null;
		}
	}

	/**
	 * Starts a compaction of the room unless one is already on its way.
	 * @param {string} room
	 * @param {RoomLog} roomState
	 */
	function compactInBackground(room, roomState) {
		if (roomState.quietTimer) clearTimeout(roomState.quietTimer);
		roomState.quietTimer = null;
		waitingForQuiet.delete(room);
		if (roomState.compactionQueued) return;
		roomState.compactionQueued = true;
		const compaction = compactRoom(room, undefined, false)
			.catch((error) => log.error(`[store] compacting ${room} failed: ${errorMessage(error)}`))
			.finally(() => {
				roomState.compactionQueued = false;
				backgroundCompactions.delete(compaction);
			});
		backgroundCompactions.add(compaction);
	}

	/**
	 * Compacts the room in the first pause of `compactQuietMs` without appends to it (one timer
	 * a room, looked at again when it fires, not reset at every append).
	 * @param {string} room
	 * @param {RoomLog} roomState
	 */
	function compactWhenQuiet(room, roomState) {
		if (roomState.quietTimer || roomState.compactionQueued) return;
		if (closed) {
			compactInBackground(room, roomState);
			return;
		}
		const check = () => {
			const quietFor = performance.now() - roomState.lastAppend;
			if (quietFor < compactQuietMs) {
				roomState.quietTimer = setTimeout(check, compactQuietMs - quietFor);
				roomState.quietTimer.unref();
				return;
			}
			compactInBackground(room, roomState);
		};
		waitingForQuiet.set(room, roomState);
		roomState.quietTimer = setTimeout(check, compactQuietMs);
		roomState.quietTimer.unref();
	}

	/** @type {WriteAheadLog | null} */
	const wal = sync ? null : await openWriteAheadLog(dir, persist, flushed, log);
	lazyBatches = wal !== null;
	const folder = watchFolder(dir, log);

	return {
		async load(room) {
			if (folder.gone) throw new Error(folder.gone);
			await flushed();
			const roomState = await roomLog(room);
			const all = await db.iterator(range(room)).all();
			if (all.length === 0) return null;
			if (all.length > COMPACT_AFTER_UPDATES) compactInBackground(room, roomState);
			const entries = all.filter(notExcluded(room));
			return entries.length === 0 ? null : mergeEntries(room, entries);
		},

		async loadEach(room) {
			await flushed();
			const entries = await db.iterator(range(room)).all();
			return entries.map(([, value]) => value);
		},

		append(room, update) {
			if (closed) return Promise.reject(new Error('store is closed'));
			if (folder.gone) return Promise.reject(new Error(folder.gone));
			if (!wal) return persist(room, update);
			try {
				wal.write(room, update);
			} catch (error) {
				return Promise.reject(error);
			}
			persist(room, update).catch((error) => {
				wal.keep();
				log.error(
					`[store] ${room}: writing to LevelDB failed (${errorMessage(error)}); ` +
						'the update stays in the write-ahead file until the next start'
				);
			});
		},

		async compact(room, mergedUpdate) {
			await compactRoom(room, mergedUpdate, true);
		},

		exclude(room, update) {
			const list = excluded.get(room) ?? [];
			if (!list.some((bad) => sameBytes(bad, update))) list.push(update.slice());
			excluded.set(room, list);
		},

		async close() {
			if (closed) return;
			closed = true;
			folder.stop();
			// Due anyway: done now rather than left for the next start.
			for (const [room, roomState] of [...waitingForQuiet]) compactInBackground(room, roomState);
			await flushed();
			await Promise.all(backgroundCompactions);
			await wal?.close();
			await merger.close();
			await db.close();
		}
	};
}

/**
 * Checks every `FOLDER_CHECK_MS` that the store's folder is still the one it opened. Deleted
 * (or moved) while the server ran, its files stay open and take every write, and the relay
 * said «сохранено на сервере» for edits that were gone at the next start, when the folder was
 * made again, empty (found by exploration: nothing was logged). While the folder is away,
 * `gone` says so and the store refuses updates, so the operators' browsers keep them as not
 * saved; a folder put back is used again.
 * @param {string} dir
 * @param {StoreLog} log
 */
function watchFolder(dir, log) {
	const state = { gone: '', stop: () => clearInterval(timer) };
	/** @type {{ dev: number, ino: number } | null} */
	let opened = null;
	void stat(dir).then((stats) => (opened = stats));
	const timer = setInterval(() => {
		if (!opened) return;
		const { dev, ino } = opened;
		stat(dir)
			.then((now) => now.dev === dev && now.ino === ino)
			.catch(() => false)
			.then((here) => {
				if (here && state.gone) {
					state.gone = '';
					log.warn(
						`[store] папка с данными ${dir} снова на месте, изменения сохраняются / the data folder is back; changes are saved again`
					);
				} else if (!here && !state.gone) {
					state.gone = `the data folder ${dir} was deleted or moved while Shtab ran`;
					log.error(
						`[store] папка с данными ${dir} удалена или перенесена, пока Штаб работал: ` +
							'изменения больше не сохраняются на сервере, правки остаются в браузерах ' +
							'операторов. Верните папку на место; если её нет, перезапустите Штаб: он начнёт ' +
							'с пустой папкой, и браузеры пришлют в неё списки, когда их откроют / ' +
							`${state.gone}: changes are no longer saved on the server and stay in the ` +
							"operators' browsers. Put the folder back; without it, restart Shtab: it starts " +
							'with an empty folder, and the browsers send the lists to it as they open them'
					);
				}
			});
	}, FOLDER_CHECK_MS);
	timer.unref();
	return state;
}

/**
 * @param {Uint8Array} a
 * @param {Uint8Array} b
 */
function sameBytes(a, b) {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}

/** @param {string} location */
async function openLevel(location) {
	/** @type {ClassicLevel<string, Uint8Array>} */
	const db = new ClassicLevel(location, { keyEncoding: 'utf8', valueEncoding: 'view' });
	try {
		await db.open();
	} catch (error) {
		const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
		throw new Error(`cannot open the document store in ${location}: ${errorMessage(cause)}`, {
			cause: error
		});
	}
	return db;
}

/**
 * @typedef {object} WriteAheadLog
 * @property {(room: string, update: Uint8Array) => void} write
 * @property {() => void} keep
 * @property {() => Promise<void>} close
 */

/**
 * Replays the write-ahead files left by a previous run into LevelDB, then starts a new one.
 *
 * @param {string} dir
 * @param {(room: string, update: Uint8Array) => Promise<void>} persist
 * @param {() => Promise<unknown>} flushed
 * @param {StoreLog} log
 * @returns {Promise<WriteAheadLog>}
 */
async function openWriteAheadLog(dir, persist, flushed, log) {
	const leftOver = (await readdir(dir))
		.map((name) => WAL_NAME.exec(name))
		.filter((match) => match !== null)
		.map((match) => ({ path: join(dir, match[0]), number: Number(match[1]) }))
		.sort((a, b) => a.number - b.number);
	let replayed = 0;
	for (const file of leftOver) {
		const records = readRecords(await readFile(file.path), file.path, log);
		await Promise.all(records.map(({ room, update }) => persist(room, update)));
		replayed += records.length;
	}
	for (const file of leftOver) await unlink(file.path);
	if (replayed > 0) log.warn(`[store] replayed ${replayed} updates left by an unclean stop`);

	let number = leftOver.length > 0 ? leftOver[leftOver.length - 1].number + 1 : 1;
	const pathOf = (/** @type {number} */ n) => join(dir, `wal-${String(n).padStart(8, '0')}.log`);
	let fd = openSync(pathOf(number), 'a');
	let size = 0;
	/** A LevelDB write failed: keep every file for the next start to replay. */
	let keep = false;
	/** A write failed and its part could not be cut off: the next record goes to a new file. */
	let damaged = false;
	/** @type {Set<Promise<void>>} */
	const deletions = new Set();

	/** Starts a new file; the old one is deleted once everything in it is in LevelDB. */
	function rotate() {
		// Opened first: while the disk refuses it, the current file stays in use.
		const next = openSync(pathOf(number + 1), 'a');
		closeSync(fd);
		const oldPath = pathOf(number);
		number++;
		fd = next;
		size = 0;
		damaged = false;
		const deletion = flushed()
			.then(() => (keep ? undefined : unlink(oldPath)))
			.catch((error) => log.error(`[store] deleting ${oldPath} failed: ${errorMessage(error)}`))
			.finally(() => deletions.delete(deletion));
		deletions.add(deletion);
	}

	return {
		/**
		 * Appends one record synchronously: when this returns, the update survives a crash of the
		 * process. Throws if the file cannot be written.
		 * @param {string} room
		 * @param {Uint8Array} update
		 */
		write(room, update) {
			if (size >= WAL_ROTATE_BYTES || damaged) rotate();
			const roomBytes = Buffer.from(room);
			const header = Buffer.allocUnsafe(WAL_HEADER_BYTES + 4);
			header.writeUInt32LE(4 + roomBytes.length + update.length, 0);
			header.writeUInt32LE(roomBytes.length, WAL_HEADER_BYTES);
			const checksum = crc32(update, crc32(roomBytes, crc32(header.subarray(WAL_HEADER_BYTES))));
			header.writeUInt32LE(checksum, 4);
			try {
				size += writeAll(fd, [header, roomBytes, update]);
			} catch (error) {
				// A full disk cuts a write short: the part written would end the replay at the next
				// start, and every record after it would be lost (found by exploration). Cut off.
				try {
					ftruncateSync(fd, size);
				} catch {
					damaged = true;
				}
				throw error;
			}
		},

		keep() {
			keep = true;
		},

		async close() {
			closeSync(fd);
			await Promise.all(deletions);
			if (!keep) await unlink(pathOf(number)).catch(() => {});
		}
	};
}

/**
 * @param {number} fd
 * @param {Uint8Array[]} parts
 * @returns {number} bytes written
 */
function writeAll(fd, parts) {
	const total = parts.reduce((sum, part) => sum + part.length, 0);
	let written = writevSync(fd, parts);
	if (written < total) {
		const whole = Buffer.concat(parts);
		while (written < total) written += writeSync(fd, whole, written, total - written);
	}
	return total;
}

/**
 * The records of a write-ahead file, up to the first incomplete or damaged one (a crash can
 * leave a torn record at the end).
 *
 * @param {Buffer} bytes
 * @param {string} path
 * @param {StoreLog} log
 * @returns {Array<{ room: string, update: Uint8Array }>}
 */
function readRecords(bytes, path, log) {
	/** @type {Array<{ room: string, update: Uint8Array }>} */
	const records = [];
	let offset = 0;
	while (offset < bytes.length) {
		const start = offset + WAL_HEADER_BYTES;
		const length = start <= bytes.length ? bytes.readUInt32LE(offset) : -1;
		if (length < 4 || start + length > bytes.length) break;
		const payload = bytes.subarray(start, start + length);
		if (crc32(payload) !== bytes.readUInt32LE(offset + 4)) break;
		const roomLength = payload.readUInt32LE(0);
		if (4 + roomLength > payload.length) break;
		records.push({
			room: payload.subarray(4, 4 + roomLength).toString(),
			update: payload.subarray(4 + roomLength)
		});
		offset = start + length;
	}
	if (offset < bytes.length) {
		log.warn(
			`[store] ${path}: ${bytes.length - offset} bytes after the last complete record ignored`
		);
	}
	return records;
}

/** @param {unknown} error */
function errorMessage(error) {
	return error instanceof Error ? error.message : String(error);
}
