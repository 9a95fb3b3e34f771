export * from './workspaces';
export * from './prescribers';
export * from './patients';
export * from './loans';
export * from './sessions';
export * from './clock';
export * from './bmbs';
