import { and, eq } from 'drizzle-orm';
import { articles, deliveryAddresses, loans, patients, payers, prescribers, units } from '../schema';

/**
 * How a loan meets what it refers to: always within its own workspace. Named
 * once, so that every query joins a loan the same way.
 */
export const loanArticle = and(eq(articles.workspaceId, loans.workspaceId), eq(articles.id, loans.articleId));
export const loanUnit = and(eq(units.workspaceId, loans.workspaceId), eq(units.id, loans.unitId));
export const loanPatient = and(eq(patients.workspaceId, loans.workspaceId), eq(patients.id, loans.patientId));
export const loanPrescriber = and(eq(prescribers.workspaceId, loans.workspaceId), eq(prescribers.id, loans.prescriberId));
export const loanPayer = and(eq(payers.workspaceId, loans.workspaceId), eq(payers.id, loans.payerId));
export const loanDeliveryAddress = and(
  eq(deliveryAddresses.workspaceId, loans.workspaceId),
  eq(deliveryAddresses.id, loans.deliveryAddressId),
);
