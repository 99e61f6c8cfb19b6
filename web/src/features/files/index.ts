export { Attachments } from './components/attachments';
export { StoragePage } from './components/storage-page';
export { attachmentLink } from './api/attachment-link';
export { type Attachment, useAttachments } from './api/get-attachments';
export { uploadFile } from './api/upload-file';
export { FileVisual } from './components/file-visual';
export { uploadFailure, type UploadFailure } from './lib/upload-error';
