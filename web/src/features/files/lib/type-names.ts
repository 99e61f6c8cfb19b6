/** Short names of the media types people know by their extension. */
const TYPE_NAMES: Record<string, string> = {
  'application/msword': 'DOC',
  'application/vnd.ms-excel': 'XLS',
  'application/vnd.ms-powerpoint': 'PPT',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PPTX',
  'application/vnd.oasis.opendocument.text': 'ODT',
  'application/vnd.oasis.opendocument.spreadsheet': 'ODS',
  'application/vnd.oasis.opendocument.presentation': 'ODP',
  'text/plain': 'TXT',
};

/** `image/jpeg` → `JPEG`, for the rules line under the drop zone. */
export function typeNames(types: readonly string[]) {
  const names = types.map((type) => {
    const known = TYPE_NAMES[type];
    if (known) return known;
    const sub = (type.split('/').pop() ?? type).replace(/^(x-|vnd\.)/, '');
    return (sub.split('.').pop() ?? sub).toUpperCase();
  });
  return [...new Set(names)].join(', ');
}
