/**
 * Has the browser save `href` as `name`: a same-origin path (a signed link, which needs
 * no bearer token) or a `blob:` URL of bytes already fetched with it.
 */
export function saveFile(href: string, name: string) {
  const anchor = document.createElement('a');
  anchor.href = href;
  anchor.download = name;
  anchor.rel = 'noopener';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
}

/** Has the browser save bytes held in memory (fetched with the token, or made here) as `name`. */
export function saveBlob(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  saveFile(url, name);
  // Some browsers read the URL after click() returns: free it a moment later.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
