// @ts-check
/**
 * Who may open the lists. Every list holds the names, phones and addresses of vulnerable people;
 * once Shtab listens on the office network (`HOST=0.0.0.0`), or behind a proxy under a name
 * (`ALLOWED_HOSTS`), anyone on that network could read and change them. So, then, a page and a
 * WebSocket are let in only with the headquarters' **access key**:
 *
 * - the key is `ACCESS_KEY`, or else made once at random and kept in `DATA_DIR/access-key`
 *   (the same after a restart: the operators' browsers keep it), e.g. `k7mp-x2qa-9fzt-hw4c`;
 * - the coordinator gives the operators the link printed at start, `http://192.168.1.20:3000/?key=…`:
 *   it only fills in the key form (the key in the field, «Войти» focused, the key taken out of the
 *   address bar); she presses «Войти». A page asked for without the cookie gets the same form,
 *   empty, in which the key can be typed. The form is sent (`POST /`) with the page she asked
 *   for, where she is taken back (a path of this site only: `returnPath`), and a right key gets
 *   a cookie holding a token made from the key (`accessCookieValue`: not the key itself;
 *   HttpOnly, so no script of a page reads it). Nothing is checked or counted on a `GET`: over
 *   plain http a browser sends nothing that tells a link she clicked from one another site's
 *   page opened in a frame or a window, and such links could have spent the office's wrong keys;
 * - the computer Shtab runs on, opened as `localhost` or `127.0.0.1`, needs no key (the
 *   coordinator at that laptop already holds `DATA_DIR`); a proxy on that computer is not let in
 *   so, since the name it passes is not a loopback one, or it says whom it is for
 *   (`X-Forwarded-For`, `Forwarded`, `X-Real-IP`, `Via`);
 * - a key form sent by a page of another site (`fromAnotherSite`: its `Origin`, or
 *   `Sec-Fetch-Site`) is neither checked nor counted: ten of them would have told the office's
 *   address to wait (login CSRF). No page of Shtab may be shown in another site's frame
 *   (`frame-ancestors 'none'`, `X-Frame-Options`), so the filled form cannot be clicked through
 *   a page laid over it;
 * - wrong keys sent in the form from one address (an IPv6 one by its /64) are counted, each
 *   different one once: after `MAX_WRONG` in `WRONG_WINDOW_MS` that address is told to wait. The
 *   right key does not wipe that count (behind an office's one address, a guesser there got
 *   `MAX_WRONG` new tries each time a colleague let herself in): it forgives only the wrong keys
 *   sent before from the same key's page (`FORM_PARAM`, a random mark of each page shown), her
 *   typos. A browser holding the right cookie is let in all the same: operators behind one
 *   proxy share an address (unless `TRUSTED_PROXIES` names it: then its `X-Forwarded-For` says
 *   whose keys they are), and an old browser does not say which site sent a form. Guessing the
 *   cookie (256 bits) instead of the key is hopeless, so cookies are not counted. A key a link filled
 *   in and sent unchanged (`LINK_PARAM`: a tab another site opened, where she pressed Enter)
 *   spends `MAX_LINK_WRONG` of them at most; past it such keys are not checked, and the keys she
 *   types keep the rest. The log says each different wrong key once, the repeats in one line at
 *   the window's end (`summarize`): a script cannot fill it;
 * - changing the key (delete the file, restart) shuts out every browser that had the old one.
 *
 * With the default `HOST` (this computer only) and no `ALLOWED_HOSTS` or `ACCESS_KEY`, there is
 * no key at all: nothing but this computer reaches the port.
 */
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, readFile, readdir, realpath, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { clientAddressReader, countedAddress, isLoopback } from './addresses.js';
import { englishForm, grouped, russianForm } from './counts.js';
import { createRepeatLog, createWindows, summaryLine } from './repeat-log.js';
import { KeyFileError, SettingError } from './startup-errors.js';

export const ACCESS_COOKIE = 'shtab_access';
export const KEY_PARAM = 'key';
export const ACCESS_KEY_FILE = 'access-key';
/** The cookie lasts as long as Chrome lets one last (400 days). */
const COOKIE_MAX_AGE_S = 400 * 24 * 60 * 60;
/** Letters and digits that cannot be taken for one another when read off a screen or a note. */
const KEY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const KEY_GROUPS = 4;
const KEY_GROUP_LENGTH = 4;
/** A key of fewer letters and digits is refused as a setting (`ACCESS_KEY`). */
export const MIN_KEY_LENGTH = 12;
export const MAX_WRONG = 10;
/**
 * Of `MAX_WRONG`, how many may be keys a link filled in and sent unchanged (`LINK_PARAM`): a
 * hostile page can open `/?key=WRONG` in tabs, and «Войти» has the focus there. The rest are kept
 * for keys she types.
 */
