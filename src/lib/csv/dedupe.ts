/**
 * The same resident in a list twice: inside the file, already in the target sheet, or in
 * another sheet of the headquarters. Hash maps only: 100,000 incoming rows against 100,000
 * existing ones is two passes, not 10^10 comparisons.
 *
 * Who is the same person:
 * - the same normalised full name AND the same date of birth; or
 * - the same normalised full name AND the same address (lists without phones or birth dates);
 *   or
 * - the same phone (normalised, `+7XXXXXXXXXX`; a cell with several numbers separated by `,`
 *   or `;` gives several), unless both rows have a name and the names differ, or both have a
 *   birth date and the dates differ: an elderly couple sharing a landline are two residents,
 *   and skipping one of them would leave a person uncalled.
 *
 * Names: lower case, `ё` → `е`, punctuation → space, spaces collapsed (`Иванова  А.П.` =
 * `иванова а п`). Birth dates: the stored date (`yyyy-mm-dd`) when it parses, else the trimmed
 * text. Addresses are normalised like names. A row with none of these keys is a duplicate
 * only of a row with exactly the same values in `KeyColumns.row` (when given): so importing a
 * file twice never adds such rows twice either.
 */
import { normalizePhone, normalizeValue } from '../values';

export type DuplicatePolicy = 'skip' | 'update' | 'keep';
/** Why two rows are the same person. */
export type DuplicateKey = 'phone' | 'name-birth' | 'name-address' | 'same-row';

/** Column ids holding the keys. `name` may be several columns (Фамилия, Имя, Отчество). */
export interface KeyColumns {
	phone?: string;
	name?: string | readonly string[];
	birthDate?: string;
	address?: string;
	/** Columns compared, all together, for rows that have none of the other keys. */
	row?: readonly string[];
}

export interface IncomingRow {
	/** Row number in the file, as in `CsvError.line`. */
	line: number;
	/** Column id → value (stored form). */
	values: Record<string, string>;
}

export interface ExistingRow {
	sheetId: string;
	rowId: string;
	values: Record<string, string>;
}

export interface DuplicateInfo {
	line: number;
	/** The first earlier line of the file with the same person. */
	inFile: { line: number; by: DuplicateKey } | null;
	/** Rows of the target sheet with the same person (at most `MAX_LISTED_MATCHES`). */
	inSheet: { rowId: string; by: DuplicateKey }[];
	/** Rows of other sheets with the same person (at most `MAX_LISTED_MATCHES`). */
	inOtherSheets: { sheetId: string; rowId: string; by: DuplicateKey }[];
}

export interface FindDuplicatesOptions {
	incoming: IncomingRow[];
	existing: ExistingRow[];
	/** Key columns of the incoming rows (and of the target sheet). */
	keyColumns: KeyColumns;
	/** The sheet the file goes into; existing rows of any other sheet are "other sheets". */
	targetSheetId: string;
	/** Key columns of other sheets, whose column ids differ; default `keyColumns`. */
	keyColumnsBySheet?: Record<string, KeyColumns>;
}

/** Matches listed per row and place; a common phone (a reception desk) may match hundreds. */
export const MAX_LISTED_MATCHES = 10;
/** Rows looked at per key (insertion order: the sheets first, then the file): a reception
 * desk's phone shared by a thousand rows must not make the search quadratic. */
export const MAX_BUCKET_SCAN = 500;

const PHONE_SEPARATORS = /[,;]/;
/** Runs of anything but letters and digits (punctuation, spaces, combining marks). */
const NOT_NAME = /[^\p{L}\p{N}]+/gu;
const YO = /ё/g;
/** A phone in its stored form, which `normalizePhone` gives back unchanged. */
const STORED_PHONE = /^\+7[3489]\d{9}$/;
/** A date in its stored form (`yyyy-mm-dd`): the birth key either way. */
const STORED_DATE = /^\d{4}-\d\d-\d\d$/;

/**
 * `Иванова  Анна-Мария Ё.` → `иванова анна мария е`: lower case, `ё` → `е`, punctuation as
 * spaces, spaces collapsed. This runs for every name and address of both sides (200,000 times
 * for a 100,000-row file): text of ASCII and Russian letters, which is nearly all of it, is cut
 * into words in one pass over its characters (2.5× faster than the regular expressions); any
 * other character takes the general way.
 */
