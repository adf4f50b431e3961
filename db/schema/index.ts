export * from './auth';
export * from './customers';
export * from './views';
export * from './opportunities';
export * from './leads';
