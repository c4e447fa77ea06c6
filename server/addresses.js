// @ts-check
/**
 * The addresses a person can type to open Shtab, for the log at start. Bound to every interface
 * (`HOST=0.0.0.0`), the server's own address is `0.0.0.0`, which opens nothing on the operators'
 * laptops: they need this computer's address on the office network, one per network it is on.
 */

/** @typedef {Pick<import('node:os').NetworkInterfaceInfo, 'address' | 'family' | 'internal'>} InterfaceAddress */

/**
 * @typedef {object} OpeningUrls
 * @property {{ url: string, name: string | null }[]} network URLs for the other computers, with
 *   the interface each address is on (Wi-Fi, a cable, a VPN…) when known
 * @property {string | null} local the URL for this computer, when it differs from those
 * @property {boolean} onlyThisComputer bound to loopback: no other computer can open it
 */

/**
 * @param {string} address the bound address, as `server.address()` gives it
 * @param {number} port
 * @param {NodeJS.Dict<InterfaceAddress[]>} interfaces `os.networkInterfaces()`
 * @returns {OpeningUrls}
 */
export function openingUrls(address, port, interfaces) {
	/** @param {string} host */
	const url = (host) => `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
	if (isWildcard(address)) {
		const network = [];
		for (const [name, infos] of Object.entries(interfaces)) {
			for (const info of infos ?? []) {
				// Node 18.0–18.3 gave the family as a number.
				const v4 = info.family === 'IPv4' || /** @type {unknown} */ (info.family) === 4;
				if (v4 && !info.internal) network.push({ url: url(info.address), name });
			}
		}
		return { network, local: url('127.0.0.1'), onlyThisComputer: false };
	}
	if (isLoopback(address)) return { network: [], local: url(address), onlyThisComputer: true };
	const name =
		Object.entries(interfaces).find(([, infos]) =>
			(infos ?? []).some((info) => info.address === address)
		)?.[0] ?? null;
	return { network: [{ url: url(address), name }], local: null, onlyThisComputer: false };
}

/**
 * Bound to every interface (`HOST=0.0.0.0` or `::`)?
 * @param {string} address
 */
export function isWildcard(address) {
	return address === '0.0.0.0' || address === '::';
}

/**
 * An address of this computer only (`127.x.x.x`, `::1`, or IPv4 loopback as IPv6 sees it).
 * @param {string} address
 */
export function isLoopback(address) {
	return /^(::ffff:)?127\./.test(address) || address === '::1';
}

/**
 * The log lines, in Russian (the coordinator reads them) and English.
 * @param {string} address
 * @param {number} port
 * @param {NodeJS.Dict<InterfaceAddress[]>} interfaces
 * @param {{ key: string, setting: boolean } | null} [access] the access key other computers need
 *   (`access.js`), and whether it was set by `ACCESS_KEY` (else kept in the data folder)
 * @returns {string[]}
 */
export function startupLines(address, port, interfaces, access = null) {
	const accessKey = access?.key ?? null;
	const { network, local, onlyThisComputer } = openingUrls(address, port, interfaces);
	// The other computers' link carries the key (`access.js`): it fills in the key's form, and
	// once she presses «Войти» the browser keeps it.
	const withKey = (/** @type {string} */ url) =>
		accessKey ? `${url}/?key=${encodeURIComponent(accessKey)}` : url;
	if (onlyThisComputer) {
		return [
			`[server] открыть можно только на этом компьютере / only this computer can open it: ${local}`,
			'[server] чтобы открыли коллеги по сети / to let colleagues in over the network: ' +
				'HOST=0.0.0.0 npm start (README: «Several operators on an office network»)'
		];
	}
	const lines = network.map(
		({ url, name }) =>
			`[server] откройте на других компьютерах / open on the other computers: ${withKey(url)}` +
			(name ? ` (${name})` : '')
	);
	if (network.length === 0) {
		lines.push(
			'[server] сетевой адрес не найден: компьютер не подключён к сети / ' +
				'no network address: this computer is not on a network'
		);
	}
	if (local) lines.push(`[server] на этом компьютере / on this computer: ${local}`);
	if (accessKey) {
		lines.push(
			`[server] ключ доступа / access key: ${accessKey} — только для операторов штаба; ` +
				(access?.setting
					? 'он задан в ACCESS_KEY / set by ACCESS_KEY'
					: 'сменить: удалите файл access-key в папке данных и перезапустите / to change it, ' +
						'delete access-key in the data folder and restart')
		);
	}
	return lines;
}
