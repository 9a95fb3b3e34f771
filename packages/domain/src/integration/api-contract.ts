import { z } from 'zod';
import { API_BMB_STATES } from './bmbs-query';
import { BMB_EVENT_TYPES } from './bmb-events';

/**
 * What the integration API answers, as zod schemas: the OpenAPI document is
 * generated from them (apps/web/lib/api/openapi.ts) together with the request
 * schemas the routes validate with, and the API's tests parse every answer
 * with them, so the published contract is the one the code keeps.
 */

const loanKeys = {
  sourceId: z
    .string()
    .nullable()
    .meta({
      description: 'The stock system’s own key of the loan (null for loans it never sent).',
    }),
  articleNo: z.string().meta({ example: '10156' }),
  individNo: z.string().nullable().meta({ example: '170098' }),
  quantity: z.number().int(),
};

export const eventLoanSchema = z
  .object({
    ...loanKeys,
    prescriber: z
      .string()
      .optional()
      .meta({ description: 'bmb.accepted: the new prescriber (username).' }),
    payer: z.string().optional().meta({ description: 'bmb.accepted: the new payer (code).' }),
    deliveryAddress: z
      .string()
      .optional()
      .meta({ description: 'bmb.accepted: the new delivery address (code).' }),
    personnummer: z
      .string()
      .optional()
      .meta({ description: 'bmb.accepted: the patient who now holds the device.' }),
  })
  .meta({ id: 'EventLoan' });

export const bmbEventSchema = z
  .object({
    id: z.string().meta({ description: 'Unique, immutable.' }),
    type: z.enum(BMB_EVENT_TYPES),
    occurredAt: z.iso.datetime(),
    data: z
      .object({
        bmbId: z.uuid(),
        sender: z.string(),
        receiver: z.string(),
        loans: z.array(eventLoanSchema).optional(),
        message: z
          .string()
          .nullable()
          .optional()
          .meta({ description: 'bmb.rejected: the receiver’s message.' }),
        reason: z
          .string()
          .nullable()
          .optional()
          .meta({
            description: 'bmb.unlocked: Länsservice’s reason; bmb.line-closed: `returned`.',
          }),
      })
      .meta({ id: 'BmbEventData' }),
  })
  .meta({ id: 'BmbEvent' });

export const eventsPageSchema = z
  .object({
    events: z.array(bmbEventSchema),
    next: z
      .string()
      .meta({
        description: 'The `after` to poll with next; the same cursor again when nothing was new.',
      }),
  })
  .meta({ id: 'EventsPage' });

export const apiBmbSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(API_BMB_STATES),
    sender: z.string(),
    receiver: z.string(),
    sentAt: z.iso.datetime(),
    deadline: z.iso
      .datetime()
      .meta({ description: 'Locked if not answered by then (7 days, Swedish time).' }),
    answeredAt: z.iso.datetime().nullable(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Bmb' });

export const bmbsPageSchema = z
  .object({
    bmbs: z.array(apiBmbSchema),
    next: z
      .string()
      .nullable()
      .meta({ description: 'The `after` of the next page; null on the last.' }),
  })
  .meta({ id: 'BmbsPage' });

export const apiBmbDetailSchema = apiBmbSchema
  .extend({
    message: z.string(),
    answerMessage: z.string().nullable(),
    fromPersonnummer: z.string(),
    toPersonnummer: z.string(),
    chosenPayer: z.string().nullable(),
    chosenDeliveryAddress: z.string().nullable(),
    loans: z.array(
      z.object({
        ...loanKeys,
        closed: z.boolean().meta({ description: 'The device went back to Länsservice.' }),
      }),
    ),
  })
  .meta({ id: 'BmbDetail' });

/** RFC 9457. */
export const problemSchema = z
  .object({
    type: z.string().meta({ example: 'urn:bmb:problem:invalid-batch' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z
      .array(
        z.object({
          entity: z.string(),
          index: z.number().int(),
          field: z.string(),
          code: z.string(),
          message: z.string(),
        }),
      )
      .optional()
      .meta({ description: 'A refused batch: every bad row.' }),
  })
  .meta({ id: 'Problem' });
