/**
 * A new list's column titles are read whole on an ordinary laptop (1366×768): found by
 * exploration, a new call list showed «Дата ро…», «Результат з…» and «По…» (its «Попытки»), a
 * campaign «Подаро…», and the operator had to hover each to learn which column was which.
 */
import { describe, expect, it } from 'vitest';
import { HomePage, SheetPage, type SheetKindLabel } from './pages';
import { DESKTOP } from './setup';
import { e2eSession } from './session';

const session = e2eSession();

const KINDS: [SheetKindLabel, string[], string[]][] = [
	[
		'Обзвон',
		[
			'ФИО',
			'Телефон',
			'Адрес',
			'Дата рождения',
			'Категория',
			'Результат звонка',
			'Попытки',
			'Оператор',
			'Дата звонка',
			'Примечание'
		],
		[
			'Full name',
			'Phone',
			'Address',
			'Date of birth',
			'Category',
			'Call outcome',
			'Attempts',
			'Operator',
			'Call date',
			'Notes'
		]
	],
	[
		'Заявки',
		['ФИО', 'Телефон', 'Адрес', 'Вид помощи', 'Статус', 'Волонтёр', 'Дата заявки', 'Примечание'],
		[
			'Full name',
			'Phone',
			'Address',
			'Kind of help',
			'Status',
			'Volunteer',
			'Request date',
			'Notes'
		]
	],
	[
		'Поздравления',
		[
			'ФИО',
			'Телефон',
			'Адрес',
			'Дата рождения',
			'Категория',
			'Повод',
			'Результат',
			'Подарочный набор',
			'Дата',
			'Примечание'
		],
		[
			'Full name',
			'Phone',
			'Address',
			'Date of birth',
			'Category',
			'Occasion',
			'Result',
			'Gift set',
			'Date',
			'Notes'
		]
	]
];

describe('column titles at 1366×768', () => {
	it('every column of a new list shows its title whole, in Russian and in English', async () => {
		const galina = await session.operator('Галина', { viewport: DESKTOP });
		const page = galina.page;
		const home = await new HomePage(page).goto(session.app.url);
		const cut: string[] = [];
		for (const [kind, ru, en] of KINDS) {
			for (const [locale, titles] of [
				['ru', ru],
				['en', en]
			] as const) {
				if (locale === 'en') {
					await page.getByRole('button', { name: /^English/ }).click();
					await page.getByRole('heading', { name: 'Headquarters lists' }).waitFor();
				}
				const form = page.getByRole('form', {
					name: locale === 'ru' ? 'Новый список' : 'New list'
				});
				await form
					.getByLabel(locale === 'ru' ? 'Название' : 'Title', { exact: true })
					.fill(`${kind} ${locale}`);
				await form
					.getByLabel(locale === 'ru' ? 'Вид списка' : 'Kind of list')
					.selectOption({ index: KINDS.findIndex((k) => k[0] === kind) });
				await form.getByRole('button', { name: locale === 'ru' ? 'Создать' : 'Create' }).click();
				await page.waitForURL(/\/sheet\/[^/]+$/);
				const sheet = await new SheetPage(page).ready(`${kind} ${locale}`);
				for (const title of titles) {
					const menu = await sheet.revealColumn(title);
					const shown = await menu.evaluate((button) => {
						const text = button.closest('.shtab-header')?.querySelector('.shtab-header-title');
						if (!(text instanceof HTMLElement)) return 'no title';
						return text.scrollWidth <= text.clientWidth && text.scrollHeight <= text.clientHeight
							? 'whole'
							: `cut to ${text.clientWidth}×${text.clientHeight} of ${text.scrollWidth}×${text.scrollHeight}`;
					});
					if (shown !== 'whole') cut.push(`${kind} (${locale}) «${title}»: ${shown}`);
				}
				await home.open().catch(async () => {
					await page.getByRole('link', { name: 'Shtab', exact: true }).click();
					await page.getByRole('heading', { name: 'Headquarters lists' }).waitFor();
				});
				if (locale === 'en') {
					await page.getByRole('button', { name: /^Русский/ }).click();
					await page.getByRole('heading', { name: 'Списки штаба' }).waitFor();
				}
			}
		}
		expect(cut).toEqual([]);
	});
});