export const MAX_LINK_WRONG = MAX_WRONG / 2;
export const WRONG_WINDOW_MS = 10 * 60 * 1000;
/** How the log's summary names the key forms that could not be read. */
const UNREAD_FORM_KINDS = {
	unread: {
		ru: /** @type {const} */ ([
			'непрочитанная форма ключа',
			'непрочитанные формы ключа',
			'непрочитанных форм ключа'
		]),
		en: /** @type {const} */ (['key form not read', 'key forms not read'])
	}
};
/** Addresses whose wrong keys are remembered at once (past it the oldest are forgotten). */
const MAX_REMEMBERED = 10_000;

/** A fresh key: four groups of four, about 79 bits. */
export function newAccessKey() {
	const groups = [];
	for (let g = 0; g < KEY_GROUPS; g++) {
		let group = '';
		for (let i = 0; i < KEY_GROUP_LENGTH; i++)
			group += KEY_ALPHABET[randomInt(KEY_ALPHABET.length)];
		groups.push(group);
	}
	return groups.join('-');
}

/**
 * A key as typed or pasted, in the form compared: lower case, letters and digits only
 * (`K7MP X2QA-9FZT hw4c ` is `k7mpx2qa9fzthw4c`).
 * @param {string} key
 */
export function normalizeKey(key) {
	return key.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** The keys of a Russian (ЙЦУКЕН) keyboard, as the Latin letters on the same keys. */
const LATIN_KEY_OF = Object.fromEntries(
	[...'йцукенгшщзфывапролдячсмитьё'].map((c, i) => [c, 'qwertyuiopasdfghjklzxcvbnm`'[i]])
);

/**
 * The key as typed with the Russian layout on (`л7ьз-ч2йф…` for `k7mp-x2qa…`): the operators
 * type Russian most of the day, and the field does not say which layout is on.
 * @param {string} key
 */
export function latinLayout(key) {
	return key.toLowerCase().replace(/[а-яё]/g, (c) => LATIN_KEY_OF[c] ?? c);
}

/** @param {string} hostname `localhost`, `127.0.0.1`, `[::1]`… */
function isLoopbackName(hostname) {
	const name = hostname.toLowerCase().replace(/\.$/, '');
	return (
		name === 'localhost' ||
		name.endsWith('.localhost') ||
		/^127(\.\d{1,3}){3}$/.test(name) ||
		name === '[::1]'
	);
}

/** Headers a reverse proxy adds; a browser on this computer sends none of them. */
const PROXY_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-real-ip', 'via'];

/**
 * Whether a request came through a proxy: from 127.0.0.1, but on behalf of another computer. A
 * proxy that rewrites `Host` to `127.0.0.1:3000` (nginx's default) would otherwise pass for this
 * computer.
 * @param {import('node:http').IncomingMessage} req
 */
function proxied(req) {
	return PROXY_HEADERS.some((name) => req.headers[name] !== undefined);
}

/**
 * Whether the server must ask for a key: it listens beyond this computer, or serves a name
 * (a proxy), or a key is set.
 * @param {{ host: string, allowedHosts: readonly string[], accessKey?: string | null }} config
 */
export function accessKeyNeeded(config) {
	return (
		!!config.accessKey ||
		config.allowedHosts.length > 0 ||
		!(isLoopback(config.host) || config.host === 'localhost')
	);
}

/**
 * `ACCESS_KEY` of the environment, checked (null when not set).
 * @param {string | undefined} value
 */
export function readAccessKeySetting(value) {
	if (value === undefined || value.trim() === '') return null;
	if (normalizeKey(value).length < MIN_KEY_LENGTH) {
		throw new SettingError(
			`ACCESS_KEY must have at least ${MIN_KEY_LENGTH} letters and digits (leave it out to get a random one)`
		);
	}
	return value.trim();
}

/**
 * A file of the data folder, its text trimmed; '' when there is none yet.
 * @param {string} file
 * @returns {Promise<string>}
 */
async function keptText(file) {
	return readFile(file, 'utf8').then(
		(text) => text.trim(),
		(error) => {
			if (/** @type {{ code?: string }} */ (error).code === 'ENOENT') return '';
			throw error;
		}
	);
}

/**
 * The key kept in `dataDir`, made on first use. A file holding fewer than `MIN_KEY_LENGTH`
 * letters and digits (a key the coordinator wrote there by hand) stops the start
 * (`KeyFileError`) rather than being replaced: a new key would shut out every link she gave out,
 * without a word. A key file others may read is made its owner's only (`keptToOwner`).
 * @param {string} dataDir
 * @param {Pick<Console, 'warn'>} [log]
 * @returns {Promise<string>}
 */
export async function storedAccessKey(dataDir, log = console) {
	const file = join(dataDir, ACCESS_KEY_FILE);
	const kept = await keptText(file);
	// Empty: none yet, or a first start of an older version cut short (a full disk, a power cut)
	// before the key was written whole. Nobody writes an empty key by hand: a new one is made.
	if (kept) {
		const letters = normalizeKey(kept).length;
		if (letters < MIN_KEY_LENGTH) throw new KeyFileError(file, letters, MIN_KEY_LENGTH);
		await keptToOwner(file, KEY_FILE_NAMES, log);
		return kept;
	}
	const key = newAccessKey();
	await mkdir(dataDir, { recursive: true });
	await writeWhole(dataDir, ACCESS_KEY_FILE, key + '\n');
	return key;
}

/**
 * A key file written by hand keeps the rights her editor gave it, often readable by every user
 * of the computer (644): anyone logged in there could read the key and open every list from
 * another laptop. The file is made readable by its owner only (600), as the one Shtab writes is,
 * and the log says so; a file of another user, or one whose rights cannot be changed (a drive
 * that keeps no Unix rights takes the chmod and changes nothing), is left as it is and the log
 * says what to do. A key file that is a link to another file is never changed either: the
 * rights of a file elsewhere are its owner's business (and whoever could put a link there
 * could point it at any file of the server's user, root's in a container). The rights are
 * changed on the file opened, not looked up again by its name. Not on Windows, whose files have
 * no such rights.
 * The link secret's file (`storedLinkSecret`) is kept so too: whoever reads it can mark a
 * typed key as a link's (found in review: one copied in with loose rights stayed so).
 * @param {string} file
 * @param {{ ru: string, en: string }} names what the file is, in the log's two languages
 * @param {Pick<Console, 'warn'>} log
 */
async function keptToOwner(file, names, log) {
	if (process.platform === 'win32' || typeof process.getuid !== 'function') return;
	/** @type {import('node:fs/promises').FileHandle} */
	let handle;
	try {
		handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW);
	} catch (error) {
		if (/** @type {{ code?: string }} */ (error).code !== 'ELOOP') throw error;
		// A link: its target's rights are told, not changed.
		const { mode } = await stat(file);
		if ((mode & 0o077) === 0) return;
		const target = await realpath(file);
		const rights = (mode & 0o777).toString(8);
		log.warn(
			`[server] ${names.ru} ${file} — ссылка на файл ${target}, который могут читать другие пользователи этого компьютера (права ${rights}); Штаб не меняет права файла по ссылке: выполните «chmod 600 ${target}» от имени его владельца / ${names.en} ${file} is a link to ${target}, which is readable by other users of this computer (mode ${rights}); Shtab does not change the rights of a linked file: run «chmod 600 ${target}» as its owner`
		);
		return;
	}
	try {
		const { mode, uid } = await handle.stat();
		if ((mode & 0o077) === 0) return;
		const rights = (mode & 0o777).toString(8);
		if (uid === process.getuid()) {
			const own = (mode & 0o700).toString(8);
			try {
				await handle.chmod(mode & 0o700);
				if (((await handle.stat()).mode & 0o077) === 0) {
					log.warn(
						`[server] ${names.ru} ${file} могли читать другие пользователи этого компьютера (права ${rights}); теперь он только для владельца (права ${own}) / ${names.en} ${file} was readable by other users of this computer (mode ${rights}); it is now its owner's only (mode ${own})`
					);
					return;
				}
			} catch {
				// Told below.
			}
		}
		log.warn(
			`[server] ${names.ru} ${file} могут читать другие пользователи этого компьютера (права ${rights}), и Штаб не может это изменить: выполните «chmod 600 ${file}» от имени владельца файла (или держите папку данных на диске, который хранит права файлов, не на флешке FAT или exFAT) / ${names.en} ${file} is readable by other users of this computer (mode ${rights}) and Shtab cannot change that: run «chmod 600 ${file}» as the file's owner (or keep the data folder on a drive that keeps file rights, not a FAT or exFAT stick)`
		);
	} finally {
		await handle.close();
	}
}

