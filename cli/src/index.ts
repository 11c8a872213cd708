export { buildProgram, main, type CommandContext, type GlobalOptions } from './program.js';
export { configDir, credentialsFile, readCredentials, type StoredCredentials } from './config.js';
