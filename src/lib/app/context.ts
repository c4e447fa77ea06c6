/** What every page gets from the layout: the workspace doc, its model and its status. */
import { getContext, setContext } from 'svelte';
import type { DocConnection } from '$lib/sync/connection';
import type { ReactiveStatus, ReactiveWorkspace } from '$lib/sync/reactive.svelte';

export interface AppContext {
	connection: DocConnection;
	workspace: ReactiveWorkspace;
	status: ReactiveStatus;
}

const KEY = Symbol('app');

export function setAppContext(get: () => AppContext) {
	setContext(KEY, get);
}

export function getAppContext(): AppContext {
	const get = getContext<() => AppContext>(KEY);
	return get();
}
