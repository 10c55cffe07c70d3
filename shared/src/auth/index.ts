export { ROLES, hubClaimsSchema, type Role, type HubClaims } from './claims';
export {
  FORWARDED_CLAIMS_HEADER,
  generateKeyPair,
  signUserToken,
  verifyUserToken,
  signForwardedClaims,
  verifyForwardedClaims,
  type SignUserTokenOptions,
  type VerifyUserTokenOptions,
} from './tokens';
export { hasRole, requireRole, canActForOrganisation, canActForMunicipality } from './authorize';
export { authEnv } from './env';
