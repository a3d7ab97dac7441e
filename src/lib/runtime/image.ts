/**
 * The file name of the memory image the build serves beside Pyodide (scripts/python-image.js
 * makes it): Python with the recorder loaded, gzipped.
 */
export const IMAGE_FILE = 'recorder.snapshot.gz';
