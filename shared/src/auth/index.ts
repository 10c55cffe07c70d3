export { ROLES, hubClaimsSchema, type Role, type HubClaims } from './claims';
export {
  FORWARDED_CLAIMS_HEADER,
  generateKeyPair,
  generateGatewayKeyPair,
  signUserToken,
  verifySignedPayload,
  parsedKey,
  verifyUserToken,
  signForwardedClaims,
  verifyForwardedClaims,
  TOKEN_REFUSALS,
  type SignUserTokenOptions,
  type VerifyUserTokenOptions,
} from './tokens';
export { hasRole, requireRole, canActForOrganisation, canActForMunicipality } from './authorize';
export { gatewayPrivateKeyPem, gatewayPublicKeyPem, gatewayPublicKeyEnv, issuerPublicKeyPem } from './env';
export { SCOPES, INHERIT, EVERYONE, allow, fields, narrowedTo, gateMutations, type Scope, type Grant, type Refusal, type FieldPolicy, type SubgraphPolicy } from './policy';
