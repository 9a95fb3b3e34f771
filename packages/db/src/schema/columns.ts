import { uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';

/** The workspace column every domain table starts with. */
export const workspaceId = () =>
  uuid()
    .notNull()
    .references(() => workspaces.id);

export const id = () => uuid().notNull().defaultRandom();
