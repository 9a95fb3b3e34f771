import { bmbStatuses, LINE_CLOSED_REASONS } from '@bmb/domain';
import { pgEnum } from 'drizzle-orm/pg-core';

/** One production workspace; one private workspace per training run. */
export const workspaceKind = pgEnum('workspace_kind', ['production', 'training']);

export const prescriberRole = pgEnum('prescriber_role', ['prescriber', 'admin']);

/** Typ in the manual: H hjälpmedel, T tillbehör, R reservdel. */
export const articleKind = pgEnum('article_kind', ['H', 'T', 'R']);

/** Mirrors `BmbStatus` in packages/domain. */
export const bmbStatus = pgEnum('bmb_status', bmbStatuses);

/** Mirrors `LineClosedReason` in packages/domain. */
export const lineClosedReason = pgEnum('line_closed_reason', LINE_CLOSED_REASONS);
