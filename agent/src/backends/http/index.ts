export { createHttpBackend, type HttpBackend, type HttpBackendOptions } from './http-backend.js';
export * from './errors.js';
