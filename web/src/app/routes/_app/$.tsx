import { createFileRoute, notFound } from '@tanstack/react-router';

// Unknown paths of signed-in users: the 404 page inside the shell.
export const Route = createFileRoute('/_app/$')({
  beforeLoad: () => {
    throw notFound();
  },
});
