/**
 * An export's name as the server makes it (`{code}-{version}-{YYYYMMDDTHHMMSSZ}.json`,
 * see `platform/modules/uninstall.rs`), read back for the list: which package, which
 * version, when. `null` for a name in another shape, which the list shows as it is.
 */
const EXPORT_NAME =
  /^([a-z][a-z0-9_]*)-(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.json$/;

export type ExportName = { code: string; version: string; exportedAt: string };

export function parseExportName(name: string): ExportName | null {
  const match = EXPORT_NAME.exec(name);
  if (!match) return null;
  const [, code, version, year, month, day, hour, minute, second] = match;
  return {
    code: code!,
    version: version!,
    exportedAt: `${year}-${month}-${day}T${hour}:${minute}:${second}Z`,
  };
}
