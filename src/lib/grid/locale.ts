/** AG Grid's own strings in the operator's language (the keys AG Grid Community shows). */
import type { Locale } from '$lib/i18n';

const ru: Record<string, string> = {
	noRowsToShow: 'Строк нет',
	loadingOoo: 'Загрузка…',
	selectAll: 'Выбрать все',
	ariaChecked: 'отмечено',
	ariaUnchecked: 'не отмечено',
	ariaRowSelect: 'Нажмите пробел, чтобы выбрать строку',
	ariaRowToggleSelection: 'Нажмите пробел, чтобы выбрать строку или снять выбор',
	ariaHeaderSelection: 'Столбец выбора строк',
	ariaRowDeselect: 'Нажмите пробел, чтобы снять выбор',
	ariaRowSelectAll: 'Нажмите пробел, чтобы выбрать все строки',
	ariaSearch: 'Поиск',
	ariaSortableColumn: 'Нажмите Enter для сортировки',
	ariaColumnSelectAll: 'Выбрать все столбцы',
	ariaLabelGrid: 'Таблица',
	ariaRowSelectionDisabled: 'Выбор строк отключён',
	ariaInputEditor: 'Редактор',
	ariaDateFilterInput: 'Поле даты',
	blanks: '(Пусто)',
	page: 'Страница',
	of: 'из',
	to: '–'
};

export function gridLocaleText(locale: Locale): Record<string, string> {
	return locale === 'ru' ? ru : {};
}
