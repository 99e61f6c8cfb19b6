export { ExportButton } from './components/export-button';
export { ImportLink } from './components/import-link';
export { ImportPage } from './components/import-page';
export { JobsPage } from './components/jobs-page';
export { importSearch } from './lib/import-search';
export { applyTaskEvent, type TaskEvent } from './lib/task-events';
