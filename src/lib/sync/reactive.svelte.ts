/** Bridges from the sync layer and the model into Svelte runes (createSubscriber). */
import { createSubscriber } from 'svelte/reactivity';
import type { Workspace } from '$lib/model/workspace';
import { cleanLabel } from '$lib/values/clean';
import type { DocConnection, SyncStatus } from './connection';
import { onDocsChange, pendingElsewhere } from './docs';

export class ReactiveStatus {
	readonly #connection: DocConnection;
	readonly #subscribe: () => void;
	readonly #everyList: boolean;

	/**
	 * `everyList`: the status of this doc with the changes of every other list this browser
	 * holds that the server has not confirmed (the list of sheets, where no other status is
	 * shown): not «saved» while any wait, and counted with this doc's.
	 */
	constructor(connection: DocConnection, options: { everyList?: boolean } = {}) {
		this.#connection = connection;
		this.#everyList = options.everyList ?? false;
		this.#subscribe = createSubscriber((update) => {
			const unsubscribe = connection.onStatus(update);
			if (!this.#everyList) return unsubscribe;
			const unwatch = onDocsChange(update);
			return () => {
				unsubscribe();
				unwatch();
			};
		});
	}

	get current(): SyncStatus {
		this.#subscribe();
		const status = this.#connection.status;
		if (!this.#everyList) return status;
		const others = pendingElsewhere(this.#connection.room);
		if (others === 0) return status;
		return {
			...status,
			pending: status.pending + others,
			state: status.state === 'saved' ? 'syncing' : status.state
		};
	}
}

export interface PresenceEntry {
	clientId: number;
	name: string;
	color: string;
	self: boolean;
	/** The operator's id (the same in each of their tabs), when their app sends it. */
	operatorId: string | null;
	/** The cell the colleague is on, if any. */
	cell?: { rowId: string; colId: string } | null;
	/**
	 * The row she is at work on (`grid/row-work.ts`: an editor open, or moved onto by her), null
	 * when none; undefined from an app that does not send it.
	 */
	work?: string | null;
}

export class ReactivePresence {
	readonly #connection: DocConnection;
	readonly #subscribe: () => void;

	constructor(connection: DocConnection) {
		this.#connection = connection;
		this.#subscribe = createSubscriber((update) => {
			const awareness = connection.awareness;
			awareness.on('change', update);
			return () => awareness.off('change', update);
		});
	}

	get current(): PresenceEntry[] {
		this.#subscribe();
		const awareness = this.#connection.awareness;
		const list: PresenceEntry[] = [];
		awareness.getStates().forEach((state, clientId) => {
			const user = state.user as { name?: unknown; color?: unknown; id?: unknown } | undefined;
			if (!user || typeof user.name !== 'string') return;
			list.push({
				clientId,
				name: cleanLabel(user.name).slice(0, 60),
				color: typeof user.color === 'string' ? user.color : '#888',
				self: clientId === awareness.clientID,
				operatorId: typeof user.id === 'string' ? user.id : null,
				cell: (state.cell as PresenceEntry['cell']) ?? null,
				work: typeof state.work === 'string' || state.work === null ? state.work : undefined
			});
		});
		return list.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
	}
}

export class ReactiveWorkspace {
	readonly model: Workspace;
	readonly #subscribe: () => void;

	constructor(model: Workspace) {
		this.model = model;
		this.#subscribe = createSubscriber((update) => model.observe(update));
	}

	get sheets() {
		this.#subscribe();
		return this.model.sheets();
	}

	get deletedSheets() {
		this.#subscribe();
		return this.model.deletedSheets();
	}

	sheet(id: string) {
		this.#subscribe();
		return this.model.sheet(id);
	}
}
