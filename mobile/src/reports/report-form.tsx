import { zodResolver } from '@hookform/resolvers/zod';
import * as Location from 'expo-location';
import { useState } from 'react';
import { Controller, useFieldArray, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Image, Pressable, ScrollView, Text, TextInput, View } from 'react-native';

import { Button, Chip, Field, styles } from '@/field/ui';
import type { Site } from '@/sync/mirror';
import type { LocalPhoto } from '@/sync/outbox';

import { capturePhoto } from './photos';
import {
  blankPerson,
  EMPLOYERS,
  INCIDENT_TYPES,
  type IncidentInput,
  incidentSchema,
  type IncidentValues,
  INJURY_CLASSES,
  MAX_PHOTOS,
  SEVERITIES,
} from './rules';

type Position = NonNullable<IncidentInput['coordinates']>;

/** The device's position with its accuracy, or null if refused. */
async function locate(): Promise<Position | null> {
  const permission = await Location.requestForegroundPermissionsAsync();
  if (!permission.granted) return null;
  const { coords } = await Location.getCurrentPositionAsync({
    accuracy: Location.Accuracy.High,
  });
  return { latitude: coords.latitude, longitude: coords.longitude, accuracy: coords.accuracy };
}

export type ReportFormProps = {
  defaultValues: IncidentInput;
  sites: Site[];
  /** Keeps the checked report: queued to send, or a draft kept on the device. */
  onSave: (values: IncidentValues, draft: boolean) => Promise<void>;
  /** Replaced in tests: the camera, the gallery and the GPS. */
  pickPhoto?: (source: 'camera' | 'gallery') => Promise<LocalPhoto | null>;
  locatePosition?: () => Promise<Position | null>;
};

