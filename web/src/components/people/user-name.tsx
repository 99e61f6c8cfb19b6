import { useUserName } from '@/lib/api/users';

/** A person as others read them, by their id: their name, or a short id when out of reach. */
export function UserName({ id }: { id: string }) {
  const name = useUserName(id);
  return <span title={id}>{name.data ?? `${id.slice(0, 8)}…`}</span>;
}
