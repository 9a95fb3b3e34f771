/**
 * The use cases of BMB, one module each: `command(deps, actor, input)` →
 * the outcome as data, or a refusal with a stable code. The web's server
 * actions, the HTTP API and the import CLI all call these, and nothing else
 * changes BMB's data. docs/decisions/010-commands.md says what a command may
 * and may not do.
 */
export * from './result';
export * from './deps';
export { defineCommand, refusalText, type Command, type CommandName } from './command';
export { searchPatient } from './patients/search-patient';
export { lookUpPatient } from './patients/look-up-patient';
export { saveBmbDraft } from './bmb/save-draft';
export { sendBmb, type SendBmbInput } from './bmb/send-bmb';
export { discardBmbDraft } from './bmb/discard-draft';
export { answerBmb, type AnswerBmbInput, type BmbAnswered } from './bmb/answer-bmb';
export { requestUnlock } from './bmb/request-unlock';
export { unlockBmbs, type Unlocked } from './bmb/unlock-bmb';
export { answerUnlockRequest, type UnlockRequestAnswered } from './bmb/answer-unlock-request';
export { markMessageRead, type MessageRead } from './bmb/mark-message-read';
export { startTraining, type TrainingStarted } from './training/start-training';
export { continueTraining } from './training/continue-training';
export { leaveTraining } from './training/leave-training';
export {
  acknowledgeTrainingStep,
  followTraining,
  type TrainingStatus,
} from './training/follow-training';
export { reactivateAccount } from './accounts/reactivate-account';
export { setRegionRules } from './accounts/set-region-rules';
export { setTrainingRequired, type TrainingRequirementSet } from './training/set-training-required';
export { moveTrainingClock, TRAINING_CLOCK_STEP_SECONDS } from './training/move-training-clock';
export { missingTrainingFor, trainingRefusal, untrainedReceivers } from './training/requirement';
export type { SessionActor } from './training/session-actor';
export {
  updateContactDetails,
  type ContactDetails,
} from './contact-details/update-contact-details';
export { createWebhook, newWebhookSecret, type WebhookCreated } from './webhooks/create-webhook';
export { disableWebhook } from './webhooks/disable-webhook';
export { resendDelivery } from './webhooks/resend-delivery';
export { importMasterdata } from './integration/import-masterdata';
export {
  importMasterdataFiles,
  IMPORT_CHUNK_ROWS,
  type MasterdataFilesImported,
  type MasterdataFilesInput,
  type MasterdataFilesMode,
} from './integration/import-masterdata-files';
