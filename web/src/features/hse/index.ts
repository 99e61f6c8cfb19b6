export { ActionsPage } from './components/actions-page';
export { EditIncidentPage } from './components/edit-incident-page';
export { IncidentDetailPage } from './components/incident-detail-page';
export { IncidentsPage } from './components/incidents-page';
export { ReportIncidentPage } from './components/report-incident-page';
export { actionSearch } from './lib/actions-search';
export { incidentSearch } from './lib/list-search';
