export * from './enums';
export * from './workspaces';
export * from './prescribers';
export * from './devices';
export * from './bmbs';
export * from './logs';
export * from './auth';
export * from './unlock-requests';
