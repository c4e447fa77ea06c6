/** Every string of the interface, Russian first. Keys are grouped by page. */
import { csvEn, csvRu } from './csv-messages';

export const ru = {
	'app.name': 'Штаб',
	'app.tagline': 'Общие списки добровольческого штаба',
	'lang.switch': 'English',
	'lang.label': 'Язык интерфейса',

	'operator.title': 'Как вас зовут?',
	'operator.hint': 'Имя видят коллеги, которые работают в том же списке.',
	'operator.name': 'Имя оператора',
	'operator.color': 'Цвет',
	'operator.save': 'Сохранить',
	'operator.change': 'Сменить имя',
	'operator.empty': 'Введите имя',

	'home.title': 'Списки штаба',
	'home.empty': 'Списков пока нет. Создайте первый — например, обзвон жителей старше 65 лет.',
	'home.loading': 'Загрузка списков…',
	'home.new': 'Новый список',
	'home.newTitle': 'Название',
	'home.newTitleExample': 'Обзвон 65+ (Калининский р-н)',
	'home.sendingLeftovers': 'Отправляются изменения, оставшиеся в браузере (списков: {count})',
	quote: '«{text}»',
	'status.label': 'Состояние синхронизации',
	'sheet.columnNamed': 'Столбец «{title}»',
	'home.newKind': 'Вид списка',
	'home.create': 'Создать',
	'home.open': 'Открыть',
	'home.rename': 'Переименовать',
	'home.renameSave': 'Сохранить',
	'home.cancel': 'Отмена',
	'home.delete': 'Удалить',
	'home.deleteConfirm':
		'Удалить список «{title}»? Его можно будет восстановить из «Недавно удалённых».',
	'home.deleted': 'Список «{title}» удалён.',
	'home.renameGone':
		'Список «{title}» удалён, пока вы его переименовывали: новое название не сохранено.',
	'home.undo': 'Отменить',
	'home.deletedWork':
		'{by} удалил(а) список «{title}» с вашими недавними изменениями. Они сохранены в удалённом списке.',
	'home.deletedWorkRestore': 'Восстановить список',
	'home.recentlyDeleted': 'Недавно удалённые',
	'home.restore': 'Восстановить',
	'home.created': 'Создан',
	'home.deletedAt': 'Удалён',
	'home.kind': 'Вид',
	'home.titleEmpty': 'Название не может быть пустым',
	'home.titleTaken':
		'Список «{title}» уже есть (создан {created}): в сообщениях их не различить — назовите иначе или добавьте уточнение (район, дату).',
	'sheet.columnTitleTaken': 'В списке уже есть столбец «{title}»: назовите этот по-другому.',
	'sheet.columnDeleted': 'Столбец «{title}» удалён.',
	'home.columns': 'Название списка',

	'kind.callList': 'Обзвон',
	'kind.requests': 'Заявки',
	'kind.campaign': 'Поздравления',
	'kind.other': 'Другое',

	'sheet.back': '← Все списки',
	'sheet.toList': 'Перейти к списку',
	'sheet.notFound': 'Список не найден. Возможно, он ещё не загрузился или был удалён.',
	'sheet.deletedBanner': 'Этот список удалён.',
	'sheet.deletedBannerBy': 'Этот список удалён. Удалил(а): {by}, {when}.',
	'sheet.loading': 'Загрузка списка…',
	'sheet.loadingOffline':
		'Этот список ещё не загружен в этот браузер, а связи с сервером нет. Он появится, когда связь вернётся.',
	'sheet.loadingProgress': 'Загрузка списка… {received} из {total} МБ',
	'sheet.addRow': 'Добавить строку',
	'sheet.addRowHidden':
		'Новая строка не подходит под фильтр или поиск, и её не будет видно: впишите её в строку «+» внизу — она сохранится в списке.',
	'sheet.addColumn': 'Добавить столбец',
	'sheet.columnTitle': 'Название столбца',
	'sheet.renameColumn': 'Переименовать столбец',
	'sheet.deleteColumn': 'Удалить столбец',
	'sheet.deleteColumnConfirm':
		'Удалить столбец «{title}» у всех операторов? Данные сохранятся, столбец можно вернуть.',
	'sheet.restoreColumn': 'Вернуть столбец',
	'sheet.deleteRows': 'Удалить строки ({count})',
	'sheet.deleteRowsConfirm': 'Удалить выбранные строки ({count})? Их можно вернуть.',
	'sheet.rowsDeleted': 'Удалено строк: {count}.',
	'sheet.deleteRowsHidden':
		'Из них не видно сейчас (скрыты поиском или фильтрами): {count}. «Удалить» удалит и их.',
	'sheet.deleteRowsVisible': 'Удалить только видимые ({count})',
	'sheet.autosave':
		'Сохранять не нужно: каждое изменение сохраняется само (что с ним — в строке состояния внизу).',
	'sheet.deletedRows': 'Удалённые строки',
	'sheet.deletedRowBy': 'удалил(а) {by}, {when}',
	'sheet.deletedRowAt': 'удалена {when}',
	'sheet.restoreRows': 'Вернуть',
	'sheet.rows': 'Строк: {count}',
	'sheet.rowsShown': 'Строк: {count}, показано: {shown}',
	'sheet.undo': 'Отменить',
	'sheet.redo': 'Повторить',
	'sheet.undoOverwritten':
		'Отменять нечего: коллеги уже изменили всё, что сделал этот шаг. Следующее «Отменить» отменит шаг перед ним.',
	'sheet.redoOverwritten': 'Повторять нечего: коллеги уже изменили всё, что затрагивал этот шаг.',
	'sheet.undoKept':
		'Строки или столбец, добавленные этим шагом, не убраны: коллеги уже внесли в них данные. Если они не нужны, удалите их — их можно будет вернуть.',
	'sheet.save': 'Сохранить',
	'sheet.cancel': 'Отмена',
	'sheet.column': 'Столбец',
	'sheet.noColumns': 'В списке нет столбцов. Добавьте первый.',
	'sheet.here': 'Сейчас в списке',
	'sheet.you': 'вы',
	'sheet.youOtherTab': 'вы, другая вкладка',
	'sheet.cellTooLong': 'Слишком длинное значение: не более {max} символов.',

	'status.offline': 'Нет связи с сервером — работаем локально',
	'status.outdated': 'На сервере новая версия Штаба — обновите страницу',
	'update.text':
		'Штаб на сервере обновлён. Обновите страницу, чтобы снова работать вместе с коллегами: до тех пор изменения этой вкладки не уходят на сервер. Они сохранены в этом браузере и будут отправлены после обновления.',
	'update.textNoStore':
		'Штаб на сервере обновлён. Обновите страницу, чтобы снова работать вместе с коллегами. Этот браузер не хранит данные: изменения этой вкладки, ещё не отправленные на сервер, при обновлении пропадут.',
	'update.reload': 'Обновить страницу',
	'status.savingLocally': 'Сохраняется в браузере… не закрывайте вкладку',
	'status.pending': 'ждут отправки: {count}',
	'status.unanswered': 'Сервер не отвечает — связь плохая или пропала',
	'status.serverCannotStore':
		'Сервер не может сохранить изменения (заполнен диск?) — скажите тому, кто запускал Штаб',
	'status.serverBusy':
		'Сервер не принимает эту вкладку: с этого компьютера открыто слишком много вкладок, или на сервере — списков. Закройте лишние вкладки; изменения этой страницы остаются в браузере и уйдут, как только сервер её примет',
	'status.accessDenied':
		'Нет доступа к спискам: ключ доступа сменился или не подходит. Попросите у координатора новую ссылку с ключом и откройте её — изменения этой страницы остаются в браузере',
	'status.serverRefuses':
		'Сервер на связи, но не принимает изменения этой страницы — они остаются в браузере. Скажите тому, кто запускал Штаб: адрес страницы должен быть в ALLOWED_HOSTS, а прокси должен передавать Host',
	'status.connecting': 'Подключение…',
	'status.syncing': 'Синхронизация…',
	'status.uploading': 'Отправка изменений… {sent} из {total} МБ',
	'status.saved': 'Все изменения сохранены на сервере',
	'status.local': 'Сохранено в браузере',
	'status.storageError':
		'Браузер не даёт сохранять данные на этом компьютере — без сети работать не получится ({message})',
	'status.storeFull': 'В браузере не осталось места, изменения не сохраняются на этом компьютере',
	'status.storeFailed': 'Браузер не смог сохранить изменения на этом компьютере',
	'status.storeKeepTab': 'не закрывайте вкладку, пока они не уйдут на сервер',
	'status.storeNoOffline': 'без сети работать не получится',

	'type.text': 'Текст',
	'type.longtext': 'Длинный текст',
	'type.phone': 'Телефон',
	'type.date': 'Дата',
	'type.datetime': 'Дата и время',
	'type.number': 'Число',
	'type.choice': 'Выбор из списка',
	'type.checkbox': 'Флажок',
	'type.person': 'Сотрудник',
	'sheet.columnType': 'Тип столбца',
	'grid.search': 'Поиск по списку',
	'grid.filters': 'Фильтры',
	'grid.pinFirst': 'Закрепить первый столбец',
	'grid.pinFirstShort': 'Закрепить',
	'grid.pinFirstHint':
		'Первый столбец (обычно ФИО) остаётся на месте, когда таблица прокручена вправо. Чтобы переставить его, снимите отметку.',
	'grid.resetView': 'Сбросить сортировку и фильтры',
	'grid.resetViewShort': 'Сбросить',
	'grid.searchFiltered':
		'Поиск ничего не нашёл среди строк, которые оставляют фильтры (столбцы: {columns}).',
	'grid.searchEverywhere': 'Искать по всему списку',
	'grid.sorting': 'Сортировка…',
	'grid.fill': 'Заполнить столбец…',
	'grid.fillShort': 'Заполнить…',
	'grid.fillTitle': 'Заполнить столбец в выбранных строках ({count})',
	'grid.fillNeedsRows':
		'Сначала отметьте строки галочками слева (галочка в заголовке — все строки)',
	'grid.fillValue': 'Значение',
	'grid.fillApply': 'Заполнить',
	'grid.fillClear': 'Очистить столбец',
	'grid.fillPick': '— выберите столбец —',
	'grid.fillHidden':
		'Из них не видно сейчас (скрыты поиском или фильтрами): {count}. Их ячейки тоже изменятся.',
	'grid.fillAlso': 'Как и при вводе вручную, в изменённых строках заполнятся также: {columns}.',
	'grid.fillVisible': 'Заполнить только видимые ({count})',
	'grid.clearVisible': 'Очистить только в видимых ({count})',
	'grid.hidden': 'Скрытые столбцы',
	'grid.show': 'Показать',
	'grid.hide': 'Скрыть у себя',
	'grid.options': 'Варианты выбора',
	'grid.optionAdd': 'Добавить вариант',
	'grid.optionValue': 'Вариант {n}',
	'grid.optionColor': 'Цвет варианта {n}',
	'grid.optionRemove': 'Убрать вариант {n}',
	'grid.pasted': 'Вставлено строк: {count}, из них новых: {added}.',
	'grid.pastedHidden': 'Из них не видно сейчас (скрыты поиском или фильтрами): {count}.',
	'grid.pastedLeftOut':
		'Не вставлено столбцов: {count} — справа от места вставки нет для них столбцов. Отменить — Ctrl+Z.',
	'grid.range': 'Выделено: {rows} × {columns}',
	'grid.rangeHint':
		'Выделенные ячейки: Ctrl+C — копировать, Ctrl+X — вырезать, Ctrl+V — вставить (одно значение заполнит все), Ctrl+D — заполнить вниз верхней строкой, Delete — очистить, Esc — снять выделение.',
	'grid.rangeTooBig':
		'Выделено слишком много ячеек ({count}): за один раз можно очистить или заполнить не больше {max}.',
	'grid.cleared': 'Очищено ячеек: {count}. Отменить — Ctrl+Z.',
	'grid.filled': 'Заполнено ячеек: {count}. Отменить — Ctrl+Z.',
	'grid.columnFilled': 'Столбец «{column}»: заполнено ячеек — {count}.',
	'grid.columnCleared': 'Столбец «{column}»: очищено ячеек — {count}.',
	'grid.editedRowDeleted': 'Коллега удалил строку, которую вы редактировали.',
	'grid.editedRowGone':
		'Строки, которую вы редактировали, больше нет (коллега отменил её добавление). Вы ввели: «{typed}».',
	'grid.overwrittenBy':
		'{by} тоже изменил(а) ячейку «{column}»: осталось «{theirs}», ваше «{mine}» — в истории.',
	'grid.overwritten':
		'Коллега тоже изменил ячейку «{column}»: осталось «{theirs}», ваше «{mine}» — в истории.',
	'grid.overwrittenRestore': 'Вернуть моё',
	'grid.editedRowDeletedKept':
		'Коллега удалил строку, которую вы редактировали. Ваш ввод сохранён в ней: строку можно вернуть через «Удалённые строки».',
	'grid.editedColumnDeletedKept':
		'Коллега удалил столбец «{column}», ячейку которого вы редактировали. Ваш ввод сохранён в нём: столбец можно вернуть через «Вернуть столбец».',
	'grid.editedColumnDeleted':
		'Коллега удалил столбец «{column}», ячейку которого вы редактировали.',
	'grid.editedColumnGone':
		'Коллега удалил столбец «{column}», ячейку которого вы редактировали. Вы ввели: «{typed}».',
	'grid.colleague': 'Коллега',
	'grid.calling':
		'Этому жителю сейчас звонит {names}. Выберите другого, чтобы не позвонить дважды.',
	'grid.callingMany':
		'Этому жителю сейчас звонят {names}. Выберите другого, чтобы не позвонить дважды.',
	'grid.peerCalling': '{names} звонит этому жителю',
	'grid.peerCallingMany': '{names} звонят этому жителю',
	'grid.peerOnRow': 'На этой строке: {names}',
	'grid.deletedWork':
		'{by} удалил(а) строку «{row}» с вашими недавними изменениями. Они сохранены в удалённой строке.',
	'grid.deletedWorkMany':
		'{by} удалил(а) строки с вашими недавними изменениями (строк: {count}). Изменения сохранены в удалённых строках.',
	'grid.deletedWorkRestore': 'Вернуть строку',
	'grid.deletedWorkRestoreMany': 'Вернуть строки',
	'grid.deletedColumnWork':
		'{by} удалил(а) столбец «{column}» с вашими недавними изменениями (ячеек: {count}). Они сохранены в удалённом столбце.',
	'grid.deletedColumnWorkRestore': 'Вернуть столбец',
	'import.twiceOther':
		'{by} импортировал(а) {file}, пока вы были без связи друг с другом: жителей теперь в списке дважды — {count}.',
	'import.twiceBoth':
		'{a} и {b} импортировали {file}, пока были без связи друг с другом: жителей теперь в списке дважды — {count}.',
	'import.twiceSame':
		'{by} импортировал(а) {file} дважды, в двух окнах или на двух компьютерах без связи друг с другом: жителей теперь в списке дважды — {count}.',
	'import.twiceSameFile': 'тот же файл «{name}»',
	'import.twiceFile': 'файл «{name}» с теми же жителями',
	'import.twiceNoFile': 'тех же жителей',
	'import.twiceWorked':
		'В обеих строках уже работали (звонки, примечания) у жителей: {count} — эти строки останутся обе, сравните их вручную.',
	'import.twiceRemove': 'Убрать повторы',
	'import.twiceRemoved':
		'Убраны повторы: {count} (в «Удалённые строки»; Ctrl+Z — вернуть). Где работали только в одной из двух строк или с одной из них сейчас работает оператор, оставлена она.',
	'import.twiceKept': 'Оставлены обе строки — в обеих уже работали: {names}.',
	'import.twiceOnRow':
		'Пока оставлены обе строки — с одной из них сейчас работает оператор: {names}. Нажмите «Убрать повторы», когда он закончит.',
	'import.twiceMore': 'и ещё {count}',
	'import.twiceNone': 'Повторов больше нет: их уже убрали.',
	'grid.typeChanged':
		'Тип изменён. Не подошли значения: {count} — они сохранены и отмечены красным.',
	'sheet.areaCode': 'Код города для местных номеров',
	'sheet.areaCodeHint':
		'Номерам без кода (555-12-34) добавляется этот код: 812 — Санкт-Петербург, 4842 — Калуга. Пусто — не добавлять.',
	'sheet.areaCodeBad': 'Код города — от 3 до 5 цифр, первая 3, 4 или 8 (например, 812).',
	'sheet.areaCodeSet': 'Код города {code} добавлен к номерам: {count}.',
	'sheet.optionsRenamed': 'Новое название варианта записано в ячейки: {count}. Отменить — Ctrl+Z.',

	// ---- grid editors and the choice filter (issue 3)
	'grid.pickDate': 'Выбрать дату в календаре',
	'grid.dateFormat': 'дд.мм.гггг',
	'grid.dateTimeFormat': 'дд.мм.гггг чч:мм',
	'grid.pickDateTime': 'Выбрать дату и время в календаре',
	'grid.choiceEmpty': '(пусто)',
	'grid.personNew': 'Такого имени ещё нет — Enter сохранит как набрано',
	'grid.personKeep': 'Esc, затем Enter — оставить как набрано',
	'grid.filterAll': 'Выбрать все',
	'grid.filterAny': 'Все',
	'grid.filterNone': 'Ничего не выбрано',
	'grid.filterMore': 'Ещё значений не из вариантов (не показаны): {count}',
	'grid.filterOf': 'Фильтр «{title}»',

	'error.generic': 'Что-то пошло не так: {message}',

	// ---- history and named views (issue 3)
	'history.open': 'История',
	'history.title': 'История строки',
	'history.row': 'Строка: {row}',
	'history.onlyCell': 'Только ячейка «{column}»',
	'history.empty': 'Изменений пока нет.',
	'history.close': 'Закрыть историю',
	'history.pick': 'Выберите ячейку или строку, чтобы увидеть её историю.',
	'history.added': 'строка добавлена',
	'history.deleted': 'строка удалена',
	'history.restored': 'строка возвращена',
	'history.removed': 'добавление строки отменено',
	'history.undo': 'отменено',
	'history.redo': 'повторено',
	'history.emptyValue': 'пусто',
	'history.unknown': 'без имени',
	'history.columnGone': 'удалённый столбец',
	'views.menu': 'Виды',
	'views.empty': 'Сохранённых видов пока нет.',
	'views.hint': 'Виды общие для всех операторов списка; применённый вид меняет только ваш экран.',
	'views.saveAs': 'Сохранить текущий вид как…',
	'views.name': 'Название вида',
	'views.forAnyone': 'Вместо «{name}» подставлять имя того, кто применяет вид',
	'views.renameTitle': 'Переименовать вид',
	'views.rename': 'Переименовать вид «{name}»',
	'views.delete': 'Удалить вид «{name}»',
	'views.deleted': 'Вид «{name}» удалён.',
	'views.applied': 'Применён вид «{name}».',
	'views.saved': 'Вид «{name}» сохранён для всех операторов.',
	'views.by': 'сохранил(а): {name}',
	'views.full': 'В списке уже слишком много видов.',
	'views.nameTaken': 'Вид «{name}» уже есть: назовите этот по-другому.',

	'keys.open': 'Клавиши',
	'keys.title': 'Клавиши в списке',
	'keys.toList':
		'с начала страницы: «Перейти к списку» — к ячейке, где вы были, или к первой ячейке списка',
	'keys.region':
		'из списка к кнопкам над ним и обратно — к той же ячейке; по пути — к уведомлению под списком, если в нём есть кнопка («Отменить», «Вернуть»); после неё — обратно, где были',
	'keys.toolbar':
		'на панели кнопок над списком — от кнопки к кнопке (мимо недоступных); Tab — дальше, за панель',
	'keys.edit': 'открыть ячейку для правки (или просто начните печатать)',
	'keys.move': 'сохранить и перейти вниз, вправо, влево; стрелки — по ячейкам',
	'keys.rowEdge':
		'в первый или последний столбец строки (в открытой ячейке — к началу или концу текста)',
	'keys.sheetEdge': 'в первую ячейку списка или в последнюю',
	'keys.cancelEdit': 'выйти из правки без изменений; отменить протягивание',
	'keys.options': 'список вариантов или календарь в ячейке',
	'keys.columnMenu': 'на заголовке: настройки столбца (название, тип, варианты, скрыть)',
	'keys.block': 'выделить блок ячеек (или Shift+щелчок, или протянуть мышью)',
	'keys.blockEdge': 'выделить до края списка',
	'keys.clipboard': 'копировать, вырезать, вставить — и из Excel или Google Таблиц',
	'keys.clear': 'очистить выделенные ячейки',
	'keys.space': 'Пробел',
	'keys.checkbox':
		'на галочке: поставить или снять (во всём блоке сразу); на другой ячейке: отметить строку',
	'keys.fillDown': 'заполнить вниз (как квадратик в углу выделения)',
	'keys.undo': 'отменить своё последнее изменение (изменения коллег не трогаются)',
	'keys.redo': 'повторить отменённое',
	'keys.search':
		'поиск по всему списку; Enter или ↓ в поиске — к строке, где слова совпали лучше всего',
	'keys.history': 'история строки: кто, когда и что менял',
	'keys.help': 'эта подсказка',
	'keys.mac': 'На Mac вместо Ctrl — ⌘.',
	'keys.close': 'Закрыть',

	...csvRu
} as const;

