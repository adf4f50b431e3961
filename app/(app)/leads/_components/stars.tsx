/** Stars for a score out of five, with the number for screen readers. */
export function Stars({ score, label }: { score: number; label: string }) {
  return (
    <span>
      <span aria-hidden="true" className="tracking-wider">
        <span className="text-amber-500">{'★'.repeat(score)}</span>
        <span className="text-slate-300">{'★'.repeat(5 - score)}</span>
      </span>
      <span className="sr-only">{label}</span>
    </span>
  );
}