/** The access key's file, as the log names it (`keptToOwner`). */
const KEY_FILE_NAMES = { ru: 'файл ключа доступа', en: 'the access key file' };
/** The link secret's file, as the log names it. */
const SECRET_FILE_NAMES = { ru: 'файл секрета ссылок', en: 'the link secret file' };

export const LINK_SECRET_FILE = 'link-secret';

/**
 * The secret a link's form marks its key with (`LINK_PARAM`), kept in `dataDir` (its owner's only)
 * and made at random on first use: the same after a restart, so a link's tabs opened before it
 * stay the link's. Made from the access key alone, the mark that `GET /?key=x` shows anyone (not
 * checked, not counted) let him test keys against it on his own computer, without end: a
 * human-chosen `ACCESS_KEY` fell to a dictionary. A file that holds no such secret is replaced
 * (the links' tabs open then count as typed, nothing else is lost). A kept file others may read
 * (copied in from a backup, written by hand) is made its owner's only, as the key's is
 * (`keptToOwner`).
 * @param {string} dataDir
 * @param {Pick<Console, 'warn'>} [log]
 * @returns {Promise<Buffer>}
 */
export async function storedLinkSecret(dataDir, log = console) {
	const file = join(dataDir, LINK_SECRET_FILE);
	const kept = await keptText(file);
	if (/^[0-9a-f]{64}$/.test(kept)) {
		await keptToOwner(file, SECRET_FILE_NAMES, log);
		return Buffer.from(kept, 'hex');
	}
	const secret = randomBytes(32);
	await mkdir(dataDir, { recursive: true });
	await writeWhole(dataDir, LINK_SECRET_FILE, secret.toString('hex') + '\n');
	return secret;
}

