/**
 * Giving the browser a turn between slices of long work, so that clicks and keys are handled
 * while a big run is read or indexed.
 */

interface SchedulerWithYield {
	yield(): Promise<void>;
}

/**
 * Resolves on a later task: `scheduler.yield()` where the browser has it (the work resumes
 * ahead of other scheduled tasks, after pending input); else a message to a channel, which,
 * unlike `setTimeout(0)`, is not held back to 4 ms once nested.
 */
export function yieldToPage(): Promise<void> {
	const scheduler = (globalThis as { scheduler?: Partial<SchedulerWithYield> }).scheduler;
	if (typeof scheduler?.yield === 'function') return scheduler.yield();
	return new Promise((resolve) => {
		const channel = new MessageChannel();
		channel.port1.onmessage = () => {
			channel.port1.close();
			resolve();
		};
		channel.port2.postMessage(null);
	});
}
