export { ModulesPage } from './components/modules-page';
export { RecordDetailPage } from './components/record-detail-page';
export { RecordListPage } from './components/record-list-page';
