/**
 * Keeps a popup editor (the field and its list) inside the grid, its field over the cell it
 * edits: the list under the field where it fits above the grid's foot, else above the field
 * (`shtab-popup-above`), as a spreadsheet's drop-down opens upwards on the last rows. Call it
 * whenever the list is drawn: AG Grid keeps a popup inside only while it opens (it watches its
 * size for 200 ms), so at the foot a letter that matches nothing and then Backspace brought back
 * a list that ran below the window (found in review). And AG Grid keeps it inside by moving the
 * whole popup up: on the grid's last rows the field stood over a resident five rows above the one
 * edited, and stayed there when the list grew short again (found by exploration: the operator
 * picking «не дозвонились» for Житель 10 typed it over Житель 06's row).
 */
export function keepPopupInside(gui: HTMLElement, cell?: HTMLElement | null): void {
	const popup = gui.closest<HTMLElement>('.ag-popup-editor');
	const bounds = popup?.offsetParent?.getBoundingClientRect();
	if (!popup || !bounds) return;
	const top = parseFloat(popup.style.top);
	if (!Number.isFinite(top)) return;
	const box = popup.getBoundingClientRect();
	const at = cell?.isConnected ? cell.getBoundingClientRect() : null;
	let above = false;
	// Where the popup's top should be, in the window's coordinates.
	let to: number;
	if (at && at.height > 0) {
		above = at.top + box.height > bounds.bottom;
		to = above ? at.bottom - box.height : at.top;
	} else to = Math.min(box.top, bounds.bottom - box.height);
	to = Math.max(bounds.top, to);
	gui.classList.toggle('shtab-popup-above', above);
	if (Math.abs(to - box.top) >= 0.5) popup.style.top = `${top + (to - box.top)}px`;
}
