/**
 * The workspace doc (room `ws:<workspaceId>`): the headquarters' list of sheets and settings.
 * Each sheet is a nested Y.Map so that a rename and a concurrent delete both survive.
 */
import * as Y from 'yjs';
import { newId } from './ids';
import { isMoment, normalizeTitle, titleKey } from './sheet';

export const SHEET_KINDS = ['callList', 'requests', 'campaign', 'other'] as const;
export type SheetKind = (typeof SHEET_KINDS)[number];

export interface SheetInfo {
	id: string;
	kind: SheetKind;
	title: string;
	created: number;
	/** When it was deleted (it sits in "recently deleted" until restored), else null. */
	deleted: number | null;
	/** Who deleted it (null: not deleted, or by a version that did not say). */
	deletedBy: { id: string; name: string } | null;
}

/** `deletedBy` as another replica wrote it, checked. */
function readDeletedBy(value: unknown): { id: string; name: string } | null {
	if (!value || typeof value !== 'object') return null;
	const { id, name } = value as Record<string, unknown>;
	return typeof id === 'string' && typeof name === 'string'
		? { id: id.slice(0, 64), name: name.slice(0, 80) }
		: null;
}

/**
 * The list of `sheets` titled `title`, spaces and case aside, other than `except`: a coordinator
 * creating or renaming a list to it is warned, since messages that name a list (a duplicate in
 * another list, a notice) could not tell the two apart (found by exploration: «Обзвон 65+
 * Калининский» twice, made the same minute). A warning, not a refusal: two coordinators offline
 * may make the same title anyway, and both lists are kept.
 */
export function titleTaken(
	sheets: readonly SheetInfo[],
	title: string,
	except?: string
): SheetInfo | undefined {
	const key = titleKey(title);
	if (!key) return undefined;
	return sheets.find((s) => s.id !== except && titleKey(s.title) === key);
}

export class Workspace {
	readonly doc: Y.Doc;
	readonly origin: object;
	readonly #sheets: Y.Map<unknown>;

	constructor(doc: Y.Doc, options: { origin?: object } = {}) {
		this.doc = doc;
		this.origin = options.origin ?? { workspace: true };
		this.#sheets = doc.getMap('sheets');
	}

	#info(id: string, m: Y.Map<unknown>): SheetInfo {
		const kind = m.get('kind') as SheetKind;
		const deleted = m.get('deleted');
		const created = m.get('created');
		// Each field as another client wrote it, checked: a moment that is no date (a text, NaN)
		// threw where the home page shows it, and no list was shown.
		const isDeleted = isMoment(deleted);
		return {
			id,
			kind: SHEET_KINDS.includes(kind) ? kind : 'other',
			title: String(m.get('title') ?? ''),
			created: isMoment(created) ? created : 0,
			deleted: isDeleted ? (deleted as number) : null,
			deletedBy: isDeleted ? readDeletedBy(m.get('deletedBy')) : null
		};
	}

	/**
	 * The sheets' entries as stored, each a map: an entry of another shape (written by a broken or
	 * hostile client; Yjs takes any value) is no list and is passed over. Before, it threw, and
	 * the home page said «Загрузка списков…» for good, to every operator.
	 */
	#forEachEntry(fn: (m: Y.Map<unknown>, id: string) => void): void {
		this.#sheets.forEach((m, id) => {
			if (m instanceof Y.Map) fn(m, id);
		});
	}

	#entry(id: string): Y.Map<unknown> | undefined {
		const m = this.#sheets.get(id);
		return m instanceof Y.Map ? m : undefined;
	}

	#all(): SheetInfo[] {
		const list: SheetInfo[] = [];
		this.#forEachEntry((m, id) => list.push(this.#info(id, m)));
		return list;
	}

	/** Sheets in use, oldest first (ties by id, the same on every replica). */
	sheets(): SheetInfo[] {
		return this.#all()
			.filter((s) => s.deleted === null)
			.sort((a, b) => a.created - b.created || (a.id < b.id ? -1 : 1));
	}

	/** "Recently deleted", newest first. */
	deletedSheets(): SheetInfo[] {
		return this.#all()
			.filter((s) => s.deleted !== null)
			.sort((a, b) => (b.deleted ?? 0) - (a.deleted ?? 0));
	}

	sheet(id: string): SheetInfo | undefined {
		const m = this.#entry(id);
		return m ? this.#info(id, m) : undefined;
	}

	createSheet(options: { title: string; kind?: SheetKind; id?: string }): string {
		const title = normalizeTitle(options.title);
		const id = options.id ?? newId();
		const m = new Y.Map<unknown>();
		this.doc.transact(() => {
			m.set('title', title);
			m.set('kind', options.kind ?? 'other');
			// Strictly after every sheet this replica knows: two sheets made within one millisecond
			// keep the order they were made in.
			let latest = 0;
			this.#forEachEntry((s) => {
				const created = s.get('created');
				if (typeof created === 'number' && created > latest) latest = created;
			});
			m.set('created', Math.max(Date.now(), latest + 1));
			this.#sheets.set(id, m);
		}, this.origin);
		return id;
	}

	#get(id: string): Y.Map<unknown> {
		const m = this.#entry(id);
		if (!m) throw new Error(`No sheet ${id}`);
		return m;
	}

	renameSheet(id: string, title: string): void {
		const m = this.#get(id);
		const clean = normalizeTitle(title);
		this.doc.transact(() => m.set('title', clean), this.origin);
	}

	/**
	 * Moves the sheet to "recently deleted"; its data stays until restored. `by`: who deleted it,
	 * for a colleague whose recent work was in it (`onDeletedByColleague`).
	 */
	deleteSheet(id: string, by?: { id: string; name: string }): void {
		const m = this.#get(id);
		this.doc.transact(() => {
			m.set('deleted', Date.now());
			if (by) m.set('deletedBy', { id: by.id, name: by.name });
			else m.delete('deletedBy');
		}, this.origin);
	}

	restoreSheet(id: string): void {
		const m = this.#get(id);
		this.doc.transact(() => {
			m.delete('deleted');
			m.delete('deletedBy');
		}, this.origin);
	}

	/**
	 * Calls `listener` with the ids of sheets a change from another replica (a colleague, another
	 * tab) has just deleted. Not a sheet that comes already deleted (a first load, a sheet made and
	 * deleted elsewhere): only one this replica had in use. Returns the unsubscribe.
	 */
	onDeletedElsewhere(listener: (ids: string[]) => void): () => void {
		const fn = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => {
			if (transaction.local) return;
			const ids: string[] = [];
			for (const event of events) {
				if (event.target === this.#sheets || !(event instanceof Y.YMapEvent)) continue;
				const change = event.changes.keys.get('deleted');
				const id = event.path[0];
				if (!change || change.action !== 'add' || typeof id !== 'string') continue;
				if (isMoment(this.#entry(id)?.get('deleted'))) ids.push(id);
			}
			if (ids.length) listener(ids);
		};
		this.#sheets.observeDeep(fn);
		return () => this.#sheets.unobserveDeep(fn);
	}

	/** Called after every change to the sheet list. Returns the unsubscribe. */
	observe(listener: () => void): () => void {
		const fn = () => listener();
		this.#sheets.observeDeep(fn);
		return () => this.#sheets.unobserveDeep(fn);
	}
}
