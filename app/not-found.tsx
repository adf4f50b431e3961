import { RecordNotFound } from '@/components/ui/record-not-found';

export default function NotFound() {
  return (
    <main className="px-4">
      <RecordNotFound />
    </main>
  );
}
