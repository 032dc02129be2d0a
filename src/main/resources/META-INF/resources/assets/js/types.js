// The vocabularies of the API (README: "States use one vocabulary everywhere").

export const MEMORY_TYPES = ['decision', 'task', 'insight', 'contact', 'date', 'topic', 'sentiment'];

export const typeLabel = (type) => (type ? type.charAt(0).toUpperCase() + type.slice(1) : 'Unknown');

/** Job states that will not change any more. */
export const FINISHED_STATES = new Set(['completed', 'completed_with_errors', 'failed', 'cancelled']);

/** Extracted-memory statuses the user can still decide on. */
export const REVIEWABLE = new Set(['pending', 'duplicate']);

export const STAGE_LABELS = {
    queued: 'Queued',
    splitting: 'Splitting the text',
    extracting: 'Extracting memories',
    done: 'Done',
};
