// Each lesson is its own prerendered page, /lessons/<slug>/, with its program and recorded run
// bundled in: the run is on screen before Python has loaded.
import { error } from '@sveltejs/kit';
import { LESSONS, loadLesson } from '$lib/lessons';
import type { EntryGenerator, PageLoad } from './$types';

export const entries: EntryGenerator = () => LESSONS.map(({ slug }) => ({ slug }));

export const load: PageLoad = async ({ params }) => {
	const loaded = await loadLesson(params.slug);
	if (!loaded) error(404, `There is no lesson called “${params.slug}”.`);
	return loaded;
};
