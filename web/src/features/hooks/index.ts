export { HookEditorPage } from './components/hook-editor-page';
export { HooksPage } from './components/hooks-page';
