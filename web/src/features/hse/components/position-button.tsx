import { LocateFixed, X } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import type { Schemas } from '@/lib/api/client';

type Coordinates = Schemas['Coordinates'];

/** Degrees as a person reads them, to 5 decimals (about a metre). */
export const formatCoordinates = ({ latitude, longitude }: Coordinates) =>
  `${latitude.toFixed(5)}, ${longitude.toFixed(5)}`;

/**
 * The device's position for the report, on demand; a refusal or a failure is said in
 * words (the location text stays the way to say where).
 */
export function PositionButton({
  value,
  onChange,
}: {
  value: Coordinates | null;
  onChange: (coordinates: Coordinates | null) => void;
}) {
  const { t } = useTranslation('hse');
  const [locating, setLocating] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const locate = () => {
    setProblem(null);
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => {
        setLocating(false);
        onChange({ latitude: coords.latitude, longitude: coords.longitude });
      },
      (error) => {
        setLocating(false);
        setProblem(
          error.code === error.PERMISSION_DENIED
            ? t('form.position_denied')
            : t('form.position_unavailable'),
        );
      },
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };
  if (!('geolocation' in navigator)) return null;
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      {value ? (
        <>
          <span className="tabular-nums">
            {t('form.position', { coordinates: formatCoordinates(value) })}
          </span>
          <Button
            type="button"
            size="icon"
            variant="ghost"
            className="size-7"
            aria-label={t('form.clear_position')}
            onClick={() => onChange(null)}
          >
            <X aria-hidden />
          </Button>
        </>
      ) : (
        <Button type="button" variant="outline" size="sm" pending={locating} onClick={locate}>
          {locating ? null : <LocateFixed aria-hidden />}
          {locating ? t('form.locating') : t('form.use_position')}
        </Button>
      )}
      {problem ? (
        <p role="alert" className="text-destructive text-xs font-medium">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
