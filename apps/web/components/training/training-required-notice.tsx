import Link from 'next/link';
import { trainingRequiredMessage } from '@/lib/training/requirement';

/** Tells new staff why Verkställ will refuse them, and where to go instead. */
export function TrainingRequiredNotice({ missing, what }: { missing: string[]; what: 'skicka' | 'kvittera' }) {
  if (missing.length === 0) return null;
  return (
    <p className="rounded border border-amber-400 bg-amber-50 p-3" data-testid="training-required">
      {trainingRequiredMessage(missing, what)}{' '}
      <Link href="/ovningslage" className="font-medium text-brand-800 underline">
        Gå till Övningsläge
      </Link>
    </p>
  );
}