export function normalizeName(name: string): string {
	const lower = name.toLowerCase();
	let out = '';
	let word = -1;
	for (let i = 0; i < lower.length; i++) {
		const c = lower.charCodeAt(i);
		// а–я, ѐ, ё, a–z, 0–9: a letter or digit of a word.
		if ((c >= 0x430 && c <= 0x451) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) {
			if (word < 0) word = i;
			continue;
		}
		if (c >= 0x80) return normalizeAnyName(lower);
		// ASCII punctuation, spaces and control characters separate words.
		if (word >= 0) {
			out += out ? ' ' + lower.slice(word, i) : lower.slice(word, i);
			word = -1;
		}
	}
	if (word >= 0) out += out ? ' ' + lower.slice(word) : word === 0 ? lower : lower.slice(word);
	return out.includes('ё') ? out.replace(YO, 'е') : out;
}

/** `normalizeName` for any text (Latin with accents, Ukrainian, combining marks…). */
function normalizeAnyName(lower: string): string {
	return lower.replace(YO, 'е').replace(NOT_NAME, ' ').trim();
}

/** Every valid phone in a cell (`8 911 123-45-67, 8 812 555-12-34` gives two). */
export function phoneKeys(cell: string): string[] {
	if (!cell) return [];
	if (STORED_PHONE.test(cell)) return [cell];
	const whole = normalizePhone(cell);
	if (whole.ok) return whole.value ? [whole.value] : [];
	if (!PHONE_SEPARATORS.test(cell)) return [];
	const keys: string[] = [];
	for (const part of cell.split(PHONE_SEPARATORS)) {
		const phone = normalizePhone(part);
		if (phone.ok && phone.value && !keys.includes(phone.value)) keys.push(phone.value);
	}
	return keys;
}

function birthKey(cell: string): string {
	if (STORED_DATE.test(cell)) return cell;
	const date = normalizeValue('date', cell);
	return date.ok ? date.value : cell.trim();
}

interface Person {
	phones: string[];
	name: string;
	/** `name\0birth`, `name\0address`, or the row's values: '' when missing. */
	nameBirth: string;
	nameAddress: string;
	row: string;
	birth: string;
}

const KEY_SEPARATOR = '\u0000';

function personOf(values: Record<string, string>, columns: KeyColumns): Person {
	const nameColumns = typeof columns.name === 'string' ? [columns.name] : (columns.name ?? []);
	let rawName = '';
	for (const id of nameColumns) rawName += (values[id] ?? '') + ' ';
	const name = normalizeName(rawName);
	const birth = columns.birthDate ? birthKey(values[columns.birthDate] ?? '') : '';
	const address = columns.address ? normalizeName(values[columns.address] ?? '') : '';
	const person: Person = {
		phones: columns.phone ? phoneKeys(values[columns.phone] ?? '') : [],
		name,
		birth,
		nameBirth: name && birth ? name + KEY_SEPARATOR + birth : '',
		nameAddress: name && address ? name + KEY_SEPARATOR + address : '',
		row: ''
	};
	if (columns.row && !person.phones.length && !person.nameBirth && !person.nameAddress) {
		let row = '';
		let filled = false;
		for (const id of columns.row) {
			const value = values[id] ?? '';
			if (value) filled = true;
			row += value + KEY_SEPARATOR;
		}
		if (filled) person.row = row;
	}
	return person;
}

interface Ref {
	person: Person;
	/** Incoming line, or -1 for an existing row. */
	line: number;
	sheetId: string;
	rowId: string;
	/** The search that last reported this row (a row may match on several keys). */
	seen: number;
}

/** Same phone: the same person unless a name or a birth date on both sides says otherwise. */
function samePhonePerson(a: Person, b: Person): boolean {
	if (a.name && b.name && a.name !== b.name) return false;
	if (a.birth && b.birth && a.birth !== b.birth) return false;
	return true;
}

/** Most keys belong to one row: store it alone, an array only from the second one on. */
type Bucket = Ref | Ref[];

function addTo(map: Map<string, Bucket>, key: string, ref: Ref) {
	const bucket = map.get(key);
	if (bucket === undefined) map.set(key, ref);
	else if (Array.isArray(bucket)) bucket.push(ref);
	else map.set(key, [bucket, ref]);
}

type Visit = (ref: Ref, by: DuplicateKey) => void;

