/**
 * Keeps a popup editor's foot inside the grid: moves the popup holding `gui` up by as much as it
 * runs past the grid's foot. AG Grid keeps a popup inside only while it opens (it watches its
 * size for 200 ms): at the foot, a letter that matches nothing and then Backspace brought back
 * a list that ran below the window (found in review). Call it whenever the list is drawn.
 */
export function keepPopupInside(gui: HTMLElement): void {
	const popup = gui.closest<HTMLElement>('.ag-popup-editor');
	const bounds = popup?.offsetParent?.getBoundingClientRect();
	if (!popup || !bounds) return;
	const over = popup.getBoundingClientRect().bottom - bounds.bottom;
	const top = parseFloat(popup.style.top);
	if (over > 0 && Number.isFinite(top)) popup.style.top = `${Math.max(0, top - over)}px`;
}