/** Temporary files of `writeWhole`: `access-key.tmp-…`. */
const TEMP_MARK = '.tmp-';

/**
 * Writes `name` in `dir` whole or not at all: into a temporary file beside it (its owner's only),
 * flushed to the disk, then renamed over. Writing the file itself, a full disk or a power cut
 * left it empty, and the next start would find no key in it. A temporary file left so by an
 * earlier start is removed.
 * @param {string} dir
 * @param {string} name
 * @param {string} text
 */
async function writeWhole(dir, name, text) {
	for (const entry of await readdir(dir)) {
		if (entry.startsWith(name + TEMP_MARK)) await unlink(join(dir, entry)).catch(() => {});
	}
	const temp = join(dir, `${name}${TEMP_MARK}${randomBytes(6).toString('hex')}`);
	const handle = await open(temp, 'wx', 0o600);
	try {
		await handle.writeFile(text);
		await handle.sync();
		await handle.close();
		await rename(temp, join(dir, name));
	} catch (error) {
		await handle.close().catch(() => {});
		await unlink(temp).catch(() => {});
		throw error;
	}
	// The rename itself on the disk (not possible on Windows, where it is not needed).
	const folder = await open(dir, 'r').catch(() => null);
	if (folder) {
		await folder.sync().catch(() => {});
		await folder.close();
	}
}

/** @param {string} text */
function digest(text) {
	return createHash('sha256').update(normalizeKey(text)).digest();
}

/**
 * What the access cookie holds for `key`: an HMAC of it, so that the cookie is no shorter a
 * guess than the key, and changing the key shuts out every cookie made from the old one.
 * @param {string} key
 */
export function accessCookieValue(key) {
	return createHmac('sha256', normalizeKey(key)).update('shtab access cookie').digest('base64url');
}

/**
 * A cookie's value from a `Cookie` header.
 * @param {string | undefined} header
 * @param {string} name
 */
export function cookieValue(header, name) {
	if (!header) return null;
	for (const part of header.split(';')) {
		const at = part.indexOf('=');
		if (at < 0 || part.slice(0, at).trim() !== name) continue;
		try {
			return decodeURIComponent(part.slice(at + 1).trim());
		} catch {
			return null;
		}
	}
	return null;
}

/** @param {string} text */
function escapeHtml(text) {
	return text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c
	);
}

/**
 * @typedef {object} Access
 * @property {(req: import('node:http').IncomingMessage) => boolean} allows the request carries
 *   the key (its cookie), or comes from this computer by a loopback name
 * @property {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => boolean}
 *   answer answers a page request that has no access (the form, a wrong key, the cookie for a
 *   right one); false when the request may go on to the app
 * @property {() => void} close stops; the log is told what came again and was not written yet
 */

/**
 * What came from one address within its window (`WRONG_WINDOW_MS` from the first): the different
 * wrong keys, each counted once (`link`: filled in by a link and sent as it was), how often each
 * came again, the tries refused while the address waited, and the forms sent by another site's
 * page. Only the first of each is written to the log; the counts, once the window is over.
 * `form`: the key's page the key was sent from (`FORM_PARAM`), so that the right key sent from it
 * later forgives these (her own typos), and only these.
 * @typedef {{ tried: Map<string, { link: boolean, form: string | null }>, again: number, waited: number, foreign: number }} Attempts
 */

/**
 * @param {{ key: string, linkSecret?: Buffer, log?: Pick<Console, 'warn'>, now?: () => number, trustedProxies?: readonly string[] }} options
 *   `trustedProxies`: whose `X-Forwarded-For` names the client whose wrong keys count
 *   (`TRUSTED_PROXIES`): behind nginx on this computer every request comes from 127.0.0.1, and ten
 *   wrong keys from anyone who reaches the proxy told the whole office to wait. `linkSecret`:
 *   what a link's marks are made with besides the key (`storedLinkSecret`); drawn at random
 *   when not given, so then the marks of tabs opened before a restart match nothing after it
 * @returns {Access}
 */
