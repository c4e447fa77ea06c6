/**
 * Writes a prepared import into a sheet as a STAGED import (see `imports` in `model/sheet.ts`):
 * 1. `planImportColumns` picks the ids of the columns the import will create, before anything
 *    is written, so the worker can build the rows' chunks for them (`model/staging.ts`);
 * 2. the page applies the worker's slices (`Sheet.applyStaged`), one short task each — rows
 *    invisible to everyone;
 * 3. `commitImport` makes them appear in ONE transaction together with the new columns and the
 *    updates of existing rows: one change for the other operators, one undo step.
 * Before step 3 the sheet shows nothing of the import, so a cancelled or failed import leaves it
 * as it was (`Sheet.discardImport` drops the slices already written).
 */
import { existingRowsOf, type ExistingRow } from '../csv';
import { valueOptions } from '../csv/mapping';
import { newId, SHORT_ID_LENGTH } from '../model/ids';
import { titleKey, uniqueTitle, type ImportNote, type NewColumn, type Sheet } from '../model/sheet';
import { stageRows } from '../model/staging';
import {
	choiceKey,
	isStoredPhone,
	joinPhones,
	PHONE_LIST_SEPARATOR,
	phoneNumber,
	readablePhones,
	storedPhoneNumbers,
	storedPhones,
	validateStored
} from '../values';
import { setAreaCode } from '../grid/edits';
import {
	extendsText,
	importKeyColumns,
	mangledPhone,
	type ImportTargetColumn,
	type PreparedImport
} from './plan';

/** A cell of a row found in the sheet that already held another value: the sheet's is kept. */
export interface KeptCell {
	/** The file's line that matched the row. */
	line: number;
	rowId: string;
	colId: string;
	/** Stored values: the sheet's (kept) and the file's (not taken). */
	kept: string;
	file: string;
	/**
	 * With replacement (`CommitOptions.replace`), why this one was not replaced: the file's value
	 * does not fit the column (`invalid`), or the cell was changed in the list since its row came
	 * (`edited`: by an operator, or by an earlier import's update; `Sheet.isChanged`). Without
	 * replacement too, `removed`: the file's numbers (`file`) the phone cell once had and someone
	 * took out (a wrong number corrected), not put back; `kept` is the cell as the commit left it.
	 */
	reason?: 'invalid' | 'edited' | 'removed';
}

/** A cell of a row found in the sheet that the file's value replaced (`CommitOptions.replace`). */
export interface ReplacedCell {
	/** The file's line that matched the row. */
	line: number;
	rowId: string;
	colId: string;
	/** Stored values: the sheet's before, and what the cell holds now. */
	old: string;
	value: string;
}

export interface CommitOptions {
	/**
	 * «Заменять записанное значениями из файла»: a found row's cell that holds another value than
	 * the file's takes the file's (listed in `AppliedImport.replaced`), instead of being kept and
	 * listed. An empty cell of the file never empties one; see `commitPreparedImport`.
	 */
	replace?: boolean;
	/** Who imported which file, how: noted with the import (`Sheet.commitImport`, `twice.ts`). */
	note?: ImportNote;
}

