/**
 * The pages that show patients and may be opened from outside only after a
 * confirming click (ConfirmPatientView). A path is accepted only in these
 * shapes, so the confirmation is never an open redirect and never carries
 * anything but opaque ids and individ numbers.
 */
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const PATIENT_VIEW_PATHS = [
  new RegExp(`^/hjalpmedel/${UUID}$`),
  new RegExp(`^/hjalpmedel/${UUID}/bmb(\\?utkast=${UUID})?$`),
  new RegExp(`^/(skickade-bmb|kvittera-bmb)/${UUID}$`),
  /^\/(skickade-bmb|kvittera-bmb|admin\/lasta-bmb)$/,
  /^\/individkort\?individ=[0-9A-Za-z-]{1,20}$/,
];

export function isPatientViewPath(path: string): boolean {
  return PATIENT_VIEW_PATHS.some((p) => p.test(path));
}
