export { IncidentDetailPage } from './components/incident-detail-page';
export { IncidentsPage } from './components/incidents-page';
export { ReportIncidentPage } from './components/report-incident-page';
export { incidentSearch } from './lib/list-search';
