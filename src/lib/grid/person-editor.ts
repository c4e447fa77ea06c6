/**
 * The editor of a person cell («Волонтёр»): a field with the names known here listed under it
 * as one types (the colleagues in the sheet, herself included, and the names already in the
 * column). The first match is marked and Enter takes it, so «Дми» + Enter stores «Дмитрий»
 * (found by a coordinator: the board kept «Дми», and the request never showed in Дмитрий's
 * «Мои заявки»). ↑/↓ move, a click takes a name. While a name other than the text is marked,
 * Esc closes the list first, and Enter then keeps the text as typed (a new volunteer); else,
 * and at a second Esc, Esc cancels the edit as in any cell. Text no name matches is kept.
 */
import type { ICellEditorComp, ICellEditorParams } from 'ag-grid-community';
import type { Row } from '$lib/model/sheet';
import { foldLookalikes } from '$lib/csv/dedupe';
import { choiceKey } from '$lib/values';
import { keepPopupInside } from './popup-inside';

/** Where a word starts in a name's key: at its start or after anything not a letter or digit. */
const WORD_START = /(?:^|[^\p{L}\p{N}])(?=[\p{L}\p{N}])/gu;

/**
 * A name's key with its Latin look-alikes read as Cyrillic letters, as the duplicate search
 * reads them (`foldLookalikes`: «Иванoва» with a Latin `o` is «иванова»); the key itself when
 * it has no Latin look-alike or no Cyrillic letter (nearly every name: one test).
 */
function foldedKey(key: string): string {
	return LOOKALIKE_LETTER.test(key) && CYRILLIC_LETTER.test(key)
		? choiceKey(foldLookalikes(key))
		: key;
}
const LOOKALIKE_LETTER = /[abcehkmoptxy\u00eb]/;
const CYRILLIC_LETTER = /[\u0400-\u04ff]/;

/** Whether `key` starts `nameKey` or a word of it after its start. */
function startsAWord(nameKey: string, key: string): boolean {
	for (const m of nameKey.matchAll(WORD_START)) {
		const at = m.index + m[0].length;
		if (at > 0 && nameKey.startsWith(key, at)) return true;
	}
	return false;
}

/**
 * The names with a word starting with `query` (case, extra spaces, ё/е and Latin look-alike
 * letters aside — «Иванова» finds «Иванoва» typed with a Latin `o`, and the other way; the
 * query may run on over the next words): the name equal to it first (spelt as typed before one
 * that differs in case, ё/е or look-alikes only), then those whose first word starts with it,
 * then the rest, each in the order given. Every name while nothing is typed. A name matches as
 * typed or with both read through `foldedKey`: a wholly Latin name stays Latin, and whatever
 * matched before still does.
 */
export function matchNames(names: readonly string[], query: string): string[] {
	const key = choiceKey(query);
	if (!key) return [...names];
	const folded = foldedKey(key);
	const typed = query.trim();
	// The name spelt as typed before those that differ in ё/е or case only («Фёдор», «Федор»).
	const same: string[] = [];
	const exact: string[] = [];
	const first: string[] = [];
	const later: string[] = [];
	for (const name of names) {
		const nameKey = choiceKey(name);
		const foldedName = foldedKey(nameKey);
		if (nameKey === key || foldedName === folded) (name === typed ? same : exact).push(name);
		else if (nameKey.startsWith(key) || foldedName.startsWith(folded)) first.push(name);
		else if (
			startsAWord(nameKey, key) ||
			((foldedName !== nameKey || folded !== key) && startsAWord(foldedName, folded))
		)
			later.push(name);
	}
	return [...same, ...exact, ...first, ...later];
}

export interface PersonEditorParams extends ICellEditorParams<Row, string> {
	/** The names offered (read when the editor opens). */
	suggestions(): string[];
	/** The column's title, for the field's and the list's label. */
	label: string;
	/** Said under the field when no name matches: Enter keeps the text. */
	newHint: string;
	/** Said under the field while a name is marked: Esc, then Enter keeps the text. */
	keepHint: string;
}

let editorCount = 0;

export class PersonEditor implements ICellEditorComp<Row, string> {
	#gui!: HTMLElement;
	#input!: HTMLInputElement;
	#list!: HTMLElement;
	#hint!: HTMLElement;
	#params!: PersonEditorParams;
	#names: string[] = [];
	#id = '';
	/** The names shown now. */
	#items: string[] = [];
	/** The marked name's index, -1 for none (Enter keeps the text). */
	#active = -1;
	/** Closed by Esc: Enter keeps the text as typed. */
	#closed = false;

