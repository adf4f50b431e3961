export * from './auth';
export * from './customers';
