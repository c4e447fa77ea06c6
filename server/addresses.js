// @ts-check
/**
 * The addresses a person can type to open Shtab, for the log at start. Bound to every interface
 * (`HOST=0.0.0.0`), the server's own address is `0.0.0.0`, which opens nothing on the operators'
 * laptops: they need this computer's address on the office network, one per network it is on.
 * And whose address a request is, behind a reverse proxy (`TRUSTED_PROXIES`).
 */

import { BlockList, isIP } from 'node:net';
import { SettingError } from './startup-errors.js';

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

/**
 * `TRUSTED_PROXIES` of the environment: the addresses of reverse proxies (nginx on this
 * computer: `127.0.0.1,::1`) whose `X-Forwarded-For` says whom a request is for, each an IP
 * address or a network (`10.0.0.0/8`). None by default: then the address a request comes from is
 * the only one that counts, whatever it says.
 * @param {string | undefined} value
 * @returns {string[]}
 */
export function parseTrustedProxies(value) {
	if (value === undefined) return [];
	const list = value
		.split(',')
		.map((item) => item.trim())
		.filter((item) => item !== '');
	for (const item of list) {
		if (trustedRule(item) === null) {
			throw new SettingError(
				`TRUSTED_PROXIES must list IP addresses or networks (127.0.0.1,::1 or 10.0.0.0/8), got "${item}"`
			);
		}
	}
	return list;
}

/**
 * An item of `TRUSTED_PROXIES` as an address or network, or null when it is neither.
 * @param {string} item
 * @returns {{ address: string, prefix: number | null, family: 'ipv4' | 'ipv6' } | null}
 */
function trustedRule(item) {
	const [address, bits, ...rest] = item.split('/');
	if (rest.length > 0) return null;
	const version = isIP(address);
	if (version === 0) return null;
	const family = version === 4 ? 'ipv4' : 'ipv6';
	if (bits === undefined) return { address, prefix: null, family };
	const prefix = Number(bits);
	if (!/^\d{1,3}$/.test(bits) || prefix > (version === 4 ? 32 : 128)) return null;
	return { address, prefix, family };
}

/**
 * An address as Node and a proxy give it, in one form: `::ffff:127.0.0.1` (an IPv4 client of a
 * server on `::`) is `127.0.0.1`; `[::1]:51234` or `1.2.3.4:51234` (a proxy that adds the port)
 * is the address alone. Null when it is no address.
 * @param {string} text
 */
function plainAddress(text) {
	let address = text.trim();
	const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
	if (bracketed) address = bracketed[1];
	else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.indexOf(':'));
	if (/^::ffff:[\d.]+$/i.test(address)) address = address.slice(7);
	return isIP(address) === 0 ? null : address;
}

/** The longest entry of `X-Forwarded-For` kept as an address (for the log and the counts). */
const MAX_FORWARDED_LENGTH = 64;

/**
 * How the address of the client behind a request is read, given `TRUSTED_PROXIES`: the address
 * the request comes from, unless that is a trusted proxy; then the right-most address of its
 * `X-Forwarded-For` that is not itself a trusted proxy (the one the proxy saw: what is left of it
 * a client may have written itself). A client that reaches the port directly cannot change its
 * address so, whatever it sends; one behind the proxy cannot either, as the proxy adds the address
 * it sees at the right.
 * @param {readonly string[]} trusted `parseTrustedProxies`
 * @returns {(req: import('node:http').IncomingMessage) => string}
 */
export function clientAddressReader(trusted) {
	const direct = (/** @type {import('node:http').IncomingMessage} */ req) =>
		req.socket.remoteAddress ?? '';
	if (trusted.length === 0) return direct;
	const proxies = new BlockList();
	for (const item of trusted) {
		const rule = /** @type {NonNullable<ReturnType<typeof trustedRule>>} */ (trustedRule(item));
		if (rule.prefix === null) proxies.addAddress(rule.address, rule.family);
		else proxies.addSubnet(rule.address, rule.prefix, rule.family);
	}
	/** @param {string | null} address */
	const isTrusted = (address) =>
		address !== null && proxies.check(address, isIP(address) === 4 ? 'ipv4' : 'ipv6');
	return (req) => {
		const from = direct(req);
		if (!isTrusted(plainAddress(from))) return from;
		const header = req.headers['x-forwarded-for'];
		const entries = (Array.isArray(header) ? header.join(',') : (header ?? ''))
			.split(',')
			.map((entry) => entry.trim())
			.filter((entry) => entry !== '');
		for (let i = entries.length - 1; i >= 0; i--) {
			const address = plainAddress(entries[i]);
			if (address === null) return entries[i].slice(0, MAX_FORWARDED_LENGTH);
			if (!isTrusted(address)) return address;
		}
		// Only proxies (or no header: the proxy's own request).
		return plainAddress(entries[0] ?? '') ?? from;
	};
}

/**
 * Under what a client's wrong keys and refusals are counted: an IPv4 address as it is (and so an
 * IPv4 client as a server on `::` sees it, `::ffff:192.168.1.31`); an IPv6 address by its /64
 * (`2001:db8:0:7::/64`), since any computer on an IPv6 network takes another address of its /64
 * at will (privacy addresses, or by hand), and counted by the address each was ten new tries.
 * The whole /64 is then one, as a NAT's one address is: an office on IPv6 shares its count, as
 * one behind a NAT does. What is no address (a trusted proxy's odd `X-Forwarded-For`) is counted
 * as it is.
 * @param {string} address
 */
export function countedAddress(address) {
	const plain = address.replace(/%.*$/, '');
	if (isIP(plain) !== 6) return address;
	const words = ipv6Words(plain);
	if (words.slice(0, 5).every((word) => word === 0) && words[5] === 0xffff) {
		return [words[6] >> 8, words[6] & 0xff, words[7] >> 8, words[7] & 0xff].join('.');
	}
	// The URL parser writes an IPv6 address the one usual way (RFC 5952: `2001:db8::`).
	const network = words.slice(0, 4).map((word) => word.toString(16));
	return `${new URL(`http://[${network.join(':')}::]`).hostname.slice(1, -1)}/64`;
}

/**
 * The eight 16-bit words of a valid IPv6 address (`::` filled in, an IPv4 tail as two words).
 * @param {string} address
 */
function ipv6Words(address) {
	let text = address;
	const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
	if (v4) {
		const [a, b, c, d] = v4.slice(1).map(Number);
		text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
	}
	const [head, tail] = text.split('::');
	const words = (/** @type {string | undefined} */ part) =>
		part ? part.split(':').map((word) => parseInt(word, 16)) : [];
	const before = words(head);
	const after = words(tail);
	if (tail === undefined) return before;
	return [...before, ...Array(8 - before.length - after.length).fill(0), ...after];
}
