/**
 * The id of the new-staff notice (training-required-notice.tsx): a form shown
 * only for reading is described by it. A module of its own, so that the client
 * forms that point at it do not bring the notice's imports (the domain's
 * message catalogue, and zod with it) into the browser.
 */
export const TRAINING_NOTICE_ID = 'training-required';