export interface AppliedImport {
	added: string[];
	/**
	 * Rows found in the sheet that got at least one empty cell filled, a phone number added to
	 * their phone cell or their text written on («Дополнено»). Not a row whose values were only
	 * replaced (`replaced`): found in review, such rows were counted «Дополнено строк» too.
	 */
	updated: number;
	/**
	 * Rows found in the sheet that the commit wrote nothing into: nothing filled, added or
	 * replaced («оставлено как было», whether the file differs in a cell or not). With `updated`
	 * and the rows whose values were only replaced, each row found is counted once (found in
	 * review: a row filled in was counted among the cells left as they were too).
	 */
	unchanged: number;
	/** Cells of found rows where the file says something else: left as they are. */
	kept: KeptCell[];
	/** With `CommitOptions.replace`: cells of found rows that took the file's value. */
	replaced: ReplacedCell[];
	/** Ids of the columns the import created. */
	createdColumns: string[];
	/**
	 * Lines of the file that matched a row a colleague deleted while the import was prepared:
	 * nothing of them is written (found by exploration: the report did not mention them).
	 */
	deletedMeanwhile: number[];
	/**
	 * Options the import added to choice columns of the list (one by one or with «Добавить все
	 * значения как варианты»), by column id: the report names them (a gap noted in review: a
	 * list's «Категория» took a dozen new options and nothing said so afterwards).
	 */
	addedOptions: { colId: string; values: string[] }[];
	/**
	 * The values the import corrected (`ChangedValue`) for rows found in the sheet that the commit
	 * did not write, by line and target key (`PreparedImport.updates`' `changed`): a cell with a
	 * value of its own, a number an operator took out, a note she shortened, a row deleted
	 * meanwhile. The report counts only the others «Исправлено» (found in review: it counted what
	 * the preparation guessed would be written).
	 */
	changedNotWritten: NotWritten[];
	/**
	 * The same for the values that do not fit their column (`FlaggedValue`, `updates`' `flagged`):
	 * the report counts only the others «Не по формату» (found in review: it counted «222-33» for
	 * a row deleted or a cell filled meanwhile, and not one written into a cell of what Excel made
	 * of a number, or onto a note).
	 */
	flaggedNotWritten: NotWritten[];
}

/** A value of a line of the file for a found row's cell (by target key), not written there. */
export interface NotWritten {
	line: number;
	key: string;
}

/** Where each target key goes: an existing column, or a new column with an id chosen now. */
export interface ImportColumnPlan {
	/** Target key → column id. */
	ids: Record<string, string>;
	/** The columns to create at commit, with their ids. */
	created: (NewColumn & { id: string })[];
}

export function planImportColumns(
	sheet: Sheet,
	targets: ImportTargetColumn[],
	/**
	 * Columns a new sheet starts with (its kind's), with their ids: created by the commit too, so
	 * a cancelled import leaves the new sheet's document as empty as it found it.
	 */
	base: (NewColumn & { id: string })[] = []
): ImportColumnPlan {
	const columns = [...sheet.columns(), ...base];
	const existing = new Set(columns.map((c) => c.id));
	// A new column never takes a title the sheet (or another new column) has: «ФИО» mapped to a
	// new column beside the sheet's «ФИО» becomes «ФИО (2)», not a second «ФИО».
	const taken = new Set(columns.map((c) => titleKey(c.title)));
	// A kind's phone column the file goes into takes the area code its numbers were read with.
	const codes = new Map(targets.map((t) => [t.key, t.type === 'phone' ? t.areaCode : undefined]));
	const plan: ImportColumnPlan = {
		ids: {},
		created: base.map((c) => {
			const areaCode = c.type === 'phone' ? codes.get(c.id) : undefined;
			return areaCode ? { ...c, areaCode } : { ...c };
		})
	};
	for (const t of targets) {
		if (!t.key.startsWith('new:') && existing.has(t.key)) {
			plan.ids[t.key] = t.key;
			continue;
		}
		const id = newId(SHORT_ID_LENGTH);
		plan.ids[t.key] = id;
		// Cut as the sheet stores it, the number kept inside the length: two long titles alike
		// in their first characters would end up as one.
		plan.created.push({
			id,
			title: uniqueTitle(t.title, taken),
			type: t.type,
			...(t.type === 'phone' && t.areaCode ? { areaCode: t.areaCode } : {})
		});
	}
	return plan;
}

/** The column ids of `prepared.rows`' cells, for staging. */
export function stagedColumns(plan: ImportColumnPlan, prepared: Pick<PreparedImport, 'keys'>) {
	return prepared.keys.map((k) => plan.ids[k] ?? k);
}

/**
 * Whether the cell held `value`, or a text that continues it, before (its history): an operator
 * shortened the note the file still has in full, and the file must not put it back (found in
 * review: the department's unchanged file undid her edit, counted «Дополнено»).
 */
function hadText(sheet: Sheet, rowId: string, colId: string, value: string): boolean {
	if (!sheet.isEdited(rowId, colId)) return false;
	for (const item of sheet.history.forCell(rowId, colId))
		for (const old of [item.old ?? '', item.value ?? ''])
			if (old && (old === value || old.startsWith(value))) return true;
	return false;
}

