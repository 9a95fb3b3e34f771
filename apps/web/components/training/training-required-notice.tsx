import Link from 'next/link';
import { messageText } from '@bmb/domain';
import { TRAINING_NOTICE_ID } from './training-notice-id';

/**
 * Tells new staff, above the form and before anything can be filled in, that
 * they must train first (`message`: trainingRequiredMessage) and where, and
 * that the form below is shown only for reading (`aboveForm`).
 */
export function TrainingRequiredNotice({
  message,
  aboveForm = true,
}: {
  message: string | null;
  aboveForm?: boolean;
}) {
  if (!message) return null;
  return (
    <section
      id={TRAINING_NOTICE_ID}
      aria-labelledby={`${TRAINING_NOTICE_ID}-heading`}
      className="rounded border border-amber-400 bg-amber-50 p-4"
      data-testid="training-required"
    >
      <h2 id={`${TRAINING_NOTICE_ID}-heading`} className="font-semibold">
        Övning krävs först
      </h2>
      <p className="mt-1">
        {message}
        {aboveForm ? ` ${messageText('training.form-read-only')}` : null}{' '}
        <Link href="/ovningslage" className="font-medium text-brand-800 underline">
          Gå till Övningsläge
        </Link>
      </p>
    </section>
  );
}