export function createAccess(options) {
	const expected = digest(options.key);
	const token = createHash('sha256').update(accessCookieValue(options.key)).digest();
	const log = options.log ?? console;
	const now = options.now ?? Date.now;
	const clientOf = clientAddressReader(options.trustedProxies ?? []);
	/**
	 * Whose wrong keys a request's are: its address, or the client a trusted proxy names; an IPv6
	 * one by its /64 (`countedAddress`).
	 * @param {import('node:http').IncomingMessage} req
	 */
	const addressOf = (req) => countedAddress(clientOf(req));
	/**
	 * Key forms that could not be read (the client went away mid-way), written once per address
	 * in ten minutes: anyone who reaches the port, key or not, wrote a line with each.
	 */
	const unreadForms = createRepeatLog({ log, prefix: '[server]', kinds: UNREAD_FORM_KINDS, now });
	/**
	 * What a link's form marks its key with (`LINK_PARAM`): made from the secret kept in the data
	 * folder (`storedLinkSecret`), so the same after a restart (drawn at random at each start, it
	 * left the marks of tabs a hostile page opened before a restart matching nothing, and their
	 * keys counted as typed), and from the access key, so a new one when the key is changed. Never
	 * from the key alone: anyone is shown a mark, and could test keys against it on his own.
	 */
	const linkSecret = createHmac('sha256', options.linkSecret ?? randomBytes(32))
		.update(normalizeKey(options.key))
		.update('link-marker')
		.digest();
	/** @param {string} key */
	const linkMark = (key) =>
		createHmac('sha256', linkSecret).update(normalizeKey(key)).digest('base64url');

	/** @param {string} key as typed, or with the Russian layout on (a key set in Cyrillic as it is) */
	const matches = (key) => {
		if (normalizeKey(key).length === 0) return false;
		const asTyped = timingSafeEqual(digest(key), expected);
		const asLatin = timingSafeEqual(digest(latinLayout(key)), expected);
		return asTyped || asLatin;
	};

	/** @param {import('node:http').IncomingMessage} req */
	const local = (req) => {
		const hostname = /^\[[^\]]*\]|^[^:]*/.exec(req.headers.host ?? '')?.[0] ?? '';
		return isLoopback(req.socket.remoteAddress ?? '') && isLoopbackName(hostname) && !proxied(req);
	};

	/**
	 * The log told how often things came again from `address` and were not written each time.
	 * @param {string} address
	 * @param {Attempts} entry
	 */
	const summarize = (address, entry) => {
		const ru = [];
		const en = [];
		const { again, waited, foreign } = entry;
		/** @param {number} n */
		const times = (n) => `${grouped(n)} ${russianForm(n, ['раз', 'раза', 'раз'])}`;
		/** @param {number} n */
		const timesEn = (n) => `${n} more ${englishForm(n, ['time', 'times'])}`;
		if (again > 0) {
			ru.push(`те же неверные ключи ещё ${times(again)}`);
			en.push(`the same wrong keys ${timesEn(again)}`);
		}
		if (waited > 0) {
			const tries = russianForm(waited, ['попытка', 'попытки', 'попыток']);
			ru.push(`ещё ${grouped(waited)} ${tries}, пока адрес ждал`);
			en.push(`${waited} more ${englishForm(waited, ['try', 'tries'])} while told to wait`);
		}
		if (foreign > 1) {
			ru.push(`ключ со страницы другого сайта ещё ${times(foreign - 1)}`);
			en.push(`a key from another site’s page ${timesEn(foreign - 1)}`);
		}
		const line = summaryLine('[server]', address, ru, en);
		if (line) log.warn(line);
	};

	/** Per address, what came within its window; the log told the counts once it is over. */
	const attempts = createWindows({
		windowMs: WRONG_WINDOW_MS,
		maxAddresses: MAX_REMEMBERED,
		now,
		/** @returns {Attempts} */
		fresh: () => ({ tried: new Map(), again: 0, waited: 0, foreign: 0 }),
		over: summarize
	});
	/** @param {string} address */
	const blocked = (address) => (attempts.peek(address)?.tried.size ?? 0) >= MAX_WRONG;

	/**
	 * Whether the keys links filled in, from `address`, are spent (`MAX_LINK_WRONG`).
	 * @param {string} address
	 */
	const linksSpent = (address) => {
		let links = 0;
		for (const { link } of attempts.peek(address)?.tried.values() ?? []) if (link) links++;
		return links >= MAX_LINK_WRONG;
	};

	/**
	 * A wrong key from `address`, counted once however often it comes, and written to the log once.
	 * @param {string} address
	 * @param {string} key
	 * @param {boolean} link filled in by a link and sent as it was
	 * @param {string | null} form the page it was sent from (`FORM_PARAM`)
	 */
	const countWrong = (address, key, link, form) => {
		const entry = attempts.of(address);
		const tried = digest(key).toString('base64');
		if (entry.tried.has(tried)) {
			entry.again++;
			return;
		}
		entry.tried.set(tried, { link, form });
		log.warn(`[server] ${address}: a wrong access key (401)`);
		if (entry.tried.size === MAX_WRONG) {
			log.warn(
				`[server] ${address}: ${MAX_WRONG} different wrong keys within 10 minutes, told to wait (429)`
			);
		}
	};

	/** @param {import('node:http').IncomingMessage} req */
	const allows = (req) => {
		if (local(req)) return true;
		const cookie = cookieValue(req.headers.cookie, ACCESS_COOKIE);
		if (cookie === null) return false;
		return timingSafeEqual(createHash('sha256').update(cookie).digest(), token);
	};

	/**
	 * @param {import('node:http').ServerResponse} res
	 * @param {number} status
	 * @param {Why} why
	 * @param {string} back the page she asked for, where the key typed takes her
	 * @param {string} [filled] the key put in the field (from a link), with its mark
	 * @param {boolean} [linked] the address asked for holds a key (a link), to be taken out of it
	 * @param {string | null} [page] the page's mark (`FORM_PARAM`): the one the form was sent
	 *   from, kept; else a new one
	 */
	const form = (res, status, why, back, filled, linked = !!filled, page = null) => {
		res.writeHead(status, ACCESS_PAGE_HEADERS);
		const mark = filled ? linkMark(filled) : '';
		res.end(accessPage(why, back, filled, mark, linked, page ?? newFormMark()));
	};

	/**
	 * A key typed in the form (or filled in from a link) from `req`'s address: the cookie and on to
	 * `back` when it is right, else the form again.
	 * @param {import('node:http').IncomingMessage} req
	 * @param {import('node:http').ServerResponse} res
	 * @param {string} given
	 * @param {string} back
	 * @param {boolean} link the key a link filled in, sent as it was (its mark, `LINK_PARAM`)
	 * @param {string | null} page the key's page it was sent from (`FORM_PARAM`), when it says
	 */
	const tryKey = (req, res, given, back, link, page) => {
		const address = addressOf(req);
		if (blocked(address)) {
			attempts.of(address).waited++;
			return form(res, 429, 'blocked', back, undefined, false, page);
		}
		// Not checked: a link's keys have had their share; the ones she types have theirs.
		if (link && linksSpent(address)) {
			attempts.of(address).waited++;
			return form(res, 429, 'links', back, undefined, false, page);
		}
		if (!matches(given)) {
			countWrong(address, given, link, page);
			return form(res, 401, link ? 'link-wrong' : 'wrong', back, undefined, false, page);
		}
		// The right key forgives the wrong ones sent from the same page (her typos), and no others:
		// it wiped the address's count, so behind an office's one address a guesser there got ten
		// new tries each time a colleague let herself in. A page's mark is drawn at random and
		// shown to that page only, so a guesser cannot send his keys under hers.
		const entry = attempts.peek(address);
		if (entry && page !== null) {
			for (const [tried, { form: from }] of entry.tried)
				if (from === page) entry.tried.delete(tried);
		}
		res.writeHead(303, {
			location: back,
			'set-cookie': `${ACCESS_COOKIE}=${accessCookieValue(options.key)}; Path=/; Max-Age=${COOKIE_MAX_AGE_S}; HttpOnly; SameSite=Lax`,
			'cache-control': 'no-store'
		});
		res.end();
	};

	/**
	 * A key form sent by a page of another site: not checked, not counted; the form again.
	 * @param {import('node:http').IncomingMessage} req
	 * @param {import('node:http').ServerResponse} res
	 * @param {string} back
	 */
	const elsewhere = (req, res, back) => {
		const address = addressOf(req);
		if (attempts.of(address).foreign++ === 0) {
			log.warn(`[server] ${address}: an access key sent by another site's page, not checked (403)`);
		}
		form(res, 403, 'elsewhere', back);
	};

	/**
	 * The form sent (`POST /`): the key typed and the page she had asked for.
	 * @param {import('node:http').IncomingMessage} req
	 * @param {import('node:http').ServerResponse} res
	 */
	const typed = async (req, res) => {
		if (fromAnotherSite(req)) return elsewhere(req, res, '/');
		const body = await formBody(req);
		if (body === null) {
			res.writeHead(413, { 'content-type': 'text/plain; charset=utf-8' });
			res.end('Слишком длинная форма / The form is too long\n');
			return;
		}
		const given = body.get(KEY_PARAM) ?? '';
		const mark = body.get(LINK_PARAM);
		const link = mark !== null && mark === linkMark(given);
		const page = body.get(FORM_PARAM);
		const back = returnPath(body.get(RETURN_PARAM));
		tryKey(req, res, given, back, link, page !== null && FORM_MARK.test(page) ? page : null);
	};

	return {
		allows,
		close() {
			attempts.close();
			unreadForms.close();
		},
		answer(req, res) {
			const url = new URL(req.url ?? '/', 'http://shtab');
			if (req.method === 'POST' && url.pathname === FORM_ACTION) {
				typed(req, res).catch((error) => {
					const address = addressOf(req);
					unreadForms.note(
						address,
						'unread',
						`[server] ${address}: the access key form could not be read: ${error}`
					);
					if (!res.headersSent) res.writeHead(400).end();
				});
				return true;
			}
			const given = url.searchParams.get(KEY_PARAM);
			const holds = allows(req);
			if (given === null && holds) return false;
			url.searchParams.delete(KEY_PARAM);
			const back = sameSite(url);
			if (holds) {
				// The link opened again by a browser already let in: only the key out of the address.
				res.writeHead(303, { location: back, 'cache-control': 'no-store' });
				res.end();
				return true;
			}
			// A link with the key only fills in the form: nothing on a GET is checked or counted,
			// since a link she clicked cannot be told from one another site's page opened in a
			// frame or a window over plain http. She sends the form (its checks: `typed`).
			const address = addressOf(req);
			const waiting = blocked(address);
			if (given === null) form(res, waiting ? 429 : 401, waiting ? 'blocked' : 'none', back);
			else if (waiting) form(res, 429, 'blocked', back, given);
			// The links' share spent: her key is asked for, typed (the link's would not be checked);
			// the link's key is taken out of the address all the same.
			else if (linksSpent(address)) form(res, 200, 'links', back, undefined, true);
			else form(res, 200, 'link', back, given);
			return true;
		}
	};
}