/**
 * The numbers a phone cell once held (its history) that `current` no longer has: stored numbers,
 * and a value kept as typed because it fits no number («222-33», flagged when it came), as it
 * was (found in review: an operator took out a number cut short, and the next file put it back).
 */
function removedNumbers(sheet: Sheet, rowId: string, colId: string, current: string): Set<string> {
	const removed = new Set<string>();
	// Most cells of a big «Дополнить» were never edited: no history to read for each of them.
	if (!sheet.isEdited(rowId, colId)) return removed;
	const now = new Set(storedPhoneNumbers(current));
	for (const item of sheet.history.forCell(rowId, colId))
		for (const value of [item.old ?? '', item.value ?? ''])
			if (value)
				for (const number of storedPhoneNumbers(value)) if (!now.has(number)) removed.add(number);
	return removed;
}

/**
 * `phones` (stored numbers, each maybe with its note) parted by `removed`: `fresh`, those whose
 * number is not in it, to write; `out`, the others joined, kept out of the cell and listed.
 */
function splitRemoved(
	phones: string[],
	removed: ReadonlySet<string>
): { fresh: string[]; out: string } {
	if (!removed.size) return { fresh: phones, out: '' };
	const fresh: string[] = [];
	const out: string[] = [];
	for (const phone of phones) (removed.has(storedPhoneNumbers(phone)[0]) ? out : fresh).push(phone);
	return { fresh, out: out.join(', ') };
}

/**
 * A phone cell replaced by the file's numbers: the file's numbers, in its order, each as the
 * cell writes it when the cell has it (`+78121234567 (дочь)` keeps its note); then the cell's
 * numbers the file lacks that carry a note (a relative's number: the department's file does
 * not know it). Only for a cell nobody changed in the list (`commitPreparedImport`).
 */
export function replacedPhones(current: string, file: string): string {
	const have = new Map(storedPhones(current).map((phone) => [phoneNumber(phone), phone]));
	const phones: string[] = [];
	const seen = new Set<string>();
	for (const phone of storedPhones(file)) {
		const number = phoneNumber(phone);
		if (seen.has(number)) continue;
		seen.add(number);
		phones.push(have.get(number) ?? phone);
	}
	for (const [number, phone] of have) if (!seen.has(number) && phone !== number) phones.push(phone);
	return phones.join(PHONE_LIST_SEPARATOR);
}

/** The same numbers, whatever their order and notes. */
function sameNumbers(a: string, b: string): boolean {
	const x = new Set(storedPhoneNumbers(a));
	const y = storedPhoneNumbers(b);
	return x.size === new Set(y).size && y.every((n) => x.has(n));
}

/**
 * Show the staged rows, create the new columns and update the existing rows, in one
 * transaction. A column created meanwhile by a colleague under the same title is not merged:
 * the import's own column is made (nothing of theirs is touched).
 */
