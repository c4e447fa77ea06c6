// @ts-check
/**
 * Which browser pages may reach the lists. A browser lets any web site the operator has open
 * connect a WebSocket to 127.0.0.1 (WebSockets have no CORS), and a DNS-rebinding site even
 * reaches our port under its own name: either would read every list of residents. So:
 *
 * - a WebSocket upgrade that carries an `Origin` (every browser sends one) is let in only when
 *   the page is ours: the origin's host and port are the request's `Host`, and that host name is
 *   one we know (below). Clients that are not browsers (y-websocket in Node, the tests, the
 *   benches) send no `Origin` and are let in as before;
 * - a page request under a host name we do not know is answered 403 with how to allow it, so a
 *   headquarters that opens Shtab by a name on its network learns the setting, not a page stuck
 *   offline.
 *
 * Known host names: `localhost` (and `*.localhost`), IP addresses (v4 and v6: a rebinding site
 * needs a name), and the names in `ALLOWED_HOSTS` (`*` for any name).
 */

/**
 * `ALLOWED_HOSTS=shtab.hq.local, shtab` → `['shtab.hq.local', 'shtab']`.
 * @param {string | undefined} value
 * @returns {string[]}
 */
export function parseAllowedHosts(value) {
	if (!value) return [];
	return value
		.split(',')
		.map((name) => name.trim().toLowerCase().replace(/\.$/, ''))
		.filter(Boolean);
}

/**
 * @param {string} hostname as `URL` gives it (lower case, IPv6 in brackets, IPv4 normalised)
 * @param {readonly string[]} allowedHosts
 */
export function isKnownHostname(hostname, allowedHosts) {
	const name = hostname.replace(/\.$/, '');
	if (name === 'localhost' || name.endsWith('.localhost')) return true;
	if (name.startsWith('[') || /^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return true;
	return allowedHosts.includes('*') || allowedHosts.includes(name);
}

/**
 * A `Host` header as a URL of `protocol` would hold it (`example.org:80` → `example.org` for
 * http), or null when it is not a host.
 * @param {string} host
 * @param {string} protocol `http:` or `https:`
 */
function hostUrl(host, protocol) {
	if (!host || /[/?#@\s\\]/.test(host)) return null;
	try {
		return new URL(`${protocol}//${host}`);
	} catch {
		return null;
	}
}

/**
 * Why a WebSocket upgrade must be refused (a line for the log), or null to let it in.
 * @param {import('node:http').IncomingMessage} req
 * @param {readonly string[]} allowedHosts
 * @returns {string | null}
 */
export function refusedOrigin(req, allowedHosts) {
	const origin = req.headers.origin;
	if (origin === undefined) return null;
	/** @type {URL} */
	let page;
	try {
		page = new URL(origin);
	} catch {
		return `a page of unknown origin (${JSON.stringify(origin.slice(0, 100))})`;
	}
	if (page.protocol !== 'http:' && page.protocol !== 'https:')
		return `a page of origin ${JSON.stringify(origin.slice(0, 100))}`;
	const host = hostUrl(req.headers.host ?? '', page.protocol);
	if (!host || host.host !== page.host)
		return `a page of another site (${page.origin}, not ${req.headers.host ?? 'no host'})`;
	if (!isKnownHostname(page.hostname, allowedHosts))
		return `a page under the host name ${page.hostname}, not in ALLOWED_HOSTS`;
	return null;
}

/**
 * The host name of a page request, when it is one we do not know (to answer 403), else null.
 * @param {import('node:http').IncomingMessage} req
 * @param {readonly string[]} allowedHosts
 * @returns {string | null}
 */
export function unknownHost(req, allowedHosts) {
	const header = req.headers.host;
	if (!header) return null;
	const host = hostUrl(header, 'http:');
	if (!host) return header.slice(0, 100);
	return isKnownHostname(host.hostname, allowedHosts) ? null : host.hostname;
}

/**
 * The 403 page for `unknownHost`: what happened and the setting, in both languages.
 * @param {string} hostname
 */
export function unknownHostPage(hostname) {
	return [
		`Штаб не открывается по адресу «${hostname}»: это имя не разрешено.`,
		'Если это имя вашего сервера, запустите Штаб с ним: ALLOWED_HOSTS=' +
			`${hostname} npm start (несколько имён — через запятую).`,
		'',
		`Shtab is not served under the name "${hostname}": this name is not allowed.`,
		`If it is your server's name, start Shtab with ALLOWED_HOSTS=${hostname} (a comma-separated list).`,
		''
	].join('\n');
}
