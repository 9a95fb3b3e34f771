import { recordAudit } from '@bmb/db/audit';
import { updateRegionRules, type RegionRules } from '@bmb/db/queries';
import { checkAdmin, type PersonActor } from '@bmb/domain';
import { z } from 'zod';
import { defineCommand } from '../command';
import { done, invalid, refusal, type CommandResult, type Untrusted } from '../result';

/** Digits only: "1e1", "0x10" or "12.0" are not how a person writes a number. */
const wholeNumber = (min: number, max: number) =>
  z.union([z.number(), z.string().trim().regex(/^\d{1,3}$/).transform(Number)]).pipe(z.number().int().min(min).max(max));

const input = z
  .object({
    // Regions use 6–12 months.
    deactivateUnusedAfterMonths: wholeNumber(1, 60).optional(),
    trainingReminderDays: wholeNumber(1, 90).optional(),
  })
  .refine((r) => r.deactivateUnusedAfterMonths !== undefined || r.trainingReminderDays !== undefined);

const problemOf: Record<keyof RegionRules, 'region.months-invalid' | 'region.days-invalid'> = {
  deactivateUnusedAfterMonths: 'region.months-invalid',
  trainingReminderDays: 'region.days-invalid',
};

/**
 * The region's rules Länsservice sets: after how many months an unused
 * account is deactivated (Admin → Konton), after how many days untrained new
 * staff are reminded (Admin → Övningar). Audited with the values before.
 */
export const setRegionRules = defineCommand(
  'region.rules',
  {},
  async (deps, actor: PersonActor, raw: Untrusted<z.input<typeof input>>): Promise<CommandResult<Partial<RegionRules>>> => {
    const admin = checkAdmin(actor);
    if (!admin || actor.training) return refusal('forbidden', 'forbidden');
    const parsed = input.safeParse(raw);
    if (!parsed.success) {
      const field = (parsed.error.issues[0]?.path[0] ?? 'deactivateUnusedAfterMonths') as keyof RegionRules;
      const problem = problemOf[field] ?? 'region.months-invalid';
      return invalid({ [field]: [problem] }, problem);
    }
    const rules = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as Partial<RegionRules>;
    await deps.db.transaction(async (tx) => {
      const before = await updateRegionRules(tx, admin, rules);
      const changed = (Object.keys(rules) as (keyof RegionRules)[]).filter((k) => before[k] !== rules[k]);
      if (changed.length > 0)
        await recordAudit(tx, {
          workspaceId: admin.workspaceId,
          actorId: actor.prescriberId,
          action: 'region.rules.changed',
          entityType: 'workspace',
          entityId: admin.workspaceId,
          before: Object.fromEntries(changed.map((k) => [k, before[k]])),
          after: Object.fromEntries(changed.map((k) => [k, rules[k]])),
        });
    });
    return done(rules);
  },
);
