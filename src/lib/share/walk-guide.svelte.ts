/**
 * Walking a class through a teacher's walkthrough of a run: which step the cursor is at, what
 * the guide reads there (the step's question first, when it has one, then its caption), and
 * Next / Back, which reveal an open question's caption before they move on. Everything is
 * derived from the player's cursor, so the step shown agrees with the player however it moved
 * (the slider, the timeline, the keys).
 */
import { SvelteSet } from 'svelte/reactivity';
import { activeStep, nextStep, previousStep } from '$lib/lessons/steps';
import type { Walkthrough } from './walkthrough-link';
import type { Player } from '$lib/player/player.svelte';

/** The guide of one walkthrough over one player. */
export class WalkGuide {
	readonly walkthrough: Walkthrough;
	#player: Player;
	// Steps whose question has been answered (their caption shown); kept when the class goes
	// back, so a question is asked once.
	#revealed = new SvelteSet<number>();
	readonly #cursors: readonly number[];

	readonly #active = $derived.by(() => activeStep(this.#cursors, this.#player.cursor));

	/** @param walkthrough its steps, in the run's order; @param player the run on screen. */
	constructor(walkthrough: Walkthrough, player: Player) {
		this.walkthrough = walkthrough;
		this.#player = player;
		this.#cursors = walkthrough.steps.map((step) => step.at);
	}

	/** Each step's event. */
	get cursors(): readonly number[] {
		return this.#cursors;
	}

	/** The step the cursor is at or past; -1 before the first. */
	get active(): number {
		return this.#active;
	}

	/** True while the active step's question waits for its answer. */
	get asking(): boolean {
		const step = this.walkthrough.steps[this.#active];
		return step?.prompt !== undefined && !this.#revealed.has(this.#active);
	}

	/** What each step reads now: the open question as a question, else the caption. */
	get texts(): { text: string }[] {
		return this.walkthrough.steps.map((step, n) => ({
			text:
				n === this.#active && this.asking && step.prompt !== undefined
					? `Think first: ${step.prompt}`
					: step.caption
		}));
	}

	/** The Next button's words. */
	get nextLabel(): string {
		return this.asking ? 'Show the answer' : 'Next step';
	}

	/** Can Next do anything (an open question, or a step after the cursor)? */
	get canForward(): boolean {
		return this.asking || nextStep(this.#cursors, this.#player.cursor) !== null;
	}

	/** Can Back do anything? */
	get canBack(): boolean {
		return previousStep(this.#cursors, this.#player.cursor) !== null;
	}

	/** Next: the open question's answer, else the next step. */
	forward(): void {
		if (this.asking) {
			this.#revealed.add(this.#active);
			return;
		}
		this.goTo(nextStep(this.#cursors, this.#player.cursor));
	}

	/** Back: to the start of the step the cursor is in, or the one before. */
	back(): void {
		this.goTo(previousStep(this.#cursors, this.#player.cursor));
	}

	/** Goes to a step's moment (nothing for null). */
	goTo(step: number | null): void {
		if (step === null || this.#cursors[step] === undefined) return;
		this.#player.pause();
		this.#player.seek(this.#cursors[step]);
	}
}
