export { CalendarPage } from './components/calendar-page';
export { calendarSearch } from './lib/calendar-search';
