/**
 * A choice column's options as stored in its definition (a `Y.Map` of the sheet's `columns`).
 *
 * They are entries of the definition: `opt:<value>` → its order key and `optc:<value>` → its
 * colour, so operators adding, recolouring, moving or removing options at once all keep their
 * changes (a whole list as one value kept only one of them; one entry per option would still
 * drop a move made while a colleague recoloured it). `OPTIONS_MERGED` marks a column whose
 * options are stored so; before it, the whole list was the `LEGACY_OPTIONS` value, read as is
 * until the first change rewrites it as entries.
 */
import type * as Y from 'yjs';
import { keyBetween } from './order';

export interface ChoiceOption {
	value: string;
	color?: string;
}

/** Longest option value (as a column title). */
const MAX_OPTION_LENGTH = 120;
const MAX_COLOR_LENGTH = 32;

const OPTION_PREFIX = 'opt:';
const COLOR_PREFIX = 'optc:';
const OPTIONS_MERGED = 'optionEntries';
const LEGACY_OPTIONS = 'options';

interface StoredOption {
	order: string;
	color?: string;
}

/** The options as entries (value → order and colour); empty for a column without any. */
function storedOptions(def: Y.Map<unknown>): Map<string, StoredOption> {
	const out = new Map<string, StoredOption>();
	def.forEach((order, key) => {
		if (!key.startsWith(OPTION_PREFIX) || typeof order !== 'string') return;
		const value = key.slice(OPTION_PREFIX.length);
		const color = def.get(COLOR_PREFIX + value);
		out.set(value, typeof color === 'string' && color ? { order, color } : { order });
	});
	return out;
}

/** A column's options in their shared order; undefined when it never had any. */
export function readOptions(def: Y.Map<unknown>): ChoiceOption[] | undefined {
	if (def.get(OPTIONS_MERGED) !== true) {
		const legacy = def.get(LEGACY_OPTIONS);
		return Array.isArray(legacy) ? (legacy as ChoiceOption[]) : undefined;
	}
	return [...storedOptions(def)]
		.sort(([a, x], [b, y]) =>
			x.order !== y.order ? (x.order < y.order ? -1 : 1) : a < b ? -1 : a > b ? 1 : 0
		)
		.map(([value, { color }]) => (color ? { value, color } : { value }));
}

/** Options as typed: values trimmed, one space between words, no empty or repeated value. */
export function cleanOptions(options: ChoiceOption[]): ChoiceOption[] {
	const seen = new Set<string>();
	const clean: ChoiceOption[] = [];
	for (const o of options) {
		const value = String(o.value ?? '')
			.replace(/\s+/g, ' ')
			.trim()
			.slice(0, MAX_OPTION_LENGTH);
		if (!value || seen.has(value)) continue;
		seen.add(value);
		clean.push(o.color ? { value, color: String(o.color).slice(0, MAX_COLOR_LENGTH) } : { value });
	}
	return clean;
}

/**
 * Writes only what differs between the stored options and `wanted` (in a transaction): an
 * option kept where it was keeps its order key, so a colleague's move of another one stands.
 */
export function writeOptions(def: Y.Map<unknown>, wanted: ChoiceOption[]): void {
	if (def.get(OPTIONS_MERGED) !== true) {
		// The first change since the whole-list value: its options become entries. Their keys
		// follow from the list alone, so two operators doing this at once write the same ones.
		let last: string | null = null;
		for (const o of cleanOptions(readOptions(def) ?? [])) {
			last = keyBetween(last, null);
			def.set(OPTION_PREFIX + o.value, last);
			if (o.color) def.set(COLOR_PREFIX + o.value, o.color);
		}
		def.set(OPTIONS_MERGED, true);
		if (def.has(LEGACY_OPTIONS)) def.delete(LEGACY_OPTIONS);
	}
	const stored = storedOptions(def);
	// The most options that can keep their order keys do (the longest run of keys rising along
	// the new list): a move rewrites only the options moved, not a colleague's deleted one.
	const kept = risingKeys(wanted.map((o) => stored.get(o.value)?.order ?? null));
	let previous: string | null = null;
	wanted.forEach((o, i) => {
		let order = kept[i];
		if (order === null) {
			const next = kept.slice(i + 1).find((k) => k !== null) ?? null;
			order = keyBetween(previous, next);
		}
		previous = order;
		const before = stored.get(o.value);
		if (before?.order !== order) def.set(OPTION_PREFIX + o.value, order);
		if ((before?.color ?? '') === (o.color ?? '')) return;
		if (o.color) def.set(COLOR_PREFIX + o.value, o.color);
		else def.delete(COLOR_PREFIX + o.value);
	});
	const values = new Set(wanted.map((o) => o.value));
	for (const value of stored.keys()) {
		if (values.has(value)) continue;
		def.delete(OPTION_PREFIX + value);
		if (def.has(COLOR_PREFIX + value)) def.delete(COLOR_PREFIX + value);
	}
}

