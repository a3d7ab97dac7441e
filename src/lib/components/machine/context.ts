/**
 * What every place of one machine shares: how tokens are named, their states, and one pair of
 * crossfade transitions, so that a token leaving one place arrives in another.
 */
import { createContext } from 'svelte';
import type { crossfade } from 'svelte/transition';
import type { TaskStatus } from '$lib/model';

type Crossfade = ReturnType<typeof crossfade>;

/** One machine's naming, token states and motion, read by its places. */
export interface MachineContext {
	/** A token's name as the machine shows it (asyncio's, or the call). */
	name(task: number): string;
	/** asyncio's name for a task (`Task-2`), where room is short. */
	shortName(task: number): string;
	/** A token's name with its call, for its tooltip. */
	fullName(task: number): string;
	/** The state of a task's token at the cursor. */
	stateOf(task: number): TaskStatus | undefined;
	/** A token's exit towards its next place. */
	readonly send: Crossfade[0];
	/** A token's entry from its last place. */
	readonly receive: Crossfade[1];
	/** The `animate:flip` parameters: no motion when the user asks for reduced motion. */
	move(): { duration: number };
}

const [getMachine, setMachine] = createContext<MachineContext>();

/** The machine this place belongs to. */
export const machineContext: () => MachineContext = getMachine;
/** Shares a machine's naming and motion with its places. */
export const shareMachine: (context: MachineContext) => MachineContext = setMachine;
