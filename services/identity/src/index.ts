export { createApp, DIRECTORY_FILE, SIGNING_KEYS_FILE, type IdentityService } from './app';
export { loadIdentityConfig, type IdentityConfig } from './config';
export { CLIENTS, GRAPH_SCOPE } from './provider';
