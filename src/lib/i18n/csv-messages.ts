/** The strings of CSV import and export (spread into `messages.ts`), Russian first. */
export const csvRu = {
	'import.button': 'Импорт CSV',
	'import.buttonShort': 'Импорт',
	'import.newButton': 'Новый список из CSV',
	'import.title': 'Импорт CSV',
	'import.titleNew': 'Новый список из CSV',
	'import.drop': 'Перетащите файл CSV сюда',
	'import.dropPage': 'Отпустите файл, чтобы импортировать его в этот список',
	'import.dropPageNew': 'Отпустите файл, чтобы создать из него новый список',
	'import.dropMany':
		'Прочитан только файл «{name}»; не прочитаны: {others}. Импортируйте их по одному.',
	'import.choose': 'Файл CSV',
	'import.hint':
		'Подходят файлы из Excel: «CSV (разделители — точка с запятой)», «CSV UTF-8», Windows-1251.',
	'import.reading': 'Чтение файла…',
	'import.decoding': 'Перекодировка…',
	'import.progress': 'Прочитано строк: {rows}',
	'import.speed': 'строк в секунду: {speed}',
	'import.left': 'осталось ≈ {seconds} с',
	'import.cancel': 'Отмена',
	'import.close': 'Закрыть',
	'import.file': 'Файл',
	'import.rowsFound': 'строк: {count}',
	'import.encoding': 'Кодировка',
	'import.encodingAuto': 'Автоматически ({name})',
	'import.encodingUtf16le': 'UTF-16 LE («Текст Юникод» из Excel)',
	'import.encodingUtf16be': 'UTF-16 BE',
	'import.encodingMixed':
		'Файл в двух кодировках: каждая строка прочитана в своей (строк в UTF-8: {count}, остальные — {name}). Проверьте их в предпросмотре; если буквы не те, выберите кодировку вручную.',
	'import.delimiter': 'Разделитель',
	'import.delimiterTab': 'табуляция',
	'import.headerYes': 'первая строка — заголовки',
	'import.headerNo': 'заголовков нет',
	'import.fileProblems': 'Замечаний к файлу: {count} — они будут в отчёте.',
	'import.mapping': 'Столбцы',
	'import.csvColumn': 'Столбец файла',
	'import.example': 'Пример',
	'import.target': 'Куда',
	'import.type': 'Тип',
	'import.newColumn': 'Новый столбец',
	'import.joinedWith': 'вместе с {titles}: значения соединятся в одной ячейке',
	'import.skipColumn': 'Не импортировать',
	'import.preview': 'Так строки попадут в список',
	'import.previewMore': 'Показаны первые {shown} из {count}. Красным — значения не по формату.',
	'import.previewBad': 'Красным — значения не по формату.',
	'import.duplicates': 'Повторы',
	'import.searching': 'Поиск повторов…',
	'import.waitChecking': 'Проверяем значения и ищем повторы…',
	'import.waitColumns': 'Выберите, куда пойдёт хотя бы один столбец файла.',
	'import.waitTitle': 'Введите название нового списка.',
	'import.dupInFile': 'в файле: {count}',
	'import.dupInSheet': 'в этом списке: {count}',
	'import.dupAmbiguous': '(из них подходят к нескольким жителям: {count} — не будут внесены)',
	'import.dupDeleted': 'удалены из списка: {count} — не будут добавлены',
	'import.addDeleted':
		'Добавить и удалённых из списка жителей (строк: {count}) — например, если список очищен, чтобы загрузить заново',
	'import.dupInOthers': 'в других списках: {count}',
	'import.othersNotReceived':
		'Списки, ещё не полученные с сервера: {lists} — повторы в них пока не искали. Ждём сервер: числа обновятся сами.',
	'import.othersCopyOnly':
		'Сервер ещё не прислал списки {lists}: повторы в них искали по копии в этом браузере, в ней могут быть не все строки. Ждём сервер: числа обновятся сами.',
	'import.othersOffline':
		'Нет связи с сервером: другие списки сверены только с их копиями в этом браузере.',
	'import.uncheckedNotReceived':
		'Повторы в списках {lists} не искали: к импорту они не были получены с сервера.',
	'import.uncheckedCopyOnly':
		'Повторы в списках {lists} искали только по копии в этом браузере (сервер их ещё не прислал): могли быть найдены не все.',
	'import.uncheckedOffline':
		'Связи с сервером не было: другие списки сверены только с их копиями в этом браузере.',
	'import.policy.skip': 'Пропустить повторы',
	'import.policy.update':
		'Дополнить найденные строки (пустые ячейки, новые номера телефонов, дописанный текст)',
	'import.policy.keep': 'Добавить все строки',
	'import.replace': 'Заменять записанное значениями из файла, если в файле другое',
	'import.updateNote':
		'Найденные строки: заполнятся пустые ячейки, добавятся новые номера; где в файле другое значение, останется записанное — такие ячейки будут в отчёте.',
	'import.updateNoteReplace':
		'Найденные строки: где в файле другое значение, оно заменит записанное (что было и что стало — в отчёте), если ячейку в списке не меняли; что вписали операторы (номера, заметки, исправления), останется — такие ячейки будут в отчёте. Пустые ячейки файла ничего не стирают.',
	'import.unmatchedTitle': 'Значения не из вариантов столбца',
	'import.unmatchedHint':
		'Выберите, каким вариантом считать значение из файла, или добавьте его как новый вариант. Оставленные как есть будут отмечены красным.',
	'import.unmatchedRows': '(строк: {count})',
	'import.unmatchedLabel': '«{value}» в столбце «{column}»',
	'import.unmatchedKeep': 'оставить как есть (отметить)',
	'import.unmatchedMore':
		'И ещё значений: {values} (строк: {rows}) — они будут оставлены как есть и отмечены.',
	'import.unmatchedAdd': 'добавить вариант «{value}»',
	'import.unmatchedAddAll': 'Добавить все значения как варианты',
	'import.unmatchedKeepAll': 'Оставить все как есть',
	'import.unmatchedOwn':
		'Ни одно значение файла не совпало с вариантами столбца — это его собственные варианты, они будут добавлены в столбец. Чтобы отметить их красным, нажмите «Оставить все как есть».',
	'import.unmatchedMoreAdded':
		'И ещё значений: {values} (строк: {rows}) — они тоже будут добавлены как варианты.',
	'import.unmatchedMoreLimit':
		'И ещё значений: {values} (строк: {rows}). В столбце может быть не больше {max} вариантов, поэтому из них добавятся только {added}. Останутся как есть и будут отмечены самые редкие значения: {left} (строк: {leftRows}).',
	'import.unmatchedLimit':
		'В столбце может быть не больше {max} вариантов: самые редкие значения останутся как есть и будут отмечены: {left} (строк: {leftRows}).',
	'import.flaggedHint':
		'Значений не по формату столбца: {count}. Они сохранятся как есть и будут отмечены.',
	'import.flaggedNotWritten':
		'Ещё значений не по формату: {count} — в повторах и ячейках, которые при выбранном способе не будут записаны.',
	'import.areaCode': 'Код города для местных номеров',
	'import.localPhones':
		'Номеров без кода города (как 555-12-34): {count}. Укажите код — он будет добавлен к ним и запомнится в столбце для номеров, которые введут потом.',
	'import.localPhonesDone': 'Код города {code} будет добавлен к местным номерам файла.',
	'import.localPhonesMismatch':
		'Номеров, к которым код {code} не подходит: {count} (вместе с кодом в номере должно быть 10 цифр). Они сохранятся как есть и будут отмечены.',
	'import.sheetTitle': 'Название списка',
	'import.submit': 'Импортировать',
	'import.submitUpdate': 'Импортировать (новых: {added}, найдено в списке: {updated})',
	'import.applying': 'Запись в список…',
	'import.writing': 'Записано строк: {rows} из {total}',
	'import.done': 'Импорт завершён',
	'import.savingBrowser':
		'Импорт сохраняется в браузере… Не закрывайте вкладку, пока это сообщение не сменится.',
	'import.savingServer':
		'Сохранено в браузере, отправляется на сервер (ждут отправки: {count}). Коллеги увидят импорт, когда отправка закончится.',
	'import.savingOffline':
		'Сохранено в браузере. Нет связи с сервером: коллеги увидят импорт, когда связь вернётся.',
	'import.savingUnstored':
		'Браузер не смог сохранить импорт на этом компьютере. Не закрывайте вкладку, пока импорт не уйдёт на сервер (ждут отправки: {count}).',
	'import.savedServer': 'Импорт сохранён на сервере: его видят все операторы.',
	'import.imported': 'Добавлено строк: {count}',
	'import.updated': 'Дополнено строк: {count}',
	'import.replacedCount': 'Заменено значений: {count}',
	'import.replacedRows': 'Строк, где заменены значения: {count}',
	'import.replacedTitle': 'Заменённые значения: {count}',
	'import.replacedHint':
		'Значения из файла заняли место записанных. Проверьте их; «Отменить» (Ctrl+Z) в списке вернёт весь импорт.',
	'import.replacedShown': 'Показаны первые {shown}; все — в отчёте (CSV).',
	'import.replacedCell': 'было «{old}», стало «{value}»',
	'import.report.old': 'Было',
	'import.report.new': 'Стало',
	'import.kind.replaced': 'Заменено',
	'import.keptInvalid':
		'в списке «{kept}», оставлено как было: в файле «{file}» — не по формату столбца',
	'import.keptEdited':
		'в списке «{kept}», оставлено как было: в файле «{file}», но эту ячейку в списке уже меняли (оператор или прошлый импорт) — проверьте и внесите вручную, если нужно',
	'import.keptRemoved':
		'не внесено: «{file}» — этот номер удалили из ячейки в списке (оператор или прошлый импорт); в списке «{kept}»',
	'import.keptRemovedEmpty':
		'не внесено: «{file}» — этот номер удалили из ячейки в списке (оператор или прошлый импорт); ячейка пуста',
	'import.unchangedCount': 'Строк, найденных в списке и оставленных как были: {count}',
	'import.lostCount': 'Значений из пропущенных строк, не внесённых в список: {count}',
	'import.keptCell': 'в списке уже «{kept}», оставлено как было; в файле «{file}»',
	'import.keptInFile':
		'не внесено: для этого жителя в строке {into} файла уже «{kept}»; в этой строке «{file}»',
	'import.keptInvalidInFile':
		'не внесено: «{file}» — не по формату столбца; из файла для этого жителя внесено «{kept}» (с номером из строки {into})',
	'import.lostInSkipped':
		'не внесено: строка пропущена как повтор строки {into}, где «{kept}»; в этой строке «{file}» (внесите вручную или выберите «Дополнить найденные строки»)',
	'import.lostInSkippedEmpty':
		'не внесено: строка пропущена как повтор строки {into}, где пусто; в этой строке «{file}» (внесите вручную или выберите «Дополнить найденные строки»)',
	'import.lostInSheet':
		'не внесено: житель уже есть в списке, где «{kept}»; в этой строке «{file}» (внесите вручную или выберите «Дополнить найденные строки» с «Заменять записанное значениями из файла»)',
	'import.lostInSheetPhones':
		'не внесено: житель уже есть в списке, где «{kept}»; в этой строке «{file}» (внесите вручную или выберите «Дополнить найденные строки»: новые номера добавятся к записанным)',
	'import.lostInSheetEmpty':
		'не внесено: житель уже есть в списке, где пусто; в этой строке «{file}» (внесите вручную или выберите «Дополнить найденные строки»)',
	'import.skippedCount': 'Пропущено повторов: {count}',
	'import.ambiguousCount':
		'Не внесено строк, которые подходят к нескольким жителям списка: {count} (внесите вручную)',
	'import.deletedCount':
		'Не добавлено удалённых из списка жителей: {count} (вернуть — «Удалённые строки»)',
	'import.deletedMeanwhile':
		'Строка {line}: житель удалён из списка во время импорта — не дополнен. Если он снова нужен, восстановите строку в «Удалённые строки» и импортируйте файл ещё раз.',
	'import.mergedCount': 'Объединено с другими строками файла: {count}',
	'import.flaggedCount': 'Значений не по формату: {count}',
	'import.changedCount': 'Значений исправлено при импорте: {count}',
	'import.problems': 'Замечания',
	'import.noProblems': 'Замечаний нет.',
	'import.problemsShown': 'Показаны первые {shown} замечаний; все — в отчёте.',
	'import.download': 'Скачать отчёт (CSV)',
	'import.reportUnmappable':
		'В файле отчёта символов, которых нет в Windows-1251: {count} — они заменены на «?».',
	'import.reportUnmappableLines':
		'В файле отчёта символов, которых нет в Windows-1251: {count} — они заменены на «?» (строки файла: {lines}).',
	'import.downloadUtf8': 'Скачать отчёт в UTF-8 (Excel) — без замен',
	'import.openSheet': 'Открыть список',
	'import.failed': 'Не удалось импортировать файл: {message}',
	'import.cancelled': 'Импорт отменён, список не изменён.',
	'import.cancelTooLate':
		'«Отмена» не успела: строки уже были добавлены в список. Чтобы убрать их, нажмите «Отменить» (Ctrl+Z) в списке.',
	'import.discard': 'Закрыть импорт? Выбранное для столбцов и значений не сохранится.',
	'import.kindRemap':
		'Столбцы файла будут сопоставлены со столбцами этого вида заново; выбранное вручную не сохранится. Продолжить?',
	'import.empty': 'В файле нет строк с данными.',
	'import.notText.xlsx':
		'«{name}» — это книга Excel (или другой архив), а не CSV. Откройте её в Excel, выберите «Файл → Сохранить как → CSV (разделители — точки с запятой)» и импортируйте сохранённый файл.',
	'import.notText.xls':
		'«{name}» — это книга Excel старого формата (.xls), а не CSV. Откройте её в Excel, выберите «Файл → Сохранить как → CSV (разделители — точки с запятой)» и импортируйте сохранённый файл.',
	'import.notText.pdf':
		'«{name}» — это документ PDF, а не таблица CSV: из него список не прочитать. Попросите у отправителя файл Excel или CSV.',
	'import.notText.binary':
		'«{name}» — не текстовый файл: в нём нет строк таблицы. Выберите файл CSV (в Excel: «Сохранить как → CSV»).',
	'import.tooBig':
		'Файл «{name}» слишком большой: {size} МБ. Импорт принимает файлы до {max} МБ (около 200 000 строк) — разделите его на части и импортируйте по очереди.',
	'import.onlyTitles':
		'В файле одна строка, и она принята за заголовки: импортировать нечего. Если это данные — снимите «первая строка — заголовки».',
	'import.mergedInto': 'Строка {line}: тот же житель, что в строке {into}; данные объединены.',
	'import.omitted': 'И ещё замечаний: {count}',
	'import.report.line': 'Строка',
	'import.absentCount': 'В списке, но нет в этом файле: {count}',
	'import.absentNote':
		'Если файл — весь список, этих жителей в нём больше нет. Ничего не удалено: скачайте их или отметьте в таблице, чтобы проверить.',
	'import.absentDownload': 'Скачать их (CSV)',
	'import.absentSelect': 'Отметить их в таблице',
	'import.absentName': ' — нет в файле',
	'import.report.name': 'Житель',
	'import.report.kind': 'Что',
	'import.report.column': 'Столбец',
	'import.report.value': 'Значение',
	'import.report.reason': 'Причина',
	'import.kind.error': 'Ошибка',
	'import.kind.warning': 'Предупреждение',
	'import.kind.skipped': 'Пропущена',
	'import.kind.merged': 'Объединена',
	'import.kind.flagged': 'Не по формату',
	'import.kind.changed': 'Исправлено',
	'import.kind.kept': 'Не заменено',
	'import.kind.lost': 'Не записано',
	'import.kind.repeat': 'Повтор добавлен',
	'import.repeatsCount': 'Добавлено повторов (уже были в списке или в файле): {count}',
	'import.inOthersCount': 'Жителей, которые есть и в других списках: {count}',
	'import.kind.other-list': 'Есть в другом списке',
	'import.kind.nameless': 'Нет ФИО',
	'import.nameless': 'Нет ФИО — добавлена как отдельный житель без имени.',
	'import.namelessAfter':
		'Нет ФИО — продолжение строки {line}? Добавлена как отдельный житель без имени.',
	'import.namelessCount': 'Строк без ФИО, добавленных отдельными жителями: {count}',
	'import.namelessHint':
		'Строк без ФИО, но с другими данными: {count} ({lines}). Возможно, в Excel ФИО было в объединённой ячейке, а это — продолжение строки выше. Каждая из них станет отдельным жителем без имени.',
	'import.namelessNotAdded':
		'Ещё строк без ФИО: {count} — повторы, которые при выбранном способе не будут добавлены отдельными жителями.',
	'import.namelessLine': 'строка {line} — продолжение строки {after}?',
	'import.namelessLineFirst': 'строка {line}',
	'import.kind.total': 'Итого',
	'import.kind.option': 'Новый вариант',
	'import.optionAdded': 'добавлен в варианты столбца',
	'import.optionsAddedCount': 'Добавлено вариантов в столбцы: {count}',
	'import.optionsAddedColumn': 'В столбец {column} добавлены варианты: {values}',
	'import.optionsAddedMore': 'и ещё {count}',
	'import.kind.note': 'Примечание',
	'import.repeatInSheet': 'добавлена, хотя этот житель уже есть в списке ({by})',
	'import.repeatInFile': 'добавлена, хотя повторяет строку {line} ({by})',
	'import.inOtherLists': 'этот житель есть и в списке {lists} ({by})',
	'import.reportName': ' — отчёт импорта',
	'export.button': 'Экспорт CSV',
	'export.buttonShort': 'Экспорт',
	'export.title': 'Экспорт CSV',
	'export.scope': 'Что выгрузить',
	'export.viewSuffix': ' — как показано',
	'export.whole': 'Весь список (строк: {count})',
	'export.view':
		'Как показано сейчас — с фильтрами, сортировкой, без скрытых столбцов (строк: {count})',
	'export.viewNoColumns':
		'В этом виде скрыты все столбцы: выгружать нечего. Покажите нужные столбцы или выгрузите весь список.',
	'export.format': 'Формат',
	'export.excel-ru': 'Excel: UTF-8 с BOM, «;» — рекомендуется',
	'export.utf8-comma': 'UTF-8, «,» — Google Таблицы, LibreOffice',
	'export.windows-1251': 'Windows-1251, «;» — старый Excel, 1С',
	'export.download': 'Скачать',
	'export.writing': 'Записано строк: {rows} из {total}',
	'export.unmappable': 'Символов, которых нет в Windows-1251: {count} — они заменены на «?».',
	'export.done': 'Файл «{name}» сохранён.'
} as const;

