export { SequencesPage } from './components/sequences-page';