	init(params: PersonEditorParams) {
		this.#params = params;
		this.#names = params.suggestions();
		this.#id = `shtab-person-${++editorCount}`;
		const gui = document.createElement('div');
		// Not `shtab-choice-editor`: Enter in the «+» line ends the new row here, as it did.
		gui.className = 'shtab-person-editor';
		const width = params.eGridCell?.offsetWidth ?? 0;
		if (width) gui.style.minWidth = `${Math.max(width, 200)}px`;

		const input = document.createElement('input');
		input.type = 'text';
		input.className = 'ag-input-field-input ag-text-field-input';
		input.autocomplete = 'off';
		input.spellcheck = false;
		input.setAttribute('role', 'combobox');
		input.setAttribute('aria-label', params.label);
		input.setAttribute('aria-autocomplete', 'list');
		input.setAttribute('aria-controls', `${this.#id}-list`);
		input.setAttribute('aria-describedby', `${this.#id}-hint`);

		const list = document.createElement('ul');
		list.id = `${this.#id}-list`;
		list.className = 'shtab-choice-list';
		list.setAttribute('role', 'listbox');
		list.setAttribute('aria-label', params.label);
		// Keep the focus in the field while a name, the hint or the frame is clicked (a click on
		// the hint put it on the popup, and what she typed next went nowhere: found in review).
		gui.addEventListener('mousedown', (e) => {
			if (e.target !== input) e.preventDefault();
		});
		list.addEventListener('click', (e) => {
			const item = (e.target as HTMLElement).closest<HTMLElement>('[role="option"]');
			if (!item) return;
			this.#active = Number(item.dataset.index);
			this.#closed = false;
			this.#params.stopEditing();
		});

		const hint = document.createElement('div');
		hint.id = `${this.#id}-hint`;
		hint.className = 'shtab-person-hint';

		gui.append(input, list, hint);
		this.#gui = gui;
		this.#input = input;
		this.#list = list;
		this.#hint = hint;

		const key = params.eventKey;
		const typed = key && key.length === 1 ? key : null;
		// Backspace or Delete start it empty, as in the other cells (found in review: the name
		// stayed, and Enter kept it).
		const cleared = key === 'Backspace' || key === 'Delete';
		input.value = typed ?? (cleared ? '' : (params.value ?? ''));
		input.addEventListener('input', () => this.#show(true));
		input.addEventListener('keydown', (e) => this.#onKey(e));
		// Opened on a letter: the names it starts; else every name, hers marked if known.
		this.#show(typed !== null);
	}

	getGui() {
		return this.#gui;
	}

	isPopup() {
		return true;
	}

	getPopupPosition(): 'over' {
		return 'over';
	}

	afterGuiAttached() {
		this.#input.focus();
		const at = this.#input.value.length;
		this.#input.setSelectionRange(at, at);
		// The field over its cell, the list under or above it (AG Grid moved the whole popup up).
		keepPopupInside(this.#gui, this.#params.eGridCell);
		this.#scrollToActive();
	}

	getValue() {
		if (!this.#closed && this.#active >= 0) return this.#items[this.#active];
		return this.#input.value;
	}

	/** Nothing changed: no write, no history entry. */
	isCancelAfterEnd() {
		return this.getValue() === (this.#params.value ?? '');
	}

	/**
	 * Draws the list. `typed`: narrowed to the field's text with the first match marked; else
	 * every name, the one equal to the field marked.
	 */
	#show(typed: boolean) {
		this.#closed = false;
		const text = this.#input.value;
		if (typed) {
			this.#items = matchNames(this.#names, text);
			this.#active = this.#items.length && choiceKey(text) ? 0 : -1;
		} else {
			this.#items = [...this.#names];
			this.#active = text ? this.#items.indexOf(text) : -1;
		}
		const items = this.#items.map((name, i) => {
			const li = document.createElement('li');
			li.id = `${this.#id}-${i}`;
			li.dataset.index = String(i);
			li.setAttribute('role', 'option');
			li.className = 'shtab-choice-option';
			li.textContent = name;
			return li;
		});
		this.#list.replaceChildren(...items);
		this.#mark();
	}

	#close() {
		this.#closed = true;
		this.#list.replaceChildren();
		this.#mark();
	}

	#mark() {
		const items = this.#list.children;
		for (let i = 0; i < items.length; i++) {
			items[i].setAttribute('aria-selected', String(i === this.#active));
		}
		const open = !this.#closed && this.#items.length > 0;
		this.#list.hidden = !open;
		this.#input.setAttribute('aria-expanded', String(open));
		if (open && this.#active >= 0) {
			this.#input.setAttribute('aria-activedescendant', `${this.#id}-${this.#active}`);
		} else this.#input.removeAttribute('aria-activedescendant');
		// The hint: a name typed that none matches is kept; a marked one can be declined.
		const typed = choiceKey(this.#input.value) !== '';
		let hint = '';
		if (typed && !this.#closed && !this.#items.length) hint = this.#params.newHint;
		else if (this.#offersOther()) hint = this.#params.keepHint;
		this.#hint.textContent = hint;
		this.#hint.hidden = !hint;
		keepPopupInside(this.#gui, this.#params.eGridCell);
		this.#scrollToActive();
	}

	/** A name is marked that is not the field's text: Enter would store it instead. */
	#offersOther(): boolean {
		return !this.#closed && this.#active >= 0 && this.#items[this.#active] !== this.#input.value;
	}

	#scrollToActive() {
		const item = this.#active >= 0 ? this.#list.children[this.#active] : null;
		if (item && this.#gui.isConnected) item.scrollIntoView({ block: 'nearest' });
	}

	#onKey(e: KeyboardEvent) {
		if (e.isComposing) return;
		if (e.key === 'Escape') {
			// The grid's (cancel the edit) unless Enter would take a name other than the text.
			if (!this.#offersOther()) return;
			e.preventDefault();
			e.stopPropagation();
			this.#close();
			return;
		}
		const last = this.#items.length - 1;
		let next: number | null = null;
		if (e.key === 'ArrowDown') next = Math.min(this.#active + 1, last);
		else if (e.key === 'ArrowUp') next = Math.max(this.#active - 1, 0);
		else if (e.key === 'PageDown') next = Math.min(this.#active + 8, last);
		else if (e.key === 'PageUp') next = Math.max(this.#active - 8, 0);
		if (next === null) return; // Enter and Tab are the grid's: commit.
		e.preventDefault();
		e.stopPropagation();
		if (this.#closed) {
			// ↓ after Esc opens the list again, narrowed to the text.
			this.#show(true);
			return;
		}
		if (last < 0) return;
		this.#active = next;
		this.#mark();
	}
}
