import { useQueryClient } from '@tanstack/react-query';
import { MapPin } from 'lucide-react';
import { useId, useRef, useState } from 'react';
import type * as React from 'react';
import { useTranslation } from 'react-i18next';

import { Input } from '@/components/ui/input';
import { RemovableChip } from '@/components/ui/removable-chip';
import { useDebounced } from '@/hooks/use-debounced';
import { siteQueryKey, useActiveSiteSearch, useSite, type Site } from '@/lib/api/sites';
import { problemMessage } from '@/lib/forms/apply-problem';
import { cn } from '@/lib/utils';

import { SiteKindIcon } from './site-kind';

type SitePickerProps = {
  id: string;
  /** The chosen site's id, or `''`. */
  value: string;
  onChange: (siteId: string) => void;
  onBlur?: () => void;
  /** The accessible name when no visible label is tied to the input (filters). */
  label?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
};

/** The chosen site: its name (its short id once deleted or out of reach), and a way to remove it. */
function ChosenSite({
  siteId,
  onClear,
  buttonRef,
  ...control
}: {
  siteId: string;
  onClear: () => void;
  buttonRef: React.Ref<HTMLButtonElement>;
  id: string;
  'aria-describedby'?: string;
}) {
  const { t } = useTranslation('sites');
  const site = useSite(siteId);
  const name = site.data?.name ?? `${siteId.slice(0, 8)}…`;
  return (
    <RemovableChip
      {...control}
      icon={MapPin}
      title={site.isError ? t('picker.unknown') : siteId}
      removeLabel={t('picker.clear', { name })}
      onRemove={onClear}
      buttonRef={buttonRef}
    >
      {name}
      {site.data && !site.data.is_active ? (
        <span className="text-muted-foreground font-normal"> ({t('picker.inactive')})</span>
      ) : null}
    </RemovableChip>
  );
}

/**
 * One of the company's active sites, searched by name as you type (the first ones show
 * on focus: a company has few). A combobox: arrows move, Enter picks. Returns the site's
 * id; the record forms and the incident form share it.
 */
export function SitePicker({
  id,
  value,
  onChange,
  onBlur,
  label,
  'aria-invalid': invalid,
  'aria-describedby': describedBy,
}: SitePickerProps) {
  const { t } = useTranslation('sites');
  const queryClient = useQueryClient();
  const listId = useId();
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const q = useDebounced(search.trim(), 200);
  const found = useActiveSiteSearch(q, open);
  const options = found.data ?? [];
  // The list may have shrunk since the last arrow key.
  const current = Math.max(0, Math.min(active, options.length - 1));
  // Where focus goes after the input and the chip swap places (never lost to the page).
  const focusNext = useRef<'chip' | 'input' | null>(null);
  const focusIf = (target: 'chip' | 'input') => (element: HTMLElement | null) => {
    if (element && focusNext.current === target) {
      focusNext.current = null;
      element.focus();
    }
  };

  const pick = (site: Site) => {
    queryClient.setQueryData(siteQueryKey(site.id), site);
    focusNext.current = 'chip';
    setSearch('');
    setOpen(false);
    onChange(site.id);
  };

  if (value) {
    return (
      <ChosenSite
        id={id}
        aria-describedby={describedBy}
        siteId={value}
        buttonRef={focusIf('chip')}
        onClear={() => {
          focusNext.current = 'input';
          onChange('');
        }}
      />
    );
  }

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) setOpen(true);
      else if (options.length > 0) {
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((current + step + options.length) % options.length);
      }
    } else if (event.key === 'Enter' && open && options[current]) {
      // Picks instead of submitting the form around.
      event.preventDefault();
      pick(options[current]);
    } else if (event.key === 'Escape') {
      setOpen(false);
    }
  };

  const showList = open && found.isSuccess && options.length > 0;
  const optionId = (index: number) => `${listId}-${index}`;
  let status: string | null = null;
  if (open && found.isError) status = problemMessage(found.error);
  else if (open && found.isSuccess && options.length === 0) {
    status = q ? t('picker.no_match') : t('picker.none_yet');
  }

  return (
    // One column that never outgrows its cell, whatever the names' length.
    <div className="relative grid min-w-0 grid-cols-1 gap-1">
      <Input
        ref={focusIf('input')}
        id={id}
        type="search"
        role="combobox"
        aria-label={label}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList ? optionId(current) : undefined}
        autoComplete="off"
        placeholder={t('picker.placeholder')}
        value={search}
        onFocus={() => setOpen(true)}
        onBlur={() => {
          setOpen(false);
          onBlur?.();
        }}
        onChange={(event) => {
          setSearch(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label={label ?? t('picker.placeholder')}
        hidden={!showList}
        // Over what follows, rather than pushing it down while you type.
        className="bg-popover absolute top-full left-0 z-50 mt-1 grid max-h-80 w-full grid-cols-1 gap-0.5 overflow-y-auto rounded-md border p-1 shadow-md"
      >
        {(showList ? options : []).map((site, index) => (
          <li
            key={site.id}
            id={optionId(index)}
            role="option"
            aria-selected={index === current}
            className={cn(
              'flex cursor-pointer items-center gap-2 rounded-sm px-2 py-1.5 text-sm',
              index === current && 'bg-accent text-accent-foreground',
            )}
            // Keeps focus in the input, so a click picks like Enter does.
            onMouseDown={(event) => event.preventDefault()}
            onMouseEnter={() => setActive(index)}
            onClick={() => pick(site)}
          >
            <SiteKindIcon kind={site.kind} />
            <span className="truncate font-medium">{site.name}</span>
            {site.location ? (
              <span className="text-muted-foreground shrink-[3] truncate text-xs">
                {site.location}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      {status ? (
        <p role="status" className="text-muted-foreground text-xs">
          {status}
        </p>
      ) : null}
    </div>
  );
}