export function commitPreparedImport(
	sheet: Sheet,
	importId: string,
	plan: ImportColumnPlan,
	prepared: Pick<PreparedImport, 'updates'> &
		Partial<Pick<PreparedImport, 'choiceValues' | 'addOptions'>>,
	targets: ImportTargetColumn[] = [],
	options: CommitOptions = {}
): AppliedImport {
	const { replace = false } = options;
	const result: AppliedImport = {
		added: [],
		updated: 0,
		unchanged: 0,
		kept: [],
		replaced: [],
		createdColumns: [],
		deletedMeanwhile: [],
		addedOptions: [],
		changedNotWritten: [],
		flaggedNotWritten: []
	};
	/** Of an update's values the report names (`[line, key]`), those not in a column `wrote`. */
	// `partly`: columns that took only the numbers of a flagged phone cell, its value not written.
	const notWritten = (
		update: PreparedImport['updates'][number],
		wrote?: Set<string>,
		partly?: Set<string>
	) => {
		for (const [line, key] of update.changed ?? [])
			if (!wrote?.has(plan.ids[key] ?? key)) result.changedNotWritten.push({ line, key });
		for (const [line, key] of update.flagged ?? []) {
			const id = plan.ids[key] ?? key;
			if (!wrote?.has(id) || partly?.has(id)) result.flaggedNotWritten.push({ line, key });
		}
	};
	result.added = sheet.commitImport(
		importId,
		() => {
			const known = new Set(sheet.columns().map((c) => c.id));
			const fresh = plan.created.filter((c) => !known.has(c.id));
			if (fresh.length > 0) sheet.addColumns(fresh);
			result.createdColumns = fresh.map((c) => c.id);
			// The area code the file's local numbers were read with, for a phone column that has
			// none: what operators type into it later is read the same way, and the local numbers
			// already in it are completed too (found in review: they stayed as typed, unflagged, and
			// the next import did not find those residents by phone).
			for (const t of targets) {
				const column = t.areaCode ? sheet.column(plan.ids[t.key] ?? t.key) : null;
				if (column?.type === 'phone' && !column.areaCode && t.areaCode)
					setAreaCode(sheet, column.id, t.areaCode);
			}
			// File values kept as new options of a choice column, one by one or with «Добавить все
			// значения как варианты» (its options as they are now: a colleague may have changed them
			// meanwhile).
			// A column made just above (a new list's kind's «Категория») is not among `sheet.columns()`
			// until this transaction ends (found in review: a new list got none of the options).
			for (const [key, values] of Object.entries(prepared.addOptions ?? {})) {
				const id = plan.ids[key] ?? key;
				const column = values.length ? (fresh.find((c) => c.id === id) ?? sheet.column(id)) : null;
				if (!column || column.type !== 'choice') continue;
				const options = column.options ?? [];
				// An option a colleague added meanwhile in another spelling (case, spaces, ё) is the
				// same one: the imported cells match it as they are.
				const have = new Set(options.map((o) => choiceKey(o.value)));
				const added = values
					.filter((value) => !have.has(choiceKey(value)))
					.map((value) => ({ value }));
				if (added.length === 0) continue;
				sheet.setColumnOptions(column.id, [...options, ...added]);
				result.addedOptions.push({ colId: column.id, values: added.map((o) => o.value) });
			}
			// A choice column the import creates takes the values written into it as its options: a
			// list's own «Район», exported and read into a new list, came back with none (found by
			// the round-trip test). The kind's columns keep their own.
			for (const [key, values] of Object.entries(prepared.choiceValues ?? {})) {
				const created = fresh.find((c) => c.id === plan.ids[key]);
				if (created?.type === 'choice' && !created.options)
					sheet.setColumnOptions(
						created.id,
						values.map((value) => ({ value }))
					);
			}
			// A row found fills its empty cells only: what operators wrote (a corrected phone, a
			// call's result) is never replaced by an older file; where they differ it is reported.
			// With `replace` (the coordinator's choice: the department's updated list, 500 residents
			// moved or changed their phone), a cell where the file differs takes the file's value and
			// is listed in `replaced`, if nobody changed it in the list since its row came: what an
			// operator wrote (a number she added, a call note, a corrected address) is kept as without
			// `replace` (found in review: the same file imported again took out the numbers operators
			// had added, and a department's note replaced their call notes). An empty cell of the file
			// still empties nothing, and a value that does not fit its column is kept.
			// A phone cell of valid numbers takes the file's numbers it lacks after its own (found by
			// exploration: a second number the updated file gave a resident was not written, only
			// listed among hundreds of cells «Не заменено»), as two lines of one resident in the file
			// already do (`mergeValues`); a cell holding anything else is left as it is.
			const phones = new Set(
				sheet
					.columns()
					.filter((c) => c.type === 'phone')
					.map((c) => c.id)
			);
			// A text the file extends (the list's note, then more: a partner NGO wrote what it did
			// after the operators' note, found by exploration) loses nothing of hers: it is taken.
			const texts = new Set(
				sheet
					.columns()
					.filter((c) => c.type === 'text' || c.type === 'longtext')
					.map((c) => c.id)
			);
			// The area code a phone column's local numbers are read with: the one the file's numbers
			// were read with (`ImportTargetColumn.areaCode`), as for a resident the file has twice
			// (`planImport`), else the column's. The column's own, given by this commit above, is
			// not yet seen inside it (found in review: «123-45-67» of a found row's flagged cell was
			// listed as not fitting, and added on a new resident's line).
			const areaCodes = new Map<string, string>();
			for (const t of targets)
				if (t.type === 'phone' && t.areaCode) areaCodes.set(plan.ids[t.key] ?? t.key, t.areaCode);
			/** Whether a file's value is valid in its column, as the grid checks a cell. */
			const fits = (colId: string, value: string) => {
				const column = sheet.column(colId);
				if (!column) return false;
				const checked = validateStored(column.type, value, valueOptions(column));
				return checked.ok && checked.value === value;
			};
			const edits: { rowId: string; colId: string; value: string }[] = [];
			for (const update of prepared.updates) {
				if (!sheet.hasRow(update.rowId)) {
					// Its first line: the later ones are counted merged into it (`planImport`).
					result.deletedMeanwhile.push(update.lines[0]);
					notWritten(update);
					continue;
				}
				let filled = false;
				// The edits of this row start here: what it wrote is told by them.
				const first = edits.length;
				const partly = new Set<string>();
				for (const [key, value] of update.cells) {
					const colId = plan.ids[key] ?? key;
					const current = sheet.getCell(update.rowId, colId);
					let readable: ReturnType<typeof readablePhones> = null;
					if (current === value) continue;
					const line = update.lines[0] ?? 0;
					/** The cell stays as it is, and the file's value is listed. */
					const keep = (reason?: KeptCell['reason'], file = value) =>
						result.kept.push({
							line,
							rowId: update.rowId,
							colId,
							kept: current,
							file,
							...(reason ? { reason } : {})
						});
					/** The file's numbers someone took out of the cell (`out`) are listed, not written. */
					const removedOut = (now: string, out: string) =>
						result.kept.push({
							line,
							rowId: update.rowId,
							colId,
							kept: now,
							file: out,
							reason: 'removed'
						});
					/** With replacement: the cell takes `next`, and the change is listed (not «filled»). */
					const put = (next: string) => {
						edits.push({ rowId: update.rowId, colId, value: next });
						result.replaced.push({ line, rowId: update.rowId, colId, old: current, value: next });
					};
					// A phone cell holding only what Excel made of a number (`7,91100E+10`, flagged when
					// it was imported: its last digits are gone) holds no number to keep; the file's
					// numbers take its place (found by exploration: the department's next list had the
					// numbers whole, and «Дополнить» left the mangled ones, «Не заменено»).
					const mangled = phones.has(colId) && mangledPhone(current);
					if (current === '' || mangled) {
						// A phone cell an operator emptied (its only number was wrong) does not get that
						// number back (found in review); other numbers of the file fill it.
						const removed = phones.has(colId)
							? removedNumbers(sheet, update.rowId, colId, current)
							: null;
						const { fresh, out } = removed?.size
							? splitRemoved(storedPhones(value), removed)
							: { fresh: null, out: '' };
						const fill = fresh ? fresh.join(', ') : value;
						if (fill) {
							edits.push({ rowId: update.rowId, colId, value: fill });
							filled = true;
						}
						// The number kept out is named (found in review: the report said nothing of it
						// when another number filled the cell, and named no number when none did).
						if (out) removedOut(fill || current, out);
						else if (!fill) keep();
					} else if (
						replace &&
						phones.has(colId) &&
						isStoredPhone(current) &&
						isStoredPhone(value) &&
						!sheet.isChanged(update.rowId, colId)
					) {
						// Replaced: the cell becomes the file's numbers (the resident changed her phone,
						// and the old number must not be called again), keeping the notes of the numbers
						// it has and the numbers it has with a note (a relative's).
						const next = replacedPhones(current, value);
						if (next !== '' && !sameNumbers(current, next)) put(next);
					} else if (phones.has(colId) && isStoredPhone(current) && isStoredPhone(value)) {
						// A number the cell had and someone took out (a wrong number corrected) is not
						// put back by an older file (found in review); the rest is added.
						const removed = removedNumbers(sheet, update.rowId, colId, current);
						const { fresh, out } = splitRemoved(storedPhones(value), removed);
						const joined = fresh.length ? joinPhones(current, fresh.join(', ')) : current;
						if (joined !== current) {
							edits.push({ rowId: update.rowId, colId, value: joined });
							filled = true;
						}
						if (out) removedOut(joined, out);
					} else if (
						phones.has(colId) &&
						isStoredPhone(current) &&
						(readable = readablePhones(
							value,
							areaCodes.get(colId) ?? sheet.column(colId)?.areaCode ?? ''
						))
					) {
						// The file's cell flagged as a whole for one number that cannot be read — a
						// landline without its area code joined with a mobile («Тел. дом.» + «Тел. моб.»)
						// — still gives the numbers it has (found by exploration: a resident's new mobile
						// was left out, listed only as «Не заменено» with the landline). They are added
						// as above; what cannot be read is listed as not fitting, against the cell as it
						// now is.
						const removed = removedNumbers(sheet, update.rowId, colId, current);
						const { fresh, out } = splitRemoved(readable.numbers, removed);
						const joined = fresh.length ? joinPhones(current, fresh.join(', ')) : current;
						if (joined !== current) {
							edits.push({ rowId: update.rowId, colId, value: joined });
							filled = true;
							partly.add(colId);
						}
						result.kept.push({
							line,
							rowId: update.rowId,
							colId,
							kept: joined,
							file: readable.rest.join(PHONE_LIST_SEPARATOR),
							reason: 'invalid'
						});
						if (out) removedOut(joined, out);
					} else if (
						texts.has(colId) &&
						extendsText(value, current) &&
						!hadText(sheet, update.rowId, colId, value)
					) {
						edits.push({ rowId: update.rowId, colId, value });
						filled = true;
					} else if (choiceKey(current) !== choiceKey(value)) {
						// Only in case or spaces (a polyclinic's list in capitals) is no difference.
						if (!replace) keep();
						// A value that does not fit the column (flagged at the mapping step) never takes
						// the place of one written; nor does any value a cell changed in the list.
						else if (!fits(colId, value)) keep('invalid');
						else if (sheet.isChanged(update.rowId, colId)) keep('edited');
						else put(value);
					}
				}
				if (filled) result.updated++;
				else if (edits.length === first) result.unchanged++;
				if (update.changed || update.flagged) {
					const wrote = new Set<string>();
					for (let i = first; i < edits.length; i++) wrote.add(edits[i].colId);
					notWritten(update, wrote, partly);
				}
			}
			if (edits.length > 0) sheet.setCells(edits);
		},
		options.note
	);
	return result;
}

