/**
 * The Python runtime shared by the pages below one layout (the lessons share one, so that going
 * to the next lesson does not load Python again).
 */
import { createContext } from 'svelte';
import type { RuntimeState } from './runtime.svelte';

const [getRuntime, setRuntime] = createContext<RuntimeState>();

/** The runtime a layout above shares. */
export const sharedRuntime: () => RuntimeState = getRuntime;
/** Shares a runtime with the pages below this component. */
export const shareRuntime: (runtime: RuntimeState) => RuntimeState = setRuntime;
