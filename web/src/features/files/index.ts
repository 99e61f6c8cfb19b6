export { Attachments } from './components/attachments';
export { StoragePage } from './components/storage-page';