/**
 * The whole write on one thread (tests, small imports): stage, apply, commit. The page does the
 * staging in the import worker instead.
 */
export function applyPreparedImport(
	sheet: Sheet,
	targets: ImportTargetColumn[],
	prepared: PreparedImport,
	options: CommitOptions = {}
): AppliedImport {
	const importId = newId();
	const plan = planImportColumns(sheet, targets);
	stagePreparedImport(sheet, importId, plan, prepared);
	return commitPreparedImport(sheet, importId, plan, prepared, targets, options);
}

/** The prepared rows staged into `sheet` under `importId` on this thread, slice by slice. */
export function stagePreparedImport(
	sheet: Sheet,
	importId: string,
	plan: ImportColumnPlan,
	prepared: Pick<PreparedImport, 'keys' | 'rows'>
): void {
	stageRows({
		importId,
		after: sheet.lastOrder(),
		columns: stagedColumns(plan, prepared),
		rows: prepared.rows,
		onSlice: (update) => sheet.applyStaged(update)
	});
}

/**
 * The target sheet's rows with the columns of this mapping (its key columns, and all of them as
 * `row`), for duplicate detection — and with 'skip', for what a line skipped as one of them has
 * that the row has not (`prepareImport`).
 */
export function existingRowsForImport(
	sheet: Sheet,
	sheetId: string,
	targets: ImportTargetColumn[]
): ExistingRow[] {
	// Its deleted rows too: a resident deleted from the list is not added back by the next file.
	return existingRowsOf(sheet, sheetId, importKeyColumns(targets), { deleted: true });
}
