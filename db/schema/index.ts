export * from './auth';
export * from './customers';
export * from './views';