/**
 * Whether a page of another site sent the request (from the operator's browser): the browser's
 * `Sec-Fetch-Site` says so (`cross-site`, or `same-site`: another port or name of the same
 * computer or domain); a browser too old to send it sends the page's `Origin` with a form, and
 * one that is not this site's (`null` included) is another site. With neither (a link typed, an
 * old browser's link, a program) it is not: such keys are checked and counted.
 * @param {import('node:http').IncomingMessage} req
 */
export function fromAnotherSite(req) {
	const site = req.headers['sec-fetch-site'];
	if (site !== undefined) return site !== 'same-origin' && site !== 'none';
	const origin = req.headers.origin;
	if (origin === undefined) return false;
	/** @type {URL} */
	let page;
	try {
		page = new URL(origin);
	} catch {
		return true;
	}
	// The name the page was opened by: `Host`, or the one a proxy passes on (no page sets either).
	const names = [req.headers.host, req.headers['x-forwarded-host']];
	return !names.some((name) => typeof name === 'string' && sameHost(page, name));
}

/**
 * @param {URL} page
 * @param {string} name a `Host` header
 */
function sameHost(page, name) {
	if (page.protocol !== 'http:' && page.protocol !== 'https:') return false;
	if (/[/?#@\s\\]/.test(name)) return false;
	try {
		return new URL(`${page.protocol}//${name}`).host === page.host;
	} catch {
		return false;
	}
}

/** Where the key form is sent; the page she asked for goes with it, as `RETURN_PARAM`. */
const FORM_ACTION = '/';
export const RETURN_PARAM = 'to';
/**
 * The key's mark in a form a link filled in: made from that key by this server, so a key sent
 * with it and unchanged is one a link filled in (she may have pressed «Войти» in a tab another
 * site opened), and spends `MAX_LINK_WRONG`, not the allowance of keys typed.
 */
export const LINK_PARAM = 'link';
/**
 * The key's page's own mark, drawn at random for each page shown and sent back with its form (a
 * wrong key typed there is shown the same page again, with the same mark): the right key sent
 * with it forgives the wrong keys sent with it before, her own typos, and no one else's.
 */
export const FORM_PARAM = 'form';
const FORM_MARK = /^[A-Za-z0-9_-]{22}$/;
const newFormMark = () => randomBytes(16).toString('base64url');
/** A form of the key and a path is far shorter; a longer body is refused (and not kept). */
const MAX_FORM_BYTES = 8 * 1024;

/**
 * The fields of a form sent as `application/x-www-form-urlencoded`, or null when it is longer
 * than `MAX_FORM_BYTES`.
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<URLSearchParams | null>}
 */
async function formBody(req) {
	/** @type {Buffer[]} */
	const chunks = [];
	let length = 0;
	for await (const chunk of req) {
		length += chunk.length;
		if (length <= MAX_FORM_BYTES) chunks.push(chunk);
	}
	if (length > MAX_FORM_BYTES) return null;
	return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * The page to go back to after the form, as the form sent it: a path of this site only. Anything
 * else (`//evil.example`, `/\evil.example`, `https://…`, `javascript:…`) is the home page: the
 * field is whatever a page that sends the form puts in it.
 * @param {string | null} text
 */
export function returnPath(text) {
	if (!text || !text.startsWith('/') || text.startsWith('//') || text.startsWith('/\\')) return '/';
	/** @type {URL} */
	let url;
	try {
		url = new URL(text, 'http://shtab');
	} catch {
		return '/';
	}
	if (url.origin !== 'http://shtab') return '/';
	url.searchParams.delete(KEY_PARAM);
	return sameSite(url);
}

/**
 * Where to send her on: the same path and query, never `//elsewhere` (`/a/..//elsewhere` is read
 * so), another site's address.
 * @param {URL} url
 */
function sameSite(url) {
	return (url.pathname.startsWith('//') ? '/' : url.pathname) + url.search;
}

/**
 * Why the key form is shown: no key yet, a wrong one, too many wrong ones, a form sent by another
 * site, or a link's key filled in.
 * @typedef {'none' | 'wrong' | 'blocked' | 'elsewhere' | 'link' | 'link-wrong' | 'links'} Why
 */

/**
 * The one script of the key's page: the link's key out of the address bar (and so out of a
 * screenshot or a shared screen), the page she asked for left there. Allowed by its hash alone.
 */
const HIDE_KEY_SCRIPT = `history.replaceState(null, '', document.getElementById('to').value);`;

/**
 * The key's page: nothing loaded from anywhere, no script but `HIDE_KEY_SCRIPT`, sent only to
 * this site, and never shown inside another site's frame (where a page laid over it could make
 * her press «Войти» on a key it filled in).
 */
const ACCESS_PAGE_HEADERS = {
	'content-type': 'text/html; charset=utf-8',
	'cache-control': 'no-store',
	'x-content-type-options': 'nosniff',
	'x-frame-options': 'DENY',
	'content-security-policy': [
		"default-src 'none'",
		`script-src 'sha256-${createHash('sha256').update(HIDE_KEY_SCRIPT).digest('base64')}'`,
		"style-src 'unsafe-inline'",
		"form-action 'self'",
		"base-uri 'none'",
		"frame-ancestors 'none'"
	].join('; ')
};

/**
 * The page asking for the key, in Russian and English.
 * @param {Why} why
 * @param {string} [back] the page she asked for, where the key typed takes her
 * @param {string} [filled] the key put in the field (from a link: then «Войти» has the focus)
 * @param {string} [mark] the filled key's mark (`LINK_PARAM`)
 * @param {boolean} [linked] the page was asked for with a key (a link): `HIDE_KEY_SCRIPT` takes it
 *   out of the address bar, filled in or not
 * @param {string} [page] the page's own mark (`FORM_PARAM`)
 */
export function accessPage(why, back = '/', filled = '', mark = '', linked = !!filled, page = '') {
	const problem = {
		none: '',
		link: `<p class="hint" role="status">Ключ из ссылки подставлен — нажмите «Войти».<br><span lang="en">The key from the link is filled in: press “Enter”.</span></p>`,
		wrong: `<p class="problem" role="alert">Ключ не подошёл. Проверьте его и введите ещё раз.<br><span lang="en">The key is wrong. Check it and type it again.</span></p>`,
		blocked: `<p class="problem" role="alert">Слишком много неверных ключей с этого компьютера. Подождите 10 минут.<br><span lang="en">Too many wrong keys from this computer. Wait 10 minutes.</span></p>`,
		'link-wrong': `<p class="problem" role="alert">Ключ из ссылки не подошёл: ссылка старая или не от вашего координатора. Попросите у координатора новую ссылку или введите ключ вручную.<br><span lang="en">The key from the link is wrong: the link is old or not from your coordinator. Ask the coordinator for a new link, or type the key.</span></p>`,
		links: `<p class="problem" role="alert">С этого компьютера пришло слишком много неверных ключей из ссылок, поэтому ключ из ссылки не подставляется и не проверяется 10 минут. Если ключ у вас есть, наберите его здесь.<br><span lang="en">Too many wrong keys from links came from this computer, so for 10 minutes a link's key is neither filled in nor checked. If you have the key, type it here.</span></p>`,
		elsewhere: `<p class="problem" role="alert">Ключ пришёл со страницы другого сайта, поэтому не проверялся. Если ключ ваш, введите его здесь.<br><span lang="en">The key came from another site's page, so it was not checked. If it is yours, type it here.</span></p>`
	}[why];
	return `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Штаб — ключ доступа</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1f2937}
h1{font-size:1.4rem}label{display:block;margin:1rem 0 .3rem;font-weight:600}
input{font-size:1.1rem;padding:.4rem;width:100%;box-sizing:border-box}
button{margin-top:.8rem;font-size:1rem;padding:.4rem 1rem}button:focus{outline:3px solid #1f5fa8;outline-offset:2px}.problem{color:#b91c1c}.hint{color:#166534;font-weight:600}
.en{color:#4b5563;font-size:.9rem}</style></head>
<body><h1>Штаб: нужен ключ доступа</h1>
<p>В списках штаба — имена, телефоны и адреса жителей, поэтому их открывают только с ключом. Попросите у координатора ссылку с ключом или сам ключ (он напечатан при запуске Штаба и хранится в файле <code>${escapeHtml(ACCESS_KEY_FILE)}</code> папки данных).</p>
${problem}
<form method="post" action="${FORM_ACTION}"><input type="hidden" id="${RETURN_PARAM}" name="${RETURN_PARAM}" value="${escapeHtml(back)}">${filled && mark ? `<input type="hidden" name="${LINK_PARAM}" value="${escapeHtml(mark)}">` : ''}${page ? `<input type="hidden" name="${FORM_PARAM}" value="${escapeHtml(page)}">` : ''}<label for="key">Ключ доступа / Access key</label>
<input id="key" name="${KEY_PARAM}" value="${escapeHtml(filled)}" autocomplete="off" autocapitalize="off" spellcheck="false" required${filled ? '' : ' autofocus'} placeholder="xxxx-xxxx-xxxx-xxxx">
<button type="submit"${filled ? ' autofocus' : ''}>Войти / Enter</button></form>${linked ? `\n<script>${HIDE_KEY_SCRIPT}</script>` : ''}
<p class="en" lang="en">Shtab's lists hold residents' names, phones and addresses, so they open only with the headquarters' access key. Ask the coordinator for the link with the key, or for the key (printed when Shtab starts, kept in the file <code>${escapeHtml(ACCESS_KEY_FILE)}</code> of the data folder).</p>
</body></html>
`;
}
