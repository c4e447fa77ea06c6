/**
 * Tab and Shift+Tab go round inside an open modal dialog. The browser's own <dialog> lets Tab past
 * its last control out to the page (`document.body`, in a browser its address bar), and the next
 * Tab comes back in at the top: found by walking every dialog with the keyboard alone, where the
 * focus vanished once each round and the operator's Enter then went nowhere.
 */

const TABBABLE = [
	'a[href]',
	'button:not(:disabled)',
	'input:not(:disabled):not([type="hidden"])',
	'select:not(:disabled)',
	'textarea:not(:disabled)',
	'summary',
	'[tabindex]:not([tabindex="-1"])'
].join(', ');

/**
 * Whether the control is drawn. `checkVisibility` is in Chromium 105, Firefox 106 and Safari 17.4;
 * an older browser (Safari on an old Mac) reads the boxes and the style instead of throwing at
 * each Tab in a dialog.
 */
function shown(el: HTMLElement): boolean {
	if (typeof el.checkVisibility === 'function')
		return el.checkVisibility({ visibilityProperty: true });
	return el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
}

/** The controls Tab stops at inside `root`, in order: shown ones, one radio of each group. */
export function tabStops(root: Element): HTMLElement[] {
	const all = [...root.querySelectorAll<HTMLElement>(TABBABLE)].filter(
		(el) =>
			el.tabIndex >= 0 &&
			!el.closest('[inert]') &&
			// Not shown (display: none, a closed <details>, visibility: hidden): no Tab stop.
			shown(el)
	);
	return all.filter((el) => {
		if (!(el instanceof HTMLInputElement) || el.type !== 'radio' || !el.name) return true;
		const group = all.filter(
			(other): other is HTMLInputElement =>
				other instanceof HTMLInputElement && other.type === 'radio' && other.name === el.name
		);
		const checked = group.find((radio) => radio.checked);
		return checked ? el === checked : el === group[0];
	});
}

/** A window keydown handler: keeps Tab inside the topmost open modal dialog. */
export function keepTabInDialog(event: KeyboardEvent): void {
	if (event.key !== 'Tab' || event.ctrlKey || event.altKey || event.metaKey) return;
	if (event.defaultPrevented) return;
	const dialogs = document.querySelectorAll('dialog:modal');
	const dialog = dialogs[dialogs.length - 1];
	if (!dialog) return;
	const stops = tabStops(dialog);
	if (stops.length === 0) return;
	const first = stops[0];
	const last = stops[stops.length - 1];
	const active = document.activeElement;
	const inside = !!active && active !== dialog && dialog.contains(active);
	let to: HTMLElement | null = null;
	if (!inside) to = event.shiftKey ? last : first;
	else if (!event.shiftKey && active === last) to = first;
	else if (event.shiftKey && active === first) to = last;
	if (!to) return;
	event.preventDefault();
	to.focus();
}
