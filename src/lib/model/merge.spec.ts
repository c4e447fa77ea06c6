/**
 * Merge rules of a sheet, each checked with several replicas exchanging updates in shuffled
 * orders from a seeded generator (a failing seed can be replayed).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Sheet } from './sheet';
import { createNetwork, seededRandom } from './testing';

const SEEDS = Array.from({ length: 25 }, (_, i) => i + 1);

function setup(seed: number, replicas = 3) {
	const random = seededRandom(seed);
	const net = createNetwork(replicas, random);
	const sheets = net.docs.map((d) => new Sheet(d));
	const [name, phone, note] = sheets[0].addColumns([
		{ title: 'ФИО' },
		{ title: 'Телефон', type: 'phone' },
		{ title: 'Примечание' }
	]);
	const rows = sheets[0].addRows({
		columns: [name, phone, note],
		rows: [
			['Иванов', '+7 911', ''],
			['Петрова', '+7 921', 'перезвонить'],
			['Сидоров', '', '']
		]
	});
	net.sync();
	return { net, sheets, random, cols: { name, phone, note }, rows };
}

function snapshot(sheet: Sheet) {
	return {
		columns: sheet.columns().map((c) => [c.id, c.title, c.order]),
		rows: sheet.rowIds().map((id) => sheet.getRow(id)),
		deleted: sheet.deletedRows().map((r) => r.id)
	};
}

function expectConverged(sheets: Sheet[]) {
	const first = snapshot(sheets[0]);
	for (const s of sheets.slice(1)) expect(snapshot(s)).toEqual(first);
	return first;
}

describe('merge rules', () => {
	it.each(SEEDS)(
		'two operators editing different cells of one row both keep their edits (seed %i)',
		(seed) => {
			const { net, sheets, cols, rows } = setup(seed);
			sheets[0].setCell(rows[1], cols.phone, '+7 921 000-00-00');
			sheets[1].setCell(rows[1], cols.note, 'нужны продукты');
			net.sync();
			expectConverged(sheets);
			for (const s of sheets) {
				expect(s.getCell(rows[1], cols.phone)).toBe('+7 921 000-00-00');
				expect(s.getCell(rows[1], cols.note)).toBe('нужны продукты');
			}
		}
	);

	it.each(SEEDS)(
		'one cell edited by three operators at once ends with the same winner everywhere (seed %i)',
		(seed) => {
			const { net, sheets, cols, rows } = setup(seed);
			sheets.forEach((s, i) => s.setCell(rows[0], cols.note, `оператор ${i}`));
			net.sync();
			const winner = sheets[0].getCell(rows[0], cols.note);
			expect(['оператор 0', 'оператор 1', 'оператор 2']).toContain(winner);
			expectConverged(sheets);
		}
	);

	it.each(SEEDS)(
		'a row deleted while a colleague edits it stays deleted everywhere and comes back with the edit on restore (seed %i)',
		(seed) => {
			const { net, sheets, cols, rows } = setup(seed);
			sheets[0].deleteRows([rows[2]]);
			sheets[1].setCell(rows[2], cols.note, 'дозвонились');
			net.sync();
			const state = expectConverged(sheets);
			expect(state.rows.map((r) => r.id)).toEqual([rows[0], rows[1]]);
			expect(state.deleted).toEqual([rows[2]]);
			sheets[2].restoreRows([rows[2]]);
			net.sync();
			expectConverged(sheets);
			for (const s of sheets) expect(s.getCell(rows[2], cols.note)).toBe('дозвонились');
		}
	);

	it.each(SEEDS)(
		'columns added at once by several operators are all kept in one order (seed %i)',
		(seed) => {
			const { net, sheets } = setup(seed);
			sheets[0].addColumn({ title: 'Адрес' });
			sheets[1].addColumn({ title: 'Дата рождения', type: 'date' });
			sheets[2].addColumn({ title: 'Категория', type: 'choice' });
			net.sync();
			const state = expectConverged(sheets);
			expect(state.columns.map((c) => c[1])).toEqual(
				expect.arrayContaining(['Адрес', 'Дата рождения', 'Категория'])
			);
			expect(state.columns).toHaveLength(6);
		}
	);

	it.each(SEEDS)(
		'a column renamed at once by two operators gets one title everywhere (seed %i)',
		(seed) => {
			const { net, sheets, cols } = setup(seed);
			sheets[0].renameColumn(cols.note, 'Комментарий');
			sheets[1].renameColumn(cols.note, 'Заметки');
			sheets[2].moveColumn(cols.note, 0);
			net.sync();
			const state = expectConverged(sheets);
			expect(['Комментарий', 'Заметки']).toContain(state.columns[0][1]);
			expect(state.columns[0][0]).toBe(cols.note);
		}
	);

	it.each(SEEDS)(
		'columns given one title at once by several operators are told apart the same way everywhere (seed %i)',
		(seed) => {
			const { net, sheets, cols } = setup(seed);
			// Offline, each checked its own title against what it knew; after the merge two
			// titles are the same, and a third column already has the title the merge would give.
			const mine = sheets[0].addColumn({ title: 'Адрес' });
			const theirs = sheets[1].addColumn({ title: ' адрес ' });
			sheets[2].renameColumn(cols.note, 'Адрес (2)');
			net.sync();
			const state = expectConverged(sheets);
			const titles = state.columns.map((c) => c[1] as string);
			expect(new Set(titles.map((t) => t.toLocaleLowerCase('ru'))).size).toBe(titles.length);
			expect(titles).toContain('Адрес (2)');
			expect(sheets[0].column(cols.note)?.title).toBe('Адрес (2)');
			// The column with the lower id keeps its title, so a move changes nothing.
			const [first, second] = [mine, theirs].sort();
			const before = sheets[0].column(second)?.title;
			expect(before).toMatch(/^(Адрес|адрес) \(3\)$/);
			expect(sheets[0].column(first)?.title).toMatch(/^(Адрес|адрес)$/);
			sheets[1].moveColumn(second, 0);
			net.sync();
			expectConverged(sheets);
			expect(sheets[2].column(second)?.title).toBe(before);
			// Renaming one of them (to what it shows, as the column dialog saves it) settles it.
			sheets[2].renameColumn(second, before as string);
			net.sync();
			expect(sheets[0].column(second)?.title).toBe(before);
			expect(sheets[0].column(first)?.title).toMatch(/^(Адрес|адрес)$/);
		}
	);

	it.each(SEEDS)(
		'rows added at once by several operators are all kept, in one order (seed %i)',
		(seed) => {
			const { net, sheets, cols } = setup(seed);
			const added = sheets.flatMap((s, i) => [
				s.addRow({ [cols.name]: `новый ${i}a` }),
				s.addRow({ [cols.name]: `новый ${i}b` })
			]);
			net.sync();
			const state = expectConverged(sheets);
			expect(state.rows).toHaveLength(3 + 6);
			expect(new Set(added).size).toBe(6);
			for (const id of added) expect(state.rows.map((r) => r.id)).toContain(id);
		}
	);

	it.each(SEEDS)(
		'a random mix of edits, deletes, restores and imports converges (seed %i)',
		(seed) => {
			const { net, sheets, cols, random } = setup(seed, 4);
			const colIds = [cols.name, cols.phone, cols.note];
			for (let round = 0; round < 8; round++) {
				for (const s of sheets) {
					const ids = s.rowIds();
					const pick = () => ids[Math.floor(random() * ids.length)];
					const action = Math.floor(random() * 5);
					if (action === 0 && ids.length)
						s.setCell(pick(), colIds[Math.floor(random() * 3)], `v${round}`);
					else if (action === 1 && ids.length) s.deleteRows([pick()]);
					else if (action === 2) {
						const gone = s.deletedRows();
						if (gone.length) s.restoreRows([gone[0].id]);
					} else if (action === 3)
						s.addRows({
							columns: colIds,
							rows: [
								['a', 'b', 'c'],
								['d', 'e', 'f']
							]
						});
					else s.addRow({ [cols.note]: `r${round}` });
				}
				if (random() < 0.5) net.sync();
			}
			net.sync();
			expect(net.pending()).toBe(0);
			expectConverged(sheets);
		}
	);

	it.each(SEEDS)(
		'an undo of a rename, a move or a type change that raced a colleague’s leaves the column whole (seed %i)',
		(seed) => {
			const { net, sheets, cols } = setup(seed, 2);
			const [anna, boris] = sheets;
			const undo = anna.createUndoManager({ captureTimeout: 0 });
			// Both rename, move and retype the same columns at the same moment; Анна undoes hers.
			boris.renameColumn(cols.phone, 'Телефон дочери');
			anna.renameColumn(cols.phone, 'Тел. (моб.)');
			boris.moveColumn(cols.note, 1);
			anna.moveColumn(cols.note, 0);
			boris.setColumnType(cols.name, 'longtext');
			anna.setColumnType(cols.name, 'person');
			net.sync();
			undo.undo();
			undo.undo();
			undo.undo();
			net.sync();
			const end = expectConverged(sheets);
			expect(end.columns).toHaveLength(3);
			// What is stored is whole: an operator opening the sheet now sees every field.
			const fresh = new Sheet(new Y.Doc());
			Y.applyUpdate(fresh.doc, Y.encodeStateAsUpdate(anna.doc));
			for (const s of [...sheets, fresh]) {
				for (const c of s.columns()) {
					expect(c.title, `title of ${c.id}`).not.toBe('');
					expect(c.order, `order of ${c.id}`).not.toBe('');
				}
				// A title is one of those it had; the type one of the three.
				expect(['Телефон', 'Телефон дочери', 'Тел. (моб.)']).toContain(s.column(cols.phone)?.title);
				expect(['text', 'longtext', 'person']).toContain(s.column(cols.name)?.type);
			}
			// The columns can still be moved, to the front too.
			anna.moveColumn(cols.phone, 0);
			boris.moveColumn(cols.name, 0);
			net.sync();
			expectConverged(sheets);
			expect(anna.columns().map((c) => c.id)).toHaveLength(3);
		}
	);

	const optionsOf = (s: Sheet, id: string) => s.column(id)?.options ?? [];
	/** «Вид помощи» with three coloured options, added by `sheet`. */
	const addHelpKinds = (sheet: Sheet) =>
		sheet.addColumn({
			title: 'Вид помощи',
			type: 'choice',
			options: [
				{ value: 'Продукты', color: '#1565c0' },
				{ value: 'Лекарства', color: '#2e7d32' },
				{ value: 'Оплата ЖКУ', color: '#b26a00' }
			]
		});

	it.each(SEEDS)(
		'choice options changed at once by several operators are all kept, one order everywhere (seed %i)',
		(seed) => {
			const { net, sheets } = setup(seed);
			const [anna, boris, vera] = sheets;
			const kind = addHelpKinds(anna);
			net.sync();
			const current = () => optionsOf(anna, kind);
			// Анна adds one, Борис adds another and recolours one, Вера removes one and moves one.
			anna.setColumnOptions(kind, [...current(), { value: 'Выгул собак', color: '#616161' }]);
			boris.setColumnOptions(kind, [
				{ value: 'Продукты', color: '#c62828' },
				...optionsOf(boris, kind).slice(1),
				{ value: 'Консультация' }
			]);
			const v = optionsOf(vera, kind);
			vera.setColumnOptions(kind, [v[2], v[0]]);
			net.sync();
			expectConverged(sheets);
			const end = sheets.map((s) => optionsOf(s, kind));
			for (const list of end) expect(list).toEqual(end[0]);
			expect(end[0].map((o) => o.value).sort()).toEqual(
				['Выгул собак', 'Консультация', 'Оплата ЖКУ', 'Продукты'].sort()
			);
			expect(end[0].find((o) => o.value === 'Продукты')?.color).toBe('#c62828');
			// Вера's move is kept: «Оплата ЖКУ» before «Продукты».
			const values = end[0].map((o) => o.value);
			expect(values.indexOf('Оплата ЖКУ')).toBeLessThan(values.indexOf('Продукты'));
		}
	);

	it.each(SEEDS)(
		'operators editing the options in dialogs open at once keep each other’s changes (seed %i)',
		(seed) => {
			const { net, sheets } = setup(seed);
			const [anna, boris, vera] = sheets;
			const kind = addHelpKinds(anna);
			net.sync();
			// Each opens the column's settings: the list as it is then.
			const [annaBase, borisBase, veraBase] = sheets.map((s) => optionsOf(s, kind));
			const [p, l, o] = annaBase;
			// Борис saves first: a new option, «Продукты» in red.
			boris.setColumnOptions(kind, [{ ...p, color: '#c62828' }, l, o, { value: 'Выгул собак' }], {
				base: borisBase
			});
			net.sync();
			// Анна's dialog still shows the old list: she removes «Лекарства» and adds one.
			anna.setColumnOptions(kind, [p, o, { value: 'Консультация' }], { base: annaBase });
			// Вера's too: she moves «Оплата ЖКУ» to the top.
			vera.setColumnOptions(kind, [o, p, l], { base: veraBase });
			net.sync();
			expectConverged(sheets);
			const end = sheets.map((s) => optionsOf(s, kind));
			for (const list of end) expect(list).toEqual(end[0]);
			const values = end[0].map((x) => x.value);
			expect([...values].sort()).toEqual(
				['Выгул собак', 'Консультация', 'Оплата ЖКУ', 'Продукты'].sort()
			);
			expect(end[0].find((x) => x.value === 'Продукты')?.color).toBe('#c62828');
			expect(values.indexOf('Оплата ЖКУ')).toBeLessThan(values.indexOf('Продукты'));
		}
	);

	it.each(SEEDS)(
		'options of a sheet written before options merged are kept and merge from the first change (seed %i)',
		(seed) => {
			const { net, sheets } = setup(seed);
			const [anna, boris] = sheets;
			const kind = anna.addColumn({ title: 'Категория', type: 'choice' });
			// As the app wrote them before: the whole list as one value of the column.
			const def = anna.doc.getMap<Y.Map<unknown>>('columns').get(kind);
			anna.doc.transact(() =>
				def?.set('options', [{ value: 'Старше 65 лет', color: '#1565c0' }, { value: 'Инвалид' }])
			);
			net.sync();
			for (const s of sheets)
				expect(optionsOf(s, kind).map((o) => o.value)).toEqual(['Старше 65 лет', 'Инвалид']);
			anna.setColumnOptions(kind, [...optionsOf(anna, kind), { value: 'Многодетные' }]);
			boris.setColumnOptions(kind, [...optionsOf(boris, kind), { value: 'Ветеран' }]);
			net.sync();
			expectConverged(sheets);
			for (const s of sheets) {
				const values = optionsOf(s, kind).map((o) => o.value);
				expect(values.slice(0, 2)).toEqual(['Старше 65 лет', 'Инвалид']);
				expect(values.slice(2).sort()).toEqual(['Ветеран', 'Многодетные']);
				expect(optionsOf(s, kind)[0].color).toBe('#1565c0');
			}
			// Every option removed stays removed (the old list does not come back).
			anna.setColumnOptions(kind, []);
			net.sync();
			for (const s of sheets) expect(optionsOf(s, kind)).toEqual([]);
		}
	);
});