const RENAMED_PREFIX = 'renamed:';
/** Renames kept per column, at most (read beyond it: none). */
const MAX_RENAMES = 500;

/**
 * Options renamed in the column dialog, old value → new (`renamed:<old>` → new), written in the
 * rename's step: an operator's own filter that picks the old name follows them, since her
 * filter is in her browser only (found by exploration: «перезвонить» renamed «перезвонить
 * позже», and the residents she had filtered on vanished from her screen). An undo of the
 * rename takes its entry back with the cells.
 */
export function readRenames(def: Y.Map<unknown>): Map<string, string> {
	const out = new Map<string, string>();
	def.forEach((to, key) => {
		if (out.size >= MAX_RENAMES || !key.startsWith(RENAMED_PREFIX) || typeof to !== 'string')
			return;
		const from = key.slice(RENAMED_PREFIX.length);
		if (from && to && from.length <= MAX_OPTION_LENGTH && to.length <= MAX_OPTION_LENGTH)
			out.set(from, to);
	});
	return out;
}

/** Notes options renamed (old → new) in the column's definition (in a transaction). */
export function writeRenames(def: Y.Map<unknown>, renames: ReadonlyMap<string, string>): void {
	for (const [from, to] of renames)
		if (from && to && from !== to && def.get(RENAMED_PREFIX + from) !== to)
			def.set(RENAMED_PREFIX + from, to);
}

/**
 * What an operator's edit of the options means now that colleagues may have changed them since
 * it began: `base` is the list the operator started from, `wanted` the list they made of it,
 * `current` the list as it is. Their removals, additions and colours are applied to `current`;
 * their order wins only if they changed the order, else colleagues' moves stand. Options a
 * colleague added meanwhile are kept, after the option they followed; those removed meanwhile
 * stay removed.
 */
export function mergeOptions(
	base: ChoiceOption[],
	wanted: ChoiceOption[],
	current: ChoiceOption[]
): ChoiceOption[] {
	const inBase = new Map(base.map((o) => [o.value, o]));
	const inWanted = new Map(wanted.map((o) => [o.value, o]));
	const removed = new Set(base.filter((o) => !inWanted.has(o.value)).map((o) => o.value));
	const kept = current.filter((o) => !removed.has(o.value));
	// An option a colleague removed meanwhile stays removed (unless I added it anew).
	const inCurrent = new Set(current.map((o) => o.value));
	wanted = wanted.filter((o) => !inBase.has(o.value) || inCurrent.has(o.value));
	const sameOrder = (a: string[], b: string[]) =>
		a.length === b.length && a.every((v, i) => v === b[i]);
	const moved = !sameOrder(
		wanted.filter((o) => inBase.has(o.value)).map((o) => o.value),
		base.filter((o) => inWanted.has(o.value)).map((o) => o.value)
	);
	// The order to follow, and the options to place into it after the one before them.
	const [spine, others, othersOrder] = moved
		? [wanted, kept.filter((o) => !inWanted.has(o.value)), kept]
		: [kept, wanted.filter((o) => !inCurrent.has(o.value)), wanted];
	const list = spine.map((o) => o.value);
	for (const o of others) {
		const at = othersOrder.findIndex((x) => x.value === o.value);
		let after = -1;
		for (let i = at - 1; i >= 0 && after < 0; i--) after = list.indexOf(othersOrder[i].value);
		// My new option goes after those a colleague added there meanwhile (I saw none of them).
		const unseen = (value: string) => !inBase.has(value) && !inWanted.has(value);
		if (!moved) while (after + 1 < list.length && unseen(list[after + 1])) after++;
		list.splice(after + 1, 0, o.value);
	}
	const currentColor = new Map(current.map((o) => [o.value, o.color]));
	return list.map((value) => {
		const mine = inWanted.get(value);
		const before = inBase.get(value);
		const color =
			mine && (!before || (before.color ?? '') !== (mine.color ?? ''))
				? mine.color
				: currentColor.get(value);
		return color ? { value, color } : { value };
	});
}

/**
 * `keys` with every key left out (null) but a longest strictly rising subsequence of them
 * (patience sorting, O(n log n)).
 */
function risingKeys(keys: (string | null)[]): (string | null)[] {
	/** tails[k]: index of the smallest last key of a rising run of length k + 1. */
	const tails: number[] = [];
	const previous = new Array<number>(keys.length).fill(-1);
	keys.forEach((key, i) => {
		if (key === null) return;
		let lo = 0;
		let hi = tails.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if ((keys[tails[mid]] as string) < key) lo = mid + 1;
			else hi = mid;
		}
		if (lo > 0) previous[i] = tails[lo - 1];
		tails[lo] = i;
	});
	const out = new Array<string | null>(keys.length).fill(null);
	for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = previous[i])
		out[i] = keys[i];
	return out;
}
