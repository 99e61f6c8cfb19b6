import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { Schemas } from '@/lib/api/client';
import { postFile, type Upload } from '@/lib/api/upload';

import { refreshAfterModuleChange } from './refresh-module';

export type UpgradeReport = Schemas['UpgradeReport'];
export type TypeReport = Schemas['TypeReport'];
export type InvalidRecord = Schemas['InvalidRecord'];

export type UpgradeInput = Upload & { code: string; dryRun: boolean };

/**
 * Sends a package's new version (a ZIP) with real progress. A dry run only reports
 * what the upgrade would do to the records; otherwise it is applied.
 */
export function upgradePackage({ code, dryRun, ...upload }: UpgradeInput) {
  const query = new URLSearchParams({ dry_run: String(dryRun) });
  const path = `/api/v1/modules/packages/${encodeURIComponent(code)}/upgrade?${query}`;
  return postFile<UpgradeReport>(path, upload);
}

/** Upgrades a package for the platform; once applied, what it brings is asked again. */
export function useUpgradePackage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: upgradePackage,
    onSuccess: (report) =>
      report.dry_run ? undefined : refreshAfterModuleChange(queryClient, report.code),
  });
}
