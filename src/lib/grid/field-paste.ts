/**
 * A paste into a text field of the grid: an open cell editor (text, long text, date, choice,
 * person) or a column's filter. Its invisible control characters are left out, as a block pasted
 * onto cells loses them (`parseTsv`) and the CSV import does (`withoutHidden`): a name copied from
 * a web page or a chat with a zero-width space inside, pasted while a cell was being edited, was
 * stored with it, and neither the search of an older client nor the duplicates check found her
 * (found in review).
 */
import { withoutHidden } from '../values/clean';

/** Input types that take typed text (a checkbox or a date picker takes no paste of ours). */
const TEXT_INPUTS = new Set(['text', 'search', 'tel', 'url', 'email', '']);

/**
 * Pastes the clipboard's text without its invisible control characters into the field the
 * paste goes to, as the browser would paste it (at the caret, over the selected text, one undo
 * step of the field's own, an `input` event). Returns whether it did: a paste with none of them,
 * or into anything else, is left to the browser.
 */
export function pasteIntoField(e: ClipboardEvent): boolean {
	const field = e.target;
	const isText =
		field instanceof HTMLTextAreaElement ||
		(field instanceof HTMLInputElement && TEXT_INPUTS.has(field.type));
	if (!isText || field.readOnly || field.disabled) return false;
	const text = e.clipboardData?.getData('text/plain') ?? '';
	const clean = withoutHidden(text);
	if (clean === text) return false;
	e.preventDefault();
	if (document.activeElement !== field) field.focus();
	// The browser's own insertion: the field's undo (Ctrl+Z) and its `input` event, as a paste.
	// (`execCommand` is kept by every browser for this; `setRangeText` is the way if it is not.)
	if (clean && !document.execCommand('insertText', false, clean)) {
		const start = field.selectionStart ?? field.value.length;
		const end = field.selectionEnd ?? start;
		field.setRangeText(clean, start, end, 'end');
		field.dispatchEvent(
			new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste', data: clean })
		);
	}
	return true;
}
