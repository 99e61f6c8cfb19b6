import { placeholderDiff, placeholders } from './placeholders';

describe('catalogue placeholders', () => {
  it('finds both styles, as written', () => {
    expect(
      placeholders('Incident critique #{incident_id}: {{ count }} de {title}, {not a name}'),
    ).toEqual([
      { name: 'incident_id', written: '{incident_id}' },
      { name: 'count', written: '{{ count }}' },
      { name: 'title', written: '{title}' },
    ]);
    expect(placeholders('Aucune')).toEqual([]);
    expect(placeholders('{site.name} {{count}}')).toEqual([
      { name: 'site.name', written: '{site.name}' },
      { name: 'count', written: '{{count}}' },
    ]);
  });

  it('says what an override lost or added', () => {
    expect(placeholderDiff('{{ count }} clés', '{{count}} keys')).toEqual({
      missing: [],
      extra: [],
    });
    expect(placeholderDiff('{{ count }} clés', 'Des clés').missing.map((p) => p.name)).toEqual([
      'count',
    ]);
    expect(placeholderDiff('Clés', 'Clés {n}').extra.map((p) => p.name)).toEqual(['n']);
  });
});
