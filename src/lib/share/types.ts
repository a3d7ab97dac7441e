/** A message for the learner in the page's notice bar: a problem, or something worth knowing. */
export interface Notice {
	kind: 'error' | 'info';
	text: string;
}
