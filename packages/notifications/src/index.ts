export * from './env';
export * from './mailer';
export * from './deliver';