/** The report form: the web's fields and rules, photos from the camera or the gallery. */
export function ReportForm({
  defaultValues,
  sites,
  onSave,
  pickPhoto = capturePhoto,
  locatePosition = locate,
}: ReportFormProps) {
  const { t } = useTranslation(['hse', 'field', 'translation']);
  const form = useForm<IncidentInput, unknown, IncidentValues>({
    resolver: zodResolver(incidentSchema),
    defaultValues,
  });
  const { errors, isSubmitting } = form.formState;
  const people = useFieldArray({ control: form.control, name: 'people' });
  const photos = useWatch({ control: form.control, name: 'photos' });
  const coordinates = useWatch({ control: form.control, name: 'coordinates' });
  const [notice, setNotice] = useState<string | null>(null);
  const [locating, setLocating] = useState(false);
  const message = (error?: { message?: string }) =>
    error?.message ? t(error.message as 'hse:errors.title_min') : undefined;

  const addPhoto = async (source: 'camera' | 'gallery') => {
    setNotice(null);
    if (form.getValues('photos').length >= MAX_PHOTOS) {
      setNotice(t('hse:form.photos_full'));
      return;
    }
    try {
      const photo = await pickPhoto(source);
      if (photo) form.setValue('photos', [...form.getValues('photos'), photo]);
    } catch {
      setNotice(t('field:report.photo_failed'));
    }
  };

  const addPosition = async () => {
    setLocating(true);
    setNotice(null);
    try {
      const position = await locatePosition();
      if (position) form.setValue('coordinates', position);
      else setNotice(t('field:report.gps_denied'));
    } catch {
      setNotice(t('hse:form.position_unavailable'));
    } finally {
      setLocating(false);
    }
  };

  const save = (draft: boolean) => form.handleSubmit((values) => onSave(values, draft));

  return (
    <ScrollView contentContainerStyle={styles.screen} keyboardShouldPersistTaps="handled">
      <Field label={t('hse:form.incident_title')} error={message(errors.title)}>
        <Controller
          control={form.control}
          name="title"
          render={({ field }) => (
            <TextInput
              accessibilityLabel={t('hse:form.incident_title')}
              style={styles.input}
              value={field.value}
              onChangeText={field.onChange}
              onBlur={field.onBlur}
              maxLength={200}
            />
          )}
        />
      </Field>
      <Field label={t('hse:form.severity')}>
        <Controller
          control={form.control}
          name="severity"
          render={({ field }) => (
            <View accessibilityRole="radiogroup" style={styles.chips}>
              {SEVERITIES.map((value) => (
                <Chip
                  key={value}
                  label={t(`hse:severity.${value}`)}
                  selected={field.value === value}
                  onPress={() => field.onChange(value)}
                />
              ))}
            </View>
          )}
        />
      </Field>
      <Field label={t('hse:form.type')}>
        <Controller
          control={form.control}
          name="incident_type"
          render={({ field }) => (
            <View accessibilityRole="radiogroup" style={styles.chips}>
              {INCIDENT_TYPES.map((value) => (
                <Chip
                  key={value}
                  label={t(`hse:types.${value}`)}
                  selected={field.value === value}
                  onPress={() => field.onChange(value)}
                />
              ))}
            </View>
          )}
        />
      </Field>
      <Field label={t('hse:form.site')}>
        <Controller
          control={form.control}
          name="site_id"
          render={({ field }) => (
            <View accessibilityRole="radiogroup" style={styles.chips}>
              <Chip
                label={t('field:report.site_none')}
                selected={field.value === ''}
                onPress={() => field.onChange('')}
              />
              {sites.map((site) => (
                <Chip
                  key={site.id}
                  label={site.name}
                  selected={field.value === site.id}
                  onPress={() => field.onChange(site.id)}
                />
              ))}
            </View>
          )}
        />
        {sites.length === 0 ? (
          <Text style={styles.muted}>{t('field:report.sites_empty')}</Text>
        ) : null}
      </Field>
      <Field label={t('hse:form.location')} error={message(errors.location)}>
        <Controller
          control={form.control}
          name="location"
          render={({ field }) => (
            <TextInput
              accessibilityLabel={t('hse:form.location')}
              placeholder={t('hse:form.location_hint')}
              // Wraps (the hint and a long place fit a phone's width); Enter ends the field.
              multiline
              submitBehavior="blurAndSubmit"
              style={styles.input}
              value={field.value}
              onChangeText={field.onChange}
              maxLength={200}
            />
          )}
        />
      </Field>
      <Field label={t('field:report.gps')}>
        {coordinates ? (
          <View style={styles.row}>
            <Text>
              {t('field:report.gps_accuracy', {
                latitude: coordinates.latitude.toFixed(5),
                longitude: coordinates.longitude.toFixed(5),
                accuracy: coordinates.accuracy === null ? '?' : Math.round(coordinates.accuracy),
              })}
            </Text>
            <Button
              kind="secondary"
              label={t('field:report.gps_clear')}
              onPress={() => form.setValue('coordinates', null)}
            />
          </View>
        ) : (
          <Button
            kind="secondary"
            label={locating ? t('field:report.gps_locating') : t('field:report.gps_use')}
            disabled={locating}
            onPress={() => void addPosition()}
          />
        )}
      </Field>
      <Field label={t('hse:form.incident_description')} error={message(errors.description)}>
        <Controller
          control={form.control}
          name="description"
          render={({ field }) => (
            <TextInput
              accessibilityLabel={t('hse:form.incident_description')}
              placeholder={t('hse:form.description_hint')}
              style={[styles.input, { minHeight: 100 }]}
              multiline
              value={field.value}
              onChangeText={field.onChange}
              maxLength={10000}
            />
          )}
        />
      </Field>
      <Field label={t('hse:form.who')} error={message(errors.people)}>
        {people.fields.map((person, index) => (
          <View key={person.id} style={styles.card}>
            <Controller
              control={form.control}
              name={`people.${index}.full_name`}
              render={({ field }) => (
                <TextInput
                  accessibilityLabel={`${t('hse:form.person_name')} ${index + 1}`}
                  placeholder={t('hse:form.person_name')}
                  style={styles.input}
                  value={field.value}
                  onChangeText={field.onChange}
                />
              )}
            />
            {message(errors.people?.[index]?.full_name) ? (
              <Text style={styles.error}>{message(errors.people?.[index]?.full_name)}</Text>
            ) : null}
            <Controller
              control={form.control}
              name={`people.${index}.employer`}
              render={({ field }) => (
                <View style={styles.chips}>
                  {EMPLOYERS.map((value) => (
                    <Chip
                      key={value}
                      label={t(`hse:employer.${value}`)}
                      selected={field.value === value}
                      onPress={() => field.onChange(value)}
                    />
                  ))}
                </View>
              )}
            />
            <Text style={styles.label}>{t('hse:form.person_injury')}</Text>
            <Controller
              control={form.control}
              name={`people.${index}.injury_class`}
              render={({ field }) => (
                <View style={styles.chips}>
                  <Chip
                    label={t('field:report.injury_none')}
                    selected={field.value === ''}
                    onPress={() => field.onChange('')}
                  />
                  {INJURY_CLASSES.map((value) => (
                    <Chip
                      key={value}
                      label={t(`hse:injury.${value}`)}
                      selected={field.value === value}
                      onPress={() => field.onChange(value)}
                    />
                  ))}
                </View>
              )}
            />
            <Button
              kind="secondary"
              label={t('hse:form.remove_person', { index: index + 1 })}
              onPress={() => people.remove(index)}
            />
          </View>
        ))}
        <Button
          kind="secondary"
          label={t('hse:form.add_person')}
          onPress={() => people.append(blankPerson())}
        />
      </Field>
      <Field label={t('hse:form.photos')} error={message(errors.photos) ?? notice ?? undefined}>
        <View style={styles.chips}>
          {photos.map((photo, index) => (
            <Pressable
              key={photo.uri}
              accessibilityRole="button"
              accessibilityLabel={t('field:report.photo_remove', { index: index + 1 })}
              onPress={() =>
                form.setValue(
                  'photos',
                  form.getValues('photos').filter((_, at) => at !== index),
                )
              }
            >
              <Image source={{ uri: photo.uri }} style={styles.thumb} />
            </Pressable>
          ))}
        </View>
        <View style={styles.row}>
          <Button
            kind="secondary"
            label={t('field:report.camera')}
            onPress={() => void addPhoto('camera')}
          />
          <Button
            kind="secondary"
            label={t('field:report.gallery')}
            onPress={() => void addPhoto('gallery')}
          />
        </View>
      </Field>
      <Button
        label={t('field:report.send')}
        disabled={isSubmitting}
        onPress={() => void save(false)()}
      />
      <Button
        kind="secondary"
        label={t('hse:form.save_draft')}
        disabled={isSubmitting}
        onPress={() => void save(true)()}
      />
    </ScrollView>
  );
}