export type MessageKey = keyof typeof ru;

export const en: Record<MessageKey, string> = {
	'app.name': 'Shtab',
	'app.tagline': 'Shared lists of a volunteer headquarters',
	'lang.switch': 'Русский',
	'lang.label': 'Interface language',

	'operator.title': 'What is your name?',
	'operator.hint': 'Colleagues working in the same list see this name.',
	'operator.name': 'Operator name',
	'operator.color': 'Colour',
	'operator.save': 'Save',
	'operator.change': 'Change name',
	'operator.empty': 'Enter a name',

	'home.title': 'Headquarters lists',
	'home.empty': 'No lists yet. Create the first one — for example, calling residents over 65.',
	'home.loading': 'Loading lists…',
	'home.new': 'New list',
	'home.newTitle': 'Title',
	'home.newTitleExample': 'Calls to residents 65+ (Kalininsky district)',
	'home.sendingLeftovers': 'Sending changes left in this browser (lists: {count})',
	quote: '“{text}”',
	'status.label': 'Sync status',
	'sheet.columnNamed': 'Column “{title}”',
	'home.newKind': 'Kind of list',
	'home.create': 'Create',
	'home.open': 'Open',
	'home.rename': 'Rename',
	'home.renameSave': 'Save',
	'home.cancel': 'Cancel',
	'home.delete': 'Delete',
	'home.deleteConfirm': 'Delete the list “{title}”? It can be restored from “Recently deleted”.',
	'home.deleted': 'The list “{title}” was deleted.',
	'home.renameGone':
		'The list “{title}” was deleted while you were renaming it: the new title is not saved.',
	'home.undo': 'Undo',
	'home.deletedWork':
		'{by} deleted the list “{title}” with your recent changes in it. They are kept in the deleted list.',
	'home.deletedWorkRestore': 'Restore the list',
	'home.recentlyDeleted': 'Recently deleted',
	'home.restore': 'Restore',
	'home.created': 'Created',
	'home.deletedAt': 'Deleted',
	'home.kind': 'Kind',
	'home.titleEmpty': 'The title cannot be empty',
	'home.titleTaken':
		'A list «{title}» already exists (created {created}): messages could not tell them apart — choose another title or add a detail (a district, a date).',
	'sheet.columnTitleTaken': 'The list already has a column “{title}”: give this one another name.',
	'sheet.columnDeleted': 'Column “{title}” deleted.',
	'home.columns': 'List title',

	'kind.callList': 'Call list',
	'kind.requests': 'Requests',
	'kind.campaign': 'Congratulations',
	'kind.other': 'Other',

	'sheet.back': '← All lists',
	'sheet.toList': 'Go to the list',
	'sheet.notFound': 'List not found. It may not have loaded yet, or it was deleted.',
	'sheet.deletedBanner': 'This list has been deleted.',
	'sheet.deletedBannerBy': 'This list has been deleted by {by}, {when}.',
	'sheet.loading': 'Loading the list…',
	'sheet.loadingOffline':
		'This list has not been loaded into this browser yet, and the server cannot be reached. It will appear once the connection is back.',
	'sheet.loadingProgress': 'Loading the list… {received} of {total} MB',
	'sheet.addRow': 'Add row',
	'sheet.addRowHidden':
		'The new row does not fit the filter or the search and would not be shown: type it into the «+» line at the bottom; it is kept in the list.',
	'sheet.addColumn': 'Add column',
	'sheet.columnTitle': 'Column title',
	'sheet.renameColumn': 'Rename column',
	'sheet.deleteColumn': 'Delete column',
	'sheet.deleteColumnConfirm':
		'Delete the column “{title}” for every operator? The data is kept and the column can be brought back.',
	'sheet.restoreColumn': 'Bring back column',
	'sheet.deleteRows': 'Delete rows ({count})',
	'sheet.deleteRowsConfirm': 'Delete the selected rows ({count})? They can be brought back.',
	'sheet.rowsDeleted': 'Rows deleted: {count}.',
	'sheet.deleteRowsHidden':
		'Not shown now (hidden by the search or filters): {count}. “Delete” deletes them too.',
	'sheet.deleteRowsVisible': 'Delete only the shown ones ({count})',
	'sheet.autosave':
		'No need to save: every change is saved as you go (the status bar says where it is).',
	'sheet.deletedRows': 'Deleted rows',
	'sheet.deletedRowBy': 'deleted by {by}, {when}',
	'sheet.deletedRowAt': 'deleted {when}',
	'sheet.restoreRows': 'Bring back',
	'sheet.rows': 'Rows: {count}',
	'sheet.rowsShown': 'Rows: {count}, shown: {shown}',
	'sheet.undo': 'Undo',
	'sheet.redo': 'Redo',
	'sheet.undoOverwritten':
		'Nothing to undo: colleagues have already changed everything this step did. The next Undo undoes the step before it.',
	'sheet.redoOverwritten':
		'Nothing to redo: colleagues have already changed everything this step touched.',
	'sheet.undoKept':
		'The rows or column this step added stay: colleagues have already entered data in them. If they are not needed, delete them (they can be brought back).',
	'sheet.save': 'Save',
	'sheet.cancel': 'Cancel',
	'sheet.column': 'Column',
	'sheet.noColumns': 'The list has no columns. Add the first one.',
	'sheet.here': 'In this list now',
	'sheet.you': 'you',
	'sheet.youOtherTab': 'you, another tab',
	'sheet.cellTooLong': 'The value is too long: at most {max} characters.',

	'status.offline': 'No connection to the server — working locally',
	'status.outdated': 'A new version of Shtab is on the server — reload the page',
	'update.text':
		'Shtab has been updated on the server. Reload the page to work together with your colleagues again: until then, this tab’s changes are not sent to the server. They are kept in this browser and will be sent after the reload.',
	'update.textNoStore':
		'Shtab has been updated on the server. Reload the page to work together with your colleagues again. This browser does not keep data: this tab’s changes not yet sent to the server will be lost on reload.',
	'update.reload': 'Reload the page',
	'status.savingLocally': 'Saving in the browser… do not close the tab',
	'status.pending': 'waiting to be sent: {count}',
	'status.unanswered': 'The server does not answer — the connection is poor or gone',
	'status.serverCannotStore':
		'The server cannot save changes (a full disk?) — tell whoever runs Shtab',
	'status.serverBusy':
		"The server does not take this tab: too many tabs are open on this computer, or too many lists on the server. Close the tabs you do not need; this page's changes stay in this browser and are sent as soon as the server takes it",
	'status.accessDenied':
		"No access to the lists: the access key was changed or does not fit. Ask the coordinator for the new link with the key and open it — this page's changes stay in this browser",
	'status.serverRefuses':
		"The server answers but does not take this page's changes — they stay in this browser. Tell whoever runs Shtab: the page's address must be in ALLOWED_HOSTS, and a proxy must pass Host through",
	'status.connecting': 'Connecting…',
	'status.syncing': 'Syncing…',
	'status.uploading': 'Sending changes… {sent} of {total} MB',
	'status.saved': 'All changes saved on the server',
	'status.local': 'Saved in the browser',
	'status.storageError':
		'The browser does not let us save data on this computer — work without the network is not possible ({message})',
	'status.storeFull': 'The browser has no room left: changes are not kept on this computer',
	'status.storeFailed': 'The browser could not save changes on this computer',
	'status.storeKeepTab': 'do not close the tab until they have reached the server',
	'status.storeNoOffline': 'work without the network is not possible',

	'type.text': 'Text',
	'type.longtext': 'Long text',
	'type.phone': 'Phone',
	'type.date': 'Date',
	'type.datetime': 'Date and time',
	'type.number': 'Number',
	'type.choice': 'Choice',
	'type.checkbox': 'Checkbox',
	'type.person': 'Person',
	'sheet.columnType': 'Column type',
	'grid.search': 'Search the list',
	'grid.filters': 'Filters',
	'grid.pinFirst': 'Freeze first column',
	'grid.pinFirstShort': 'Freeze',
	'grid.pinFirstHint':
		'The first column (usually the name) stays in view when the table is scrolled right. To move it, untick this.',
	'grid.resetView': 'Clear sort and filters',
	'grid.resetViewShort': 'Reset',
	'grid.searchFiltered':
		'The search found nothing among the rows the filters leave (columns: {columns}).',
	'grid.searchEverywhere': 'Search the whole list',
	'grid.sorting': 'Sorting…',
	'grid.fill': 'Fill column…',
	'grid.fillShort': 'Fill…',
	'grid.fillTitle': 'Fill a column in the selected rows ({count})',
	'grid.fillNeedsRows':
		'Tick the rows first, in the boxes on the left (the box in the header ticks them all)',
	'grid.fillValue': 'Value',
	'grid.fillApply': 'Fill',
	'grid.fillClear': 'Clear column',
	'grid.fillPick': '— choose a column —',
	'grid.fillHidden':
		'Not shown now (hidden by the search or filters): {count}. Their cells change too.',
	'grid.fillAlso': 'As when typed, the rows changed also get: {columns}.',
	'grid.fillVisible': 'Fill only the shown ones ({count})',
	'grid.clearVisible': 'Clear only in the shown ones ({count})',
	'grid.hidden': 'Hidden columns',
	'grid.show': 'Show',
	'grid.hide': 'Hide for me',
	'grid.options': 'Choice options',
	'grid.optionAdd': 'Add option',
	'grid.optionValue': 'Option {n}',
	'grid.optionColor': 'Colour of option {n}',
	'grid.optionRemove': 'Remove option {n}',
	'grid.pasted': 'Rows pasted: {count}, new: {added}.',
	'grid.pastedHidden': 'Not shown now (hidden by the search or filters): {count}.',
	'grid.pastedLeftOut':
		'Columns left out: {count}, there are no columns for them right of where you pasted. Undo: Ctrl+Z.',
	'grid.range': 'Selected: {rows} × {columns}',
	'grid.rangeHint':
		'Selected cells: Ctrl+C copies, Ctrl+X cuts, Ctrl+V pastes (one value fills them all), Ctrl+D fills down from the top row, Delete clears, Esc unselects.',
	'grid.rangeTooBig':
		'Too many cells selected ({count}): at most {max} can be cleared or filled at once.',
	'grid.cleared': 'Cells cleared: {count}. Undo with Ctrl+Z.',
	'grid.filled': 'Cells filled: {count}. Undo with Ctrl+Z.',
	'grid.columnFilled': 'Column “{column}”: cells filled — {count}.',
	'grid.columnCleared': 'Column “{column}”: cells emptied — {count}.',
	'grid.editedRowDeleted': 'A colleague deleted the row you were editing.',
	'grid.editedRowGone':
		'The row you were editing is gone (a colleague undid adding it). You typed: “{typed}”.',
	'grid.overwrittenBy':
		'{by} also changed the cell “{column}”: it now holds “{theirs}”; your “{mine}” is in its history.',
	'grid.overwritten':
		'A colleague also changed the cell “{column}”: it now holds “{theirs}”; your “{mine}” is in its history.',
	'grid.overwrittenRestore': 'Put mine back',
	'grid.editedRowDeletedKept':
		'A colleague deleted the row you were editing. What you typed is kept in it: bring the row back from “Deleted rows”.',
	'grid.editedColumnDeletedKept':
		'A colleague deleted the column “{column}” whose cell you were editing. What you typed is kept in it: bring the column back with “Bring back column”.',
	'grid.editedColumnDeleted':
		'A colleague deleted the column “{column}” whose cell you were editing.',
	'grid.editedColumnGone':
		'A colleague deleted the column “{column}” whose cell you were editing. You typed: “{typed}”.',
	'grid.colleague': 'A colleague',
	'grid.calling':
		'{names} is calling this resident right now. Pick another one, so that he is not called twice.',
	'grid.callingMany':
		'{names} are calling this resident right now. Pick another one, so that he is not called twice.',
	'grid.peerCalling': '{names} is calling this resident',
	'grid.peerCallingMany': '{names} are calling this resident',
	'grid.peerOnRow': 'On this row: {names}',
	'grid.deletedWork':
		'{by} deleted the row “{row}” with your recent changes in it. They are kept in the deleted row.',
	'grid.deletedWorkMany':
		'{by} deleted rows with your recent changes in them (rows: {count}). Your changes are kept in the deleted rows.',
	'grid.deletedWorkRestore': 'Restore the row',
	'grid.deletedWorkRestoreMany': 'Restore the rows',
	'grid.deletedColumnWork':
		'{by} deleted the column “{column}” with your recent changes in it (cells: {count}). They are kept in the deleted column.',
	'grid.deletedColumnWorkRestore': 'Restore the column',
	'import.twiceOther':
		'{by} imported {file} while the two of you were not connected: residents now in the list twice — {count}.',
	'import.twiceBoth':
		'{a} and {b} imported {file} while they were not connected: residents now in the list twice — {count}.',
	'import.twiceSame':
		'{by} imported {file} twice, in two windows or on two computers not connected to each other: residents now in the list twice — {count}.',
	'import.twiceSameFile': 'the same file “{name}”',
	'import.twiceFile': 'the file “{name}” with the same residents',
	'import.twiceNoFile': 'the same residents',
	'import.twiceWorked':
		'Both rows were already worked on (calls, notes) for residents: {count} — both of those stay; compare them by hand.',
	'import.twiceRemove': 'Remove repeats',
	'import.twiceRemoved':
		'Repeats removed: {count} (to “Deleted rows”; Ctrl+Z brings them back). Where only one of the two rows was worked on, or an operator is on it right now, that one stays.',
	'import.twiceKept': 'Both rows kept — both were worked on: {names}.',
	'import.twiceOnRow':
		'Both rows kept for now — an operator is on one of them right now: {names}. Press “Remove repeats” once they are done.',
	'import.twiceMore': 'and {count} more',
	'import.twiceNone': 'No repeats left: they were already removed.',
	'grid.typeChanged': 'Type changed. Values that did not fit: {count} — kept and marked in red.',
	'sheet.areaCode': 'Area code for local numbers',
	'sheet.areaCodeHint':
		'Numbers without a code (555-12-34) get this code: 812 — St Petersburg, 4842 — Kaluga. Empty — none added.',
	'sheet.areaCodeBad': 'An area code has 3 to 5 digits, the first 3, 4 or 8 (e.g. 812).',
	'sheet.areaCodeSet': 'Area code {code} added to numbers: {count}.',
	'sheet.optionsRenamed': 'The option’s new name written into cells: {count}. Undo with Ctrl+Z.',

	// ---- grid editors and the choice filter (issue 3)
	'grid.pickDate': 'Pick a date in the calendar',
	'grid.dateFormat': 'dd.mm.yyyy',
	'grid.dateTimeFormat': 'dd.mm.yyyy hh:mm',
	'grid.pickDateTime': 'Pick a date and time in the calendar',
	'grid.choiceEmpty': '(empty)',
	'grid.personNew': 'No such name yet — Enter keeps it as typed',
	'grid.personKeep': 'Esc, then Enter — keep it as typed',
	'grid.filterAll': 'Select all',
	'grid.filterAny': 'All',
	'grid.filterNone': 'Nothing selected',
	'grid.filterMore': 'More values that are no option (not listed): {count}',
	'grid.filterOf': 'Filter “{title}”',

	'error.generic': 'Something went wrong: {message}',

	// ---- history and named views (issue 3)
	'history.open': 'History',
	'history.title': 'Row history',
	'history.row': 'Row: {row}',
	'history.onlyCell': 'Only the cell “{column}”',
	'history.empty': 'No changes yet.',
	'history.close': 'Close history',
	'history.pick': 'Pick a cell or a row to see its history.',
	'history.added': 'row added',
	'history.deleted': 'row deleted',
	'history.restored': 'row brought back',
	'history.removed': 'adding the row undone',
	'history.undo': 'undone',
	'history.redo': 'redone',
	'history.emptyValue': 'empty',
	'history.unknown': 'no name',
	'history.columnGone': 'deleted column',
	'views.menu': 'Views',
	'views.empty': 'No saved views yet.',
	'views.hint':
		'Views are shared by every operator of the list; applying one changes only your screen.',
	'views.saveAs': 'Save the current view as…',
	'views.name': 'View name',
	'views.forAnyone': 'Put the name of whoever applies the view instead of “{name}”',
	'views.renameTitle': 'Rename view',
	'views.rename': 'Rename view “{name}”',
	'views.delete': 'Delete view “{name}”',
	'views.deleted': 'View “{name}” deleted.',
	'views.applied': 'View “{name}” applied.',
	'views.saved': 'View “{name}” saved for every operator.',
	'views.by': 'saved by {name}',
	'views.full': 'The list already has too many views.',
	'views.nameTaken': 'There is a view “{name}” already: give this one another name.',

	'keys.open': 'Keys',
	'keys.title': 'Keys in a list',
	'keys.toList':
		'from the top of the page: “Go to the list” — to the cell you were on, or the list’s first cell',
	'keys.region':
		'from the list to the buttons above it, and back to the same cell; on the way, to a notice under the list that has a button (“Undo”, “Restore”); after it, back to where you were',
	'keys.toolbar':
		'on the row of buttons above the list: from button to button (past those not available); Tab goes on past the row',
	'keys.edit': 'edit the cell (or just start typing)',
	'keys.move': 'save and move down, right, left; arrows move between cells',
	'keys.rowEdge':
		'to the first or last column of the row (in an open cell: to the start or end of the text)',
	'keys.sheetEdge': 'to the first cell of the list or to the last',
	'keys.cancelEdit': 'leave the editor without a change; call a fill drag off',
	'keys.options': 'the options or the calendar of the cell',
	'keys.columnMenu': 'on a header: the column’s settings (title, type, options, hide)',
	'keys.block': 'select a block of cells (or Shift+click, or drag with the mouse)',
	'keys.blockEdge': 'select to the edge of the list',
	'keys.clipboard': 'copy, cut, paste — from Excel or Google Sheets too',
	'keys.clear': 'empty the selected cells',
	'keys.space': 'Space',
	'keys.checkbox':
		'on a checkbox: tick or untick it (the whole block at once); elsewhere: tick the row',
	'keys.fillDown': 'fill down (as the small square at the corner of a selection does)',
	'keys.undo': 'undo your last change (colleagues’ changes are left alone)',
	'keys.redo': 'redo what was undone',
	'keys.search': 'search the whole list; Enter or ↓ in the search — to the row that matches best',
	'keys.history': 'the row’s history: who changed what, and when',
	'keys.help': 'this list',
	'keys.mac': 'On a Mac, ⌘ instead of Ctrl.',
	'keys.close': 'Close',

	...csvEn
};
