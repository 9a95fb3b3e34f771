import 'server-only';
import type { ReactNode } from 'react';
import { ConfirmPatientView } from './confirm-patient-view';
import { isSameOriginNavigation } from './navigation-origin';

/**
 * The first step of a page that shows patients: null when the request came
 * from BMB itself (go on: show and record), else the confirmation to show
 * instead, before anything of a patient is read.
 */
export async function confirmUnlessSameOrigin(path: string, what: string): Promise<ReactNode | null> {
  return (await isSameOriginNavigation()) ? null : <ConfirmPatientView path={path} what={what} />;
}