class PersonIndex {
	readonly #byNameBirth = new Map<string, Bucket>();
	readonly #byNameAddress = new Map<string, Bucket>();
	readonly #byRow = new Map<string, Bucket>();
	readonly #byPhone = new Map<string, Bucket>();
	/** Numbers the searches: a ref whose `seen` is the current one was already reported. */
	#search = 0;

	add(ref: Ref) {
		const { person } = ref;
		if (person.nameBirth) addTo(this.#byNameBirth, person.nameBirth, ref);
		if (person.nameAddress) addTo(this.#byNameAddress, person.nameAddress, ref);
		if (person.row) addTo(this.#byRow, person.row, ref);
		for (const phone of person.phones) addTo(this.#byPhone, phone, ref);
	}

	/** Every indexed row that is the same person, each once, with the key that matched. */
	matches(person: Person, visit: Visit) {
		this.#search++;
		if (person.nameBirth) this.#each(this.#byNameBirth.get(person.nameBirth), 'name-birth', visit);
		if (person.nameAddress)
			this.#each(this.#byNameAddress.get(person.nameAddress), 'name-address', visit);
		if (person.row) this.#each(this.#byRow.get(person.row), 'same-row', visit);
		for (const phone of person.phones) this.#each(this.#byPhone.get(phone), 'phone', visit, person);
	}

	/** Report the refs of a bucket; for a phone, only those not contradicting `person`. */
	#each(bucket: Bucket | undefined, by: DuplicateKey, visit: Visit, person?: Person) {
		if (bucket === undefined) return;
		const refs = Array.isArray(bucket) ? bucket : [bucket];
		const limit = Math.min(refs.length, MAX_BUCKET_SCAN);
		for (let i = 0; i < limit; i++) {
			const ref = refs[i];
			if (ref.seen === this.#search || (person && !samePhonePerson(person, ref.person))) continue;
			ref.seen = this.#search;
			visit(ref, by);
		}
	}
}

/** The lists of a row that matches nothing: shared, frozen (a push would throw). */
const NO_MATCHES = Object.freeze([]) as unknown as never[];

/** For each incoming row, in order: its duplicates in the file, the sheet, other sheets. */
export function findDuplicates(options: FindDuplicatesOptions): DuplicateInfo[] {
	const { incoming, existing, keyColumns, targetSheetId, keyColumnsBySheet = {} } = options;
	const index = new PersonIndex();
	for (const row of existing) {
		const columns = keyColumnsBySheet[row.sheetId] ?? keyColumns;
		index.add({
			person: personOf(row.values, columns),
			line: -1,
			sheetId: row.sheetId,
			rowId: row.rowId,
			seen: 0
		});
	}
	const duplicates: DuplicateInfo[] = new Array(incoming.length);
	for (let i = 0; i < incoming.length; i++) {
		const row = incoming[i];
		const person = personOf(row.values, keyColumns);
		// Most rows match nothing: they share the empty lists until a match needs its own.
		const info: DuplicateInfo = {
			line: row.line,
			inFile: null,
			inSheet: NO_MATCHES,
			inOtherSheets: NO_MATCHES
		};
		index.matches(person, (ref, by) => {
			if (ref.line >= 0) {
				if (!info.inFile || ref.line < info.inFile.line) info.inFile = { line: ref.line, by };
			} else if (ref.sheetId === targetSheetId) {
				if (info.inSheet === NO_MATCHES) info.inSheet = [];
				if (info.inSheet.length < MAX_LISTED_MATCHES) info.inSheet.push({ rowId: ref.rowId, by });
			} else {
				if (info.inOtherSheets === NO_MATCHES) info.inOtherSheets = [];
				if (info.inOtherSheets.length < MAX_LISTED_MATCHES)
					info.inOtherSheets.push({ sheetId: ref.sheetId, rowId: ref.rowId, by });
			}
		});
		index.add({ person, line: row.line, sheetId: targetSheetId, rowId: '', seen: 0 });
		duplicates[i] = info;
	}
	return duplicates;
}

// ---------------------------------------------------------------- the plan

export interface SkippedRow {
	line: number;
	reason: 'duplicate-in-sheet' | 'duplicate-in-file';
	/** The row of the sheet, or the earlier line of the file, it duplicates. */
	rowId?: string;
	duplicateOfLine?: number;
	messageRu: string;
	messageEn: string;
}

export interface ImportPlan {
	/** New rows, in file order. */
	toAdd: IncomingRow[];
	/** Existing rows of the target sheet to update with the file's non-empty values. */
	toUpdate: { rowId: string; values: Record<string, string>; lines: number[] }[];
	skipped: SkippedRow[];
	/** With 'update': later lines folded into an earlier line of the same person. */
	merged: { line: number; intoLine: number }[];
}

export interface PlanImportOptions {
	incoming: IncomingRow[];
	/** `findDuplicates` for the same rows, same order. */
	duplicates: DuplicateInfo[];
	policy: DuplicatePolicy;
}

const KEY_WORDS: Record<DuplicateKey, { ru: string; en: string }> = {
	phone: { ru: 'тот же телефон', en: 'same phone' },
	'name-birth': { ru: 'те же ФИО и дата рождения', en: 'same name and date of birth' },
	'name-address': { ru: 'те же ФИО и адрес', en: 'same name and address' },
	'same-row': { ru: 'те же значения', en: 'same values' }
};

/** Copy the non-empty values of `from` over `into`: a file's empty cell never erases data. */
function mergeValues(into: Record<string, string>, from: Record<string, string>) {
	for (const [column, value] of Object.entries(from)) if (value !== '') into[column] = value;
}

/**
 * What an import does with its duplicates (other sheets never change the plan: they are shown,
 * not acted on — a resident on the call list may well have a request too):
 * - 'skip': a row already in the sheet, or earlier in the file, is not added. Importing the same
 *   file twice adds nothing the second time.
 * - 'update': a row already in the sheet updates that row (the first match) with its non-empty
 *   cells; a row seen earlier in the file is folded into that earlier row (later non-empty
 *   cells win). Nothing is added twice, nothing is erased.
 * - 'keep': every row is added; duplicates are only reported by `findDuplicates`.
 */
export function planImport(options: PlanImportOptions): ImportPlan {
	const { incoming, duplicates, policy } = options;
	const plan: ImportPlan = { toAdd: [], toUpdate: [], skipped: [], merged: [] };
	if (policy === 'keep') {
		plan.toAdd = incoming.slice();
		return plan;
	}
	/** Where each kept line's values went: a new row or an update. */
	const target = new Map<number, Record<string, string>>();
	const updates = new Map<string, ImportPlan['toUpdate'][number]>();
	incoming.forEach((row, i) => {
		const dup = duplicates[i];
		const sheetMatch = dup?.inSheet[0];
		const fileMatch = dup?.inFile;
		if (policy === 'skip') {
			if (sheetMatch) {
				const by = KEY_WORDS[sheetMatch.by];
				plan.skipped.push({
					line: row.line,
					reason: 'duplicate-in-sheet',
					rowId: sheetMatch.rowId,
					messageRu: `Строка ${row.line}: уже есть в таблице (${by.ru}) — пропущена.`,
					messageEn: `Line ${row.line}: already in the sheet (${by.en}) — skipped.`
				});
			} else if (fileMatch) {
				const by = KEY_WORDS[fileMatch.by];
				plan.skipped.push({
					line: row.line,
					reason: 'duplicate-in-file',
					duplicateOfLine: fileMatch.line,
					messageRu: `Строка ${row.line}: повтор строки ${fileMatch.line} (${by.ru}) — пропущена.`,
					messageEn: `Line ${row.line}: repeats line ${fileMatch.line} (${by.en}) — skipped.`
				});
			} else plan.toAdd.push(row);
			return;
		}
		// 'update'
		if (sheetMatch) {
			let update = updates.get(sheetMatch.rowId);
			if (!update) {
				update = { rowId: sheetMatch.rowId, values: {}, lines: [] };
				updates.set(sheetMatch.rowId, update);
				plan.toUpdate.push(update);
			}
			mergeValues(update.values, row.values);
			update.lines.push(row.line);
			target.set(row.line, update.values);
			return;
		}
		const earlier = fileMatch ? target.get(fileMatch.line) : undefined;
		if (fileMatch && earlier) {
			mergeValues(earlier, row.values);
			target.set(row.line, earlier);
			plan.merged.push({ line: row.line, intoLine: fileMatch.line });
			return;
		}
		const added: IncomingRow = { line: row.line, values: { ...row.values } };
		plan.toAdd.push(added);
		target.set(row.line, added.values);
	});
	return plan;
}
