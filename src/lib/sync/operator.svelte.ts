import { newId } from '$lib/model/ids';
import { cleanLabel } from '$lib/values/clean';

/** Who is at this browser: a name and a colour, chosen on the first visit and remembered. */
const STORAGE_KEY = 'shtab:operator';

export const OPERATOR_COLORS = [
	'#d1495b',
	'#1f77b4',
	'#2a9d8f',
	'#e76f51',
	'#6a4c93',
	'#8a6d3b',
	'#3a86ff',
	'#2b9348'
];

export interface OperatorIdentity {
	name: string;
	color: string;
}

function load(): OperatorIdentity | null {
	try {
		const raw = localStorage.getItem(STORAGE_KEY);
		if (!raw) return null;
		const value = JSON.parse(raw) as Partial<OperatorIdentity>;
		if (typeof value.name === 'string' && cleanLabel(value.name) && typeof value.color === 'string')
			return { name: value.name, color: value.color };
	} catch {
		// A damaged entry is treated as a first visit.
	}
	return null;
}

class OperatorState {
	identity = $state<OperatorIdentity | null>(typeof localStorage !== 'undefined' ? load() : null);

	save(identity: OperatorIdentity) {
		const clean = {
			name: cleanLabel(identity.name).slice(0, 60),
			color: identity.color
		};
		this.identity = clean;
		localStorage.setItem(STORAGE_KEY, JSON.stringify(clean));
	}
}

export const operator = new OperatorState();

const ID_KEY = 'shtab:operator-id';
let sessionId = '';

/**
 * A random id of this browser's operator, kept with the name: the history says who changed a
 * cell by id and name, so two operators with one name stay apart.
 */
export function operatorId(): string {
	try {
		let id = localStorage.getItem(ID_KEY);
		if (!id || !/^[A-Za-z0-9_-]{8,64}$/.test(id)) {
			id = newId(16);
			localStorage.setItem(ID_KEY, id);
		}
		return id;
	} catch {
		// No storage: one id for this page.
		return (sessionId ||= newId(16));
	}
}

export function randomColor(): string {
	return OPERATOR_COLORS[Math.floor(Math.random() * OPERATOR_COLORS.length)];
}
