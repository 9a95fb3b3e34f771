export * from './notification-kinds';
export * from './notification-schedule';
export * from './notification-relevance';
export * from './notification-mail';
export * from './redact-patient-data';
