/**
 * Colleagues' cells in the grid: each colleague on a cell gets a slot `shtab-peer-<n>`, a CSS
 * class set through `cellClassRules` (so AG Grid adds and removes it as it recycles cells), and
 * one generated style sheet gives each slot its colleague's colour and name. Names go into the
 * CSS as escaped strings, colours only when they are plain hex colours.
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
	readonly #style: HTMLStyleElement;

	constructor(root: HTMLElement) {
		this.#style = document.createElement('style');
		root.append(this.#style);
	}

	slot(rowId: string, colId: string): number | undefined {
		return this.#slots.get(`${rowId}:${colId}`);
	}

	/** Sets the colleagues shown; returns the row ids whose cells must be refreshed. */
	update(peers: readonly Peer[]): Set<string> {
		const touched = new Set<string>();
		for (const key of this.#slots.keys()) touched.add(key.slice(0, key.lastIndexOf(':')));
		const slots = new Map<string, number>();
		const css: string[] = [];
		let n = 0;
		for (const peer of peers) {
			if (!peer.cell || n >= PEER_SLOTS) continue;
			const key = `${peer.cell.rowId}:${peer.cell.colId}`;
			if (slots.has(key)) continue;
			slots.set(key, n);
			touched.add(peer.cell.rowId);
			const color = safeColor(peer.color);
			css.push(
				`.shtab-peer-${n}{box-shadow:inset 0 0 0 2px ${color};}`,
				`.shtab-peer-${n}::after{content:${cssString(peer.name.slice(0, 40))};background:${color};}`
			);
			n++;
		}
		this.#slots = slots;
		this.#style.textContent = css.join('\n');
		return touched;
	}

	destroy() {
		this.#style.remove();
	}
}
