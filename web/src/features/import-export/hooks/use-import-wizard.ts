import { useState } from 'react';

import { useCancelTask } from '../api/cancel-task';
import { useCommitImport } from '../api/commit-import';
import { useTask } from '../api/get-task';
import { useStartPreview } from '../api/start-preview';
import type { ImportMode, ImportResult, Mapping } from '../api/types';
import { type UploadedFile, uploadImportFile } from '../api/upload-import-file';
import { remap } from '../lib/preview';
import { importResult, startedId } from '../lib/tasks';
import { useFileUpload } from '@/lib/api/use-file-upload';

export type WizardStep = 'choose' | 'preview' | 'commit' | 'report';
export const WIZARD_STEPS: WizardStep[] = ['choose', 'preview', 'commit', 'report'];

/** The preview on screen: the task that made it and what it read. */
export type ShownPreview = { taskId: string; result: ImportResult };

/**
 * The import wizard's flow for `resource`: the file sent (with progress), a preview task
 * (run again on each change of the mapping or the mode, the last one read staying on
 * screen meanwhile), then the commit task (cancellable) and its report. The step follows
 * from what exists: a commit → its progress, then its report once it is done or
 * cancelled; a file → its preview; else the choice.
 */
export function useImportWizard(resource: string | null) {
  const uploader = useFileUpload();
  const [uploadError, setUploadError] = useState<{ name: string; error: unknown } | null>(null);
  const [file, setFile] = useState<UploadedFile | null>(null);
  const [mode, setModeState] = useState<ImportMode>('create');
  const [validOnly, setValidOnly] = useState(false);
  const [previewId, setPreviewId] = useState<string | null>(null);
  const [shown, setShown] = useState<ShownPreview | null>(null);
  // The mapping last asked for, shown by the selects until its preview is read.
  const [asked, setAsked] = useState<Mapping | null>(null);
  const [commitId, setCommitId] = useState<string | null>(null);

  // Another resource (the address changed): what was read for the last one goes.
  const [forResource, setForResource] = useState(resource);
  if (resource !== forResource) {
    setForResource(resource);
    setUploadError(null);
    setFile(null);
    setPreviewId(null);
    setShown(null);
    setAsked(null);
    setCommitId(null);
  }

  const startPreview = useStartPreview();
  const commitImport = useCommitImport();
  const cancelTask = useCancelTask();
  const previewTask = useTask(previewId);
  const commitTask = useTask(commitId);

  // The last preview read stays on screen while the next one runs (the mapping editor
  // keeps its focus); it is replaced once the new one is done.
  const read = previewTask.data?.status === 'done' ? importResult(previewTask.data) : null;
  if (read && previewId && (shown?.taskId !== previewId || shown.result !== read)) {
    setShown({ taskId: previewId, result: read });
    setAsked(null);
  }

  const preview = (fileId: string, options: { mapping?: Mapping; mode: ImportMode }) => {
    if (!resource) return;
    startPreview.mutate(
      {
        file_id: fileId,
        resource,
        mode: options.mode,
        ...(options.mapping ? { mapping: options.mapping } : {}),
      },
      {
        onSuccess: (started) => setPreviewId(startedId(started)),
        onError: () => setAsked(null),
      },
    );
  };

  /** Sends `picked`, then asks for its preview with the mapping the server detects. */
  const chooseFile = async (picked: File) => {
    setUploadError(null);
    try {
      const uploaded = await uploader.send(picked, uploadImportFile);
      if (!uploaded) return;
      setFile(uploaded);
      preview(uploaded.id, { mode });
    } catch (error) {
      setUploadError({ name: picked.name, error });
    }
  };

  /** Column `column` feeds `field` (`null`: ignored): the preview runs again. */
  const changeMapping = (column: string, field: string | null) => {
    if (!file || !shown) return;
    const mapping = remap(asked ?? shown.result.mapping, column, field);
    setAsked(mapping);
    preview(file.id, { mapping, mode });
  };

  /** Create only, or create or update by key: the preview runs again (duplicates differ). */
  const setMode = (next: ImportMode) => {
    setModeState(next);
    if (file && shown) preview(file.id, { mapping: asked ?? shown.result.mapping, mode: next });
  };

  /** Writes what the preview on screen read, with its mapping. */
  const commit = () => {
    if (!shown) return;
    commitImport.mutate(
      {
        previewId: shown.taskId,
        body: { mode, valid_only: validOnly, mapping: shown.result.mapping },
      },
      { onSuccess: (started) => setCommitId(startedId(started)) },
    );
  };

  /** Back to the choice of a file, for the same resource (fix and re-import). */
  const restart = () => {
    uploader.cancel();
    setUploadError(null);
    setFile(null);
    setPreviewId(null);
    setShown(null);
    setAsked(null);
    setCommitId(null);
    startPreview.reset();
    commitImport.reset();
    cancelTask.reset();
  };

  /** From a failed commit back to its preview. */
  const backToPreview = () => {
    setCommitId(null);
    commitImport.reset();
    cancelTask.reset();
  };

  const commitState = commitTask.data;
  const step: WizardStep = commitId
    ? commitState?.status === 'done' || commitState?.status === 'cancelled'
      ? 'report'
      : 'commit'
    : file
      ? 'preview'
      : 'choose';

  return {
    step,
    upload: uploader.upload,
    cancelUpload: uploader.cancel,
    uploadError,
    chooseFile,
    file,
    previewStart: startPreview,
    previewId,
    previewTask,
    shown,
    /** What the mapping editor shows: the mapping asked for last, else the one read. */
    mapping: asked ?? shown?.result.mapping ?? null,
    changeMapping,
    mode,
    setMode,
    validOnly,
    setValidOnly,
    commit,
    commitStart: commitImport,
    commitTask,
    cancel: () => {
      if (commitId) cancelTask.mutate(commitId);
    },
    cancelling: cancelTask.isPending || cancelTask.isSuccess,
    cancelError: cancelTask.error,
    restart,
    backToPreview,
  };
}

export type ImportWizard = ReturnType<typeof useImportWizard>;
