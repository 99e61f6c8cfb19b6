import { Upload } from 'lucide-react';
import { type ReactNode, useState } from 'react';

import { cn } from '@/lib/utils';

/**
 * A dashed area files are dropped on (the caller's button and hidden input inside choose
 * them too): it lights up while files are dragged over it, unless `disabled`, and gives
 * the dropped files to `onFiles`. `children` is told whether files are over it.
 */
export function DropZone({
  label,
  disabled,
  onFiles,
  className,
  children,
}: {
  label: string;
  disabled: boolean;
  onFiles: (files: File[]) => void;
  className?: string;
  children: (dragging: boolean) => ReactNode;
}) {
  const [dragging, setDragging] = useState(false);
  return (
    <div
      role="group"
      aria-label={label}
      onDragEnter={(event) => {
        event.preventDefault();
        if (!disabled) setDragging(true);
      }}
      onDragOver={(event) => {
        event.preventDefault();
        event.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        if (!disabled) onFiles([...event.dataTransfer.files]);
      }}
      className={cn(
        'flex flex-col items-center gap-2 rounded-lg border-2 border-dashed px-4 py-6 text-center transition-colors',
        dragging ? 'border-primary bg-primary/5' : 'border-input',
        className,
      )}
    >
      <Upload className="text-muted-foreground size-6" aria-hidden />
      {children(dragging)}
    </div>
  );
}