export const csvEn: Record<keyof typeof csvRu, string> = {
	'import.button': 'Import CSV',
	'import.buttonShort': 'Import',
	'import.newButton': 'New list from CSV',
	'import.title': 'Import CSV',
	'import.titleNew': 'New list from CSV',
	'import.drop': 'Drop a CSV file here',
	'import.dropPage': 'Drop the file to import it into this list',
	'import.dropPageNew': 'Drop the file to make a new list of it',
	'import.dropMany': 'Only «{name}» was read; not read: {others}. Import them one at a time.',
	'import.choose': 'CSV file',
	'import.hint': 'Files saved from Excel work: CSV (semicolon), CSV UTF-8, Windows-1251.',
	'import.reading': 'Reading the file…',
	'import.decoding': 'Decoding…',
	'import.progress': 'Rows read: {rows}',
	'import.speed': 'rows a second: {speed}',
	'import.left': 'about {seconds} s left',
	'import.cancel': 'Cancel',
	'import.close': 'Close',
	'import.file': 'File',
	'import.rowsFound': 'rows: {count}',
	'import.encoding': 'Encoding',
	'import.encodingAuto': 'Automatic ({name})',
	'import.encodingUtf16le': 'UTF-16 LE (Excel “Unicode Text”)',
	'import.encodingUtf16be': 'UTF-16 BE',
	'import.encodingMixed':
		'The file is in two encodings: each line was read in its own (lines in UTF-8: {count}, the others {name}). Check them in the preview; if the letters are wrong, choose the encoding by hand.',
	'import.delimiter': 'Separator',
	'import.delimiterTab': 'tab',
	'import.headerYes': 'the first row holds the titles',
	'import.headerNo': 'no title row',
	'import.fileProblems': 'Problems in the file: {count} — they will be in the report.',
	'import.mapping': 'Columns',
	'import.csvColumn': 'File column',
	'import.example': 'Example',
	'import.target': 'Goes to',
	'import.type': 'Type',
	'import.newColumn': 'New column',
	'import.joinedWith': 'together with {titles}: the values are joined in one cell',
	'import.skipColumn': 'Do not import',
	'import.preview': 'The rows as they will be in the list',
	'import.previewMore': 'The first {shown} of {count}. Red: values that do not fit the column.',
	'import.previewBad': 'Red: values that do not fit the column.',
	'import.duplicates': 'Duplicates',
	'import.searching': 'Looking for duplicates…',
	'import.waitChecking': 'Checking the values and looking for duplicates…',
	'import.waitColumns': 'Choose where at least one column of the file goes.',
	'import.waitTitle': 'Enter the new list’s name.',
	'import.dupInFile': 'in the file: {count}',
	'import.dupInSheet': 'in this list: {count}',
	'import.dupAmbiguous': '(matching several residents: {count} — not written)',
	'import.dupDeleted': 'deleted from the list: {count} — not added',
	'import.addDeleted':
		'Add the residents deleted from the list too (rows: {count}) — e.g. when the list was emptied to load it again',
	'import.dupInOthers': 'in other lists: {count}',
	'import.othersNotReceived':
		'Lists not yet received from the server: {lists} — duplicates in them not searched yet. Waiting for the server: the counts will update by themselves.',
	'import.othersCopyOnly':
		'The server has not sent {lists} yet: duplicates in them were searched in this browser’s copy, which may lack rows. Waiting for the server: the counts will update by themselves.',
	'import.othersOffline':
		'No connection to the server: the other lists are checked against this browser’s copies only.',
	'import.uncheckedNotReceived':
		'Duplicates in {lists} were not searched: they had not been received from the server by the import.',
	'import.uncheckedCopyOnly':
		'Duplicates in {lists} were searched in this browser’s copy only (the server had not sent them yet): some may have been missed.',
	'import.uncheckedOffline':
		'There was no connection to the server: the other lists were checked against this browser’s copies only.',
	'import.policy.skip': 'Skip duplicates',
	'import.policy.update':
		'Fill in the rows found (empty cells, new phone numbers, text written on)',
	'import.policy.keep': 'Add every row',
	'import.replace': 'Replace what is written with the file’s values where the file differs',
	'import.updateNote':
		'Rows found: empty cells are filled and new numbers added; where the file has another value, the written one stays — such cells are listed in the report.',
	'import.updateNoteReplace':
		'Rows found: where the file has another value, it replaces the written one (before and after are in the report) if the cell was not changed in the list; what operators wrote (numbers, notes, corrections) stays, and such cells are in the report. Empty cells of the file erase nothing.',
	'import.unmatchedTitle': 'Values that are none of the column’s options',
	'import.unmatchedHint':
		'Choose which option a value of the file is, or add it as a new option. Values left as they are will be flagged red.',
	'import.unmatchedRows': '(rows: {count})',
	'import.unmatchedLabel': '“{value}” in the column “{column}”',
	'import.unmatchedKeep': 'keep as it is (flag it)',
	'import.unmatchedMore': 'Other values: {values} (rows: {rows}): kept as they are and flagged.',
	'import.unmatchedAdd': 'add the option “{value}”',
	'import.unmatchedAddAll': 'Add all values as options',
	'import.unmatchedKeepAll': 'Keep all as they are',
	'import.unmatchedOwn':
		'None of the file’s values is one of the column’s options: they are the file’s own, and will be added to the column. To flag them red instead, press “Keep all as they are”.',
	'import.unmatchedMoreAdded': 'Other values: {values} (rows: {rows}): added as options too.',
	'import.unmatchedMoreLimit':
		'Other values: {values} (rows: {rows}). A column holds at most {max} options, so only {added} of them will be added. The rarest values stay as they are and flagged: {left} (rows: {leftRows}).',
	'import.unmatchedLimit':
		'A column holds at most {max} options: the rarest values stay as they are and flagged: {left} (rows: {leftRows}).',
	'import.flaggedHint':
		'Values that do not fit their column: {count}. They are kept as they are and flagged.',
	'import.flaggedNotWritten':
		'Other values that do not fit: {count} — in repeats and cells the chosen option does not write.',
	'import.areaCode': 'Area code for local numbers',
	'import.localPhones':
		'Numbers without an area code (like 555-12-34): {count}. Give the code: it is added to them and kept in the column for numbers typed later.',
	'import.localPhonesDone': 'The area code {code} will be added to the file’s local numbers.',
	'import.localPhonesMismatch':
		'Numbers the code {code} does not fit: {count} (with the code a number has 10 digits). They are kept as they are and flagged.',
	'import.sheetTitle': 'List title',
	'import.submit': 'Import',
	'import.submitUpdate': 'Import (new: {added}, found in the list: {updated})',
	'import.applying': 'Writing into the list…',
	'import.writing': 'Rows written: {rows} of {total}',
	'import.done': 'Import finished',
	'import.savingBrowser':
		'Saving the import in the browser… Do not close the tab until this message changes.',
	'import.savingServer':
		'Saved in the browser, being sent to the server ({count} waiting). Colleagues see the import once it is sent.',
	'import.savingOffline':
		'Saved in the browser. No connection to the server: colleagues see the import when it is back.',
	'import.savingUnstored':
		'The browser could not save the import on this computer. Do not close the tab until the import has reached the server ({count} waiting).',
	'import.savedServer': 'The import is saved on the server: every operator sees it.',
	'import.imported': 'Rows added: {count}',
	'import.updated': 'Rows filled in: {count}',
	'import.replacedCount': 'Values replaced: {count}',
	'import.replacedRows': 'Rows where values were replaced: {count}',
	'import.replacedTitle': 'Values replaced: {count}',
	'import.replacedHint':
		'The file’s values took the place of those written. Check them; “Undo” (Ctrl+Z) in the list takes the whole import back.',
	'import.replacedShown': 'The first {shown}; all of them are in the report (CSV).',
	'import.replacedCell': 'was “{old}”, now “{value}”',
	'import.report.old': 'Was',
	'import.report.new': 'Now',
	'import.kind.replaced': 'Replaced',
	'import.keptInvalid':
		'the list has “{kept}”, left as it was: the file’s “{file}” does not fit the column',
	'import.keptEdited':
		'the list has “{kept}”, left as it was: the file has “{file}”, but this cell was already changed in the list (by an operator or an earlier import) — check it and change it by hand if needed',
	'import.keptRemoved':
		'not entered: “{file}” — this number was taken out of the cell in the list (by an operator or an earlier import); the list has “{kept}”',
	'import.keptRemovedEmpty':
		'not entered: “{file}” — this number was taken out of the cell in the list (by an operator or an earlier import); the cell is empty',
	'import.unchangedCount': 'Rows found in the list and left as they were: {count}',
	'import.lostCount': 'Values of skipped lines not written to the list: {count}',
	'import.keptCell': 'the list already has “{kept}”, left as it was; the file has “{file}”',
	'import.keptInFile':
		'not written: line {into} of the file already has “{kept}” for this resident; this line has “{file}”',
	'import.keptInvalidInFile':
		'not written: “{file}” does not fit the column; written from the file for this resident: “{kept}” (with the number of line {into})',
	'import.lostInSkipped':
		'not written: the line was skipped as a repeat of line {into}, which has “{kept}”; this line has “{file}” (enter it by hand or choose “Fill in the rows found”)',
	'import.lostInSkippedEmpty':
		'not written: the line was skipped as a repeat of line {into}, which has nothing here; this line has “{file}” (enter it by hand or choose “Fill in the rows found”)',
	'import.lostInSheet':
		'not written: the resident is already in the list, which has “{kept}” here; this line has “{file}” (enter it by hand, or choose “Fill in the rows found” with “Replace what is written with the file’s values”)',
	'import.lostInSheetPhones':
		'not written: the resident is already in the list, which has “{kept}” here; this line has “{file}” (enter it by hand, or choose “Fill in the rows found”: new numbers are added to those written)',
	'import.lostInSheetEmpty':
		'not written: the resident is already in the list, which has nothing here; this line has “{file}” (enter it by hand or choose “Fill in the rows found”)',
	'import.skippedCount': 'Duplicates skipped: {count}',
	'import.ambiguousCount':
		'Lines not written, matching several residents of the list: {count} (enter them by hand)',
	'import.deletedCount':
		'Residents deleted from the list, not added: {count} (to bring back: “Deleted rows”)',
	'import.deletedMeanwhile':
		'Line {line}: this resident was deleted from the list during the import — not filled in. If needed again, restore the row from “Deleted rows” and import the file again.',
	'import.mergedCount': 'Merged with other rows of the file: {count}',
	'import.flaggedCount': 'Values that do not fit: {count}',
	'import.changedCount': 'Values corrected by the import: {count}',
	'import.problems': 'Notes',
	'import.noProblems': 'No problems.',
	'import.problemsShown': 'The first {shown} notes; all of them are in the report.',
	'import.download': 'Download the report (CSV)',
	'import.reportUnmappable':
		'Characters Windows-1251 cannot hold in the report file: {count} — replaced with “?”.',
	'import.reportUnmappableLines':
		'Characters Windows-1251 cannot hold in the report file: {count} — replaced with “?” (lines of the file: {lines}).',
	'import.downloadUtf8': 'Download the report in UTF-8 (Excel), nothing replaced',
	'import.openSheet': 'Open the list',
	'import.failed': 'The file could not be imported: {message}',
	'import.cancelled': 'Import cancelled; the list is unchanged.',
	'import.cancelTooLate':
		'“Cancel” came too late: the rows were already added to the list. To take them out, press “Undo” (Ctrl+Z) in the list.',
	'import.discard': 'Close the import? What you chose for the columns and values will be lost.',
	'import.kindRemap':
		'The file’s columns will be matched to this kind’s columns anew; what you chose by hand will be lost. Go on?',
	'import.empty': 'The file has no data rows.',
	'import.notText.xlsx':
		'“{name}” is an Excel workbook (or another archive), not a CSV file. Open it in Excel, choose “File → Save as → CSV” and import the saved file.',
	'import.notText.xls':
		'“{name}” is an old-format Excel workbook (.xls), not a CSV file. Open it in Excel, choose “File → Save as → CSV” and import the saved file.',
	'import.notText.pdf':
		'“{name}” is a PDF document, not a CSV table: no list can be read from it. Ask the sender for an Excel or CSV file.',
	'import.notText.binary':
		'“{name}” is not a text file: it holds no table rows. Choose a CSV file (in Excel: “Save as → CSV”).',
	'import.tooBig':
		'The file “{name}” is too big: {size} MB. Import takes files of up to {max} MB (about 200,000 rows) — split it into parts and import them one after another.',
	'import.onlyTitles':
		'The file has one row, taken for the titles: there is nothing to import. If it is data, untick “the first row holds the titles”.',
	'import.mergedInto': 'Line {line}: the same resident as line {into}; merged.',
	'import.omitted': 'And {count} more',
	'import.report.line': 'Line',
	'import.absentCount': 'In the list but not in this file: {count}',
	'import.absentNote':
		'If the file is the whole list, these residents are no longer in it. Nothing was deleted: download them or tick them in the table to check.',
	'import.absentDownload': 'Download them (CSV)',
	'import.absentSelect': 'Tick them in the table',
	'import.absentName': ' — not in the file',
	'import.report.name': 'Resident',
	'import.report.kind': 'What',
	'import.report.column': 'Column',
	'import.report.value': 'Value',
	'import.report.reason': 'Reason',
	'import.kind.error': 'Error',
	'import.kind.warning': 'Warning',
	'import.kind.skipped': 'Skipped',
	'import.kind.merged': 'Merged',
	'import.kind.flagged': 'Does not fit',
	'import.kind.changed': 'Corrected',
	'import.kind.kept': 'Not replaced',
	'import.kind.lost': 'Not written',
	'import.kind.repeat': 'Repeat added',
	'import.repeatsCount': 'Repeats added (already in the list or in the file): {count}',
	'import.inOthersCount': 'Residents who are on other lists too: {count}',
	'import.kind.other-list': 'On another list',
	'import.kind.nameless': 'No name',
	'import.nameless': 'No name — added as a resident of its own, without a name.',
	'import.namelessAfter':
		'No name — a continuation of line {line}? Added as a resident of its own, without a name.',
	'import.namelessCount': 'Lines without a name added as residents of their own: {count}',
	'import.namelessHint':
		'Lines with values but no name: {count} ({lines}). Perhaps the name was a merged cell in Excel, and these continue the line above. Each becomes a resident of its own without a name.',
	'import.namelessNotAdded':
		'Other lines without a name: {count} — repeats the chosen option does not add as residents of their own.',
	'import.namelessLine': 'line {line} — a continuation of line {after}?',
	'import.namelessLineFirst': 'line {line}',
	'import.kind.total': 'Total',
	'import.kind.option': 'New option',
	'import.optionAdded': 'added to the column’s options',
	'import.optionsAddedCount': 'Options added to columns: {count}',
	'import.optionsAddedColumn': 'Options added to the column {column}: {values}',
	'import.optionsAddedMore': 'and {count} more',
	'import.kind.note': 'Note',
	'import.repeatInSheet': 'added although the resident is already in the list ({by})',
	'import.repeatInFile': 'added although it repeats line {line} ({by})',
	'import.inOtherLists': 'the resident is on the list {lists} too ({by})',
	'import.reportName': ' — import report',
	'export.button': 'Export CSV',
	'export.buttonShort': 'Export',
	'export.title': 'Export CSV',
	'export.scope': 'What to export',
	'export.viewSuffix': ' — as shown',
	'export.whole': 'The whole list (rows: {count})',
	'export.view': 'As shown now — filtered, sorted, without hidden columns (rows: {count})',
	'export.viewNoColumns':
		'Every column is hidden in this view: nothing to export. Show the columns you need or export the whole list.',
	'export.format': 'Format',
	'export.excel-ru': 'Excel: UTF-8 with BOM, “;” — recommended',
	'export.utf8-comma': 'UTF-8, “,” — Google Sheets, LibreOffice',
	'export.windows-1251': 'Windows-1251, “;” — old Excel, 1C',
	'export.download': 'Download',
	'export.writing': 'Rows written: {rows} of {total}',
	'export.unmappable': 'Characters Windows-1251 cannot hold: {count} — replaced with “?”.',
	'export.done': 'Saved “{name}”.'
};
