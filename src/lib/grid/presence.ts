/**
 * Colleagues' cells in the grid: each colleague on a cell gets a slot `shtab-peer-<n>`, a CSS
 * class set through `cellClassRules` (so AG Grid adds and removes it as it recycles cells), and
 * one generated style sheet gives each slot its colleague's colour and name. Names go into the
 * CSS as escaped strings, colours only when they are plain hex colours. The row a colleague is
 * on is marked too, at its number (`shtab-peer-row`, `shtab-peer-row-<n>` in the colour of the
 * first one there): the cell she is on may be scrolled out of sight, her row's number is not.
 */

export const PEER_SLOTS = 8;

export interface Peer {
	clientId: number;
	name: string;
	color: string;
	cell?: { rowId: string; colId: string } | null;
}

/** `"..."` for CSS `content`, every character outside letters, digits and space escaped. */
export function cssString(text: string): string {
	let out = '"';
	for (const ch of text) {
		out += /[\p{L}\p{N} ]/u.test(ch) ? ch : `\\${ch.codePointAt(0)?.toString(16)} `;
	}
	return out + '"';
}

export function safeColor(color: string): string {
	return /^#[0-9a-f]{3,8}$/i.test(color) ? color : '#888888';
}

export class PeerCells {
	/** `rowId:colId` → slot. */
	#slots = new Map<string, number>();
	/** Row id → the slot of the first colleague on it, and the names of those on it. */
	#rows = new Map<string, { slot: number; names: string[] }>();
	readonly #style: HTMLStyleElement;

	constructor(root: HTMLElement) {
		this.#style = document.createElement('style');
		root.append(this.#style);
	}

	slot(rowId: string, colId: string): number | undefined {
		return this.#slots.get(`${rowId}:${colId}`);
	}

	/** The slot of the row's mark at its number, if a colleague is on the row. */
	rowSlot(rowId: string): number | undefined {
		return this.#rows.get(rowId)?.slot;
	}

	/** The names of the colleagues on the row (none: empty). */
	rowNames(rowId: string): string[] {
		return this.#rows.get(rowId)?.names ?? [];
	}

	/** Sets the colleagues shown; returns the row ids whose cells must be refreshed. */
	update(peers: readonly Peer[]): Set<string> {
		const touched = new Set<string>();
		for (const key of this.#slots.keys()) touched.add(key.slice(0, key.lastIndexOf(':')));
		const slots = new Map<string, number>();
		const rows = new Map<string, { slot: number; names: string[] }>();
		const css: string[] = [];
		let n = 0;
		for (const peer of peers) {
			if (!peer.cell || n >= PEER_SLOTS) continue;
			const key = `${peer.cell.rowId}:${peer.cell.colId}`;
			const row = rows.get(peer.cell.rowId);
			if (row && !row.names.includes(peer.name)) row.names.push(peer.name);
			if (slots.has(key)) continue;
			slots.set(key, n);
			if (!row) rows.set(peer.cell.rowId, { slot: n, names: [peer.name] });
			touched.add(peer.cell.rowId);
			const color = safeColor(peer.color);
			css.push(
				// Also on the cell she is on, which AG Grid strips of shadows (.ag-cell:focus-visible).
				`.shtab-peer-${n},.ag-cell.shtab-peer-${n}:focus-visible{box-shadow:inset 0 0 0 2px ${color};}`,
				`.shtab-peer-${n}::after{content:${cssString(peer.name.slice(0, 40))};background:${color};}`,
				`.shtab-peer-row-${n}{box-shadow:inset 4px 0 0 ${color};}`
			);
			n++;
		}
		this.#slots = slots;
		this.#rows = rows;
		this.#style.textContent = css.join('\n');
		return touched;
	}

	destroy() {
		this.#style.remove();
	}
}
