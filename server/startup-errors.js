// @ts-check
/**
 * Why the server did not start, said to the coordinator who ran `npm start`: one line in Russian
 * and English with what to do, instead of Node's stack trace. Found by trying it: a second
 * `npm start` in another window printed 20 lines ending in `LEVEL_LOCKED`, and a port another
 * program held printed `EADDRINUSE` and a stack.
 */

/** A setting of the environment that cannot be used (`config.js`); its message names it. */
export class SettingError extends Error {}

/**
 * The key file in the data folder (`access.js`) holds too short a key: one the coordinator wrote
 * there by hand, which is kept and told, not replaced.
 */
export class KeyFileError extends Error {
	/**
	 * @param {string} file
	 * @param {number} letters the letters and digits it holds
	 * @param {number} needed
	 */
	constructor(file, letters, needed) {
		super(`the access key in ${file} has ${letters} letters and digits, fewer than ${needed}`);
		this.file = file;
		this.letters = letters;
		this.needed = needed;
	}
}

/**
 * The error and its causes (LevelDB wraps the one that tells in two others).
 *
 * @param {unknown} error
 * @returns {(Error & { code?: unknown, syscall?: unknown })[]}
 */
function chainOf(error) {
	const chain = [];
	for (let e = error; e instanceof Error && chain.length < 5; e = e.cause) chain.push(e);
	return chain;
}

/**
 * @param {unknown} error what reading the settings or `startServer` threw
 * @param {{ port: number, host: string, dataDir: string } | null} config null when the
 *   settings themselves could not be read
 * @returns {string | null} the line to print, or null for an error not known here
 */
export function explainStartupError(error, config) {
	if (error instanceof SettingError) {
		return `[server] настройка не подходит / a setting is wrong: ${error.message} (README: «Configuration»)`;
	}
	if (error instanceof KeyFileError) {
		const { file, letters, needed } = error;
		return (
			`[server] ключ доступа в файле ${file} слишком короткий: в ключе должно быть не меньше ` +
			`${needed} букв и цифр (в этом — ${letters}). Впишите в файл ключ длиннее и раздайте ` +
			`операторам новую ссылку, или удалите файл — Штаб сделает случайный ключ и напечатает ` +
			`ссылку с ним / the access key in ${file} is too short: it needs at least ${needed} ` +
			`letters and digits (it has ${letters}); write a longer one there, or delete the file to ` +
			`get a random key`
		);
	}
	if (!config) return null;
	const { port, host, dataDir } = config;
	const chain = chainOf(error);
	const withCode = (/** @type {string[]} */ ...codes) =>
		chain.find((e) => typeof e.code === 'string' && codes.includes(e.code));
	if (withCode('EADDRINUSE')) {
		// The address a Shtab already running there would be opened at (found in review: it said
		// 127.0.0.1 whatever HOST was); and the setting as Windows' PowerShell writes it too.
		const at = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
		const url = `http://${at.includes(':') ? `[${at}]` : at}:${port}`;
		return (
			`[server] порт ${port} уже занят: Штаб уже запущен (откройте ${url}) ` +
			`или порт занят другой программой; закройте её или запустите Штаб на другом порту: ` +
			`PORT=${port + 1} npm start (PowerShell: $env:PORT="${port + 1}"; npm start) / port ${port} ` +
			`is in use: Shtab is already running, or another program holds the port; start on another ` +
			`one with PORT=${port + 1}`
		);
	}
	const denied = withCode('EACCES', 'EPERM');
	if (denied?.syscall === 'listen') {
		return (
			`[server] нет прав занять порт ${port} (порты ниже 1024 — только для администратора): ` +
			`запустите на порту от 1024, например PORT=3000 npm start / no permission to use port ` +
			`${port}: use a port from 1024 up`
		);
	}
	if (denied) {
		return (
			`[server] нет прав на папку данных ${dataDir}: укажите папку, в которую этот пользователь ` +
			`может писать (DATA_DIR=…) / no permission to write the data folder ${dataDir}`
		);
	}
	if (withCode('EADDRNOTAVAIL')) {
		return (
			`[server] адрес HOST=${host} не принадлежит этому компьютеру: уберите HOST или укажите ` +
			`HOST=0.0.0.0 / HOST=${host} is not an address of this computer`
		);
	}
	if (withCode('LEVEL_LOCKED')) {
		return (
			`[server] папка данных ${dataDir} уже открыта другим запуском Штаба: операторы работают ` +
			`через него, второй не нужен; чтобы перезапустить, закройте первый (Ctrl+C в его окне) / ` +
			`the data folder ${dataDir} is already open in another running Shtab: stop that one first`
		);
	}
	return null;
}
