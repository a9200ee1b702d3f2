import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ // The require scope
/******/ var __nccwpck_require__ = {};
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  o: () => (/* binding */ parseAllArgs),
  M: () => (/* binding */ parseEmulatorArgs)
});

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");
;// CONCATENATED MODULE: external "node:util"
const external_node_util_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");
;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: external "node:http"
const external_node_http_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");
;// CONCATENATED MODULE: external "node:https"
const external_node_https_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");
;// CONCATENATED MODULE: external "node:perf_hooks"
const external_node_perf_hooks_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");
;// CONCATENATED MODULE: ./node_modules/jose/dist/webapi/lib/buffer_utils.js
const encoder = new TextEncoder(), decoder = new TextDecoder(), buffer_utils_strictDecoder = new TextDecoder("utf-8", { fatal: !0 }), UINT32_RANGE = (/* unused pure expression or super */ null && (2 ** 32));
function concat(...buffers) {
  const size = buffers.reduce((acc, { length }) => acc + length, 0), buf = new Uint8Array(size);
  let i = 0;
  for (const buffer of buffers)
    buf.set(buffer, i), i += buffer.length;
  return buf;
}
function writeUInt32BE(buf, value, offset) {
  if (value < 0 || value >= UINT32_RANGE)
    throw new RangeError(`value must be >= 0 and <= ${UINT32_RANGE - 1}. Received ${value}`);
  buf.set([value >>> 24, value >>> 16, value >>> 8, value & 255], offset);
}
function uint64be(value) {
  const high = Math.floor(value / UINT32_RANGE), low = value % UINT32_RANGE, buf = new Uint8Array(8);
  return writeUInt32BE(buf, high, 0), writeUInt32BE(buf, low, 4), buf;
}
function uint32be(value) {
  const buf = new Uint8Array(4);
  return writeUInt32BE(buf, value), buf;
}
const NON_ASCII = /[^\x00-\x7f]/;
function buffer_utils_encode(string) {
  if (typeof string == "string" && string.length >= 128) {
    if (NON_ASCII.test(string))
      throw new TypeError("non-ASCII string encountered in encode()");
    return encoder.encode(string);
  }
  const bytes = new Uint8Array(string.length);
  for (let i = 0; i < string.length; i++) {
    const code = string.charCodeAt(i);
    if (code > 127)
      throw new TypeError("non-ASCII string encountered in encode()");
    bytes[i] = code;
  }
  return bytes;
}
function encodeBase64(input, url = !1) {
  if (Uint8Array.prototype.toBase64)
    return input.toBase64({ alphabet: url ? "base64url" : "base64", omitPadding: url });
  const CHUNK_SIZE = 32768, arr = [];
  for (let i = 0; i < input.length; i += CHUNK_SIZE)
    arr.push(String.fromCharCode.apply(null, input.subarray(i, i + CHUNK_SIZE)));
  const encoded = btoa(arr.join(""));
  return url ? encoded.replace(/=/g, "").replace(/\+/g, "-").replace(/\//g, "_") : encoded;
}
function decodeBase64(encoded, url = !1) {
  if (Uint8Array.fromBase64)
    return Uint8Array.fromBase64(encoded, { alphabet: url ? "base64url" : "base64" });
  if (url) {
    if (encoded.includes("+") || encoded.includes("/"))
      throw new TypeError("Invalid base64url");
    encoded = encoded.replace(/-/g, "+").replace(/_/g, "/");
  }
  const binary = atob(encoded), bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++)
    bytes[i] = binary.charCodeAt(i);
  return bytes;
}
async function digest(algorithm, data) {
  const subtleDigest = `SHA-${algorithm.slice(-3)}`;
  return new Uint8Array(await crypto.subtle.digest(subtleDigest, data));
}


;// CONCATENATED MODULE: ./node_modules/jose/dist/webapi/util/base64url.js

const invalid = "The input to be decoded is not correctly encoded.";
function base64url_decode(input) {
  try {
    return decodeBase64(typeof input == "string" ? input : decoder.decode(input), !0);
  } catch (cause) {
    throw new TypeError(invalid, { cause });
  }
}
function base64url_encode(input) {
  return encodeBase64(typeof input == "string" ? encoder.encode(input) : input, !0);
}


;// CONCATENATED MODULE: ./node_modules/jose/dist/webapi/util/errors.js
class JOSEError extends Error {
  static code = "ERR_JOSE_GENERIC";
  code = "ERR_JOSE_GENERIC";
  constructor(message, options) {
    super(message, options), this.name = this.constructor.name, Error.captureStackTrace?.(this, this.constructor);
  }
}
class errors_JWTClaimValidationFailed extends JOSEError {
  static code = "ERR_JWT_CLAIM_VALIDATION_FAILED";
  code = "ERR_JWT_CLAIM_VALIDATION_FAILED";
  claim;
  reason;
  payload;
  constructor(message, payload, claim = "unspecified", reason = "unspecified") {
    super(message, { cause: { claim, reason, payload } }), this.claim = claim, this.reason = reason, this.payload = payload;
  }
}
class errors_JWTExpired extends JOSEError {
  static code = "ERR_JWT_EXPIRED";
  code = "ERR_JWT_EXPIRED";
  claim;
  reason;
  payload;
  constructor(message, payload, claim = "unspecified", reason = "unspecified") {
    super(message, { cause: { claim, reason, payload } }), this.claim = claim, this.reason = reason, this.payload = payload;
  }
}
class JOSEAlgNotAllowed extends (/* unused pure expression or super */ null && (JOSEError)) {
  static code = (/* unused pure expression or super */ null && ("ERR_JOSE_ALG_NOT_ALLOWED"));
  code = "ERR_JOSE_ALG_NOT_ALLOWED";
}
class JOSENotSupported extends JOSEError {
  static code = "ERR_JOSE_NOT_SUPPORTED";
  code = "ERR_JOSE_NOT_SUPPORTED";
}
class JWEDecryptionFailed extends JOSEError {
  static code = "ERR_JWE_DECRYPTION_FAILED";
  code = "ERR_JWE_DECRYPTION_FAILED";
  constructor(message = "decryption operation failed", options) {
    super(message, options);
  }
}
class JWEInvalid extends (/* unused pure expression or super */ null && (JOSEError)) {
  static code = (/* unused pure expression or super */ null && ("ERR_JWE_INVALID"));
  code = "ERR_JWE_INVALID";
}
class JWSInvalid extends JOSEError {
  static code = "ERR_JWS_INVALID";
  code = "ERR_JWS_INVALID";
}
class errors_JWTInvalid extends JOSEError {
  static code = "ERR_JWT_INVALID";
  code = "ERR_JWT_INVALID";
}
class JWKInvalid extends (/* unused pure expression or super */ null && (JOSEError)) {
  static code = (/* unused pure expression or super */ null && ("ERR_JWK_INVALID"));
  code = "ERR_JWK_INVALID";
}
class JWKSInvalid extends (/* unused pure expression or super */ null && (JOSEError)) {
  static code = (/* unused pure expression or super */ null && ("ERR_JWKS_INVALID"));
  code = "ERR_JWKS_INVALID";
}
class JWKSNoMatchingKey extends JOSEError {
  static code = "ERR_JWKS_NO_MATCHING_KEY";
  code = "ERR_JWKS_NO_MATCHING_KEY";
  constructor(message = "no applicable key found in the JSON Web Key Set", options) {
    super(message, options);
  }
}
class JWKSMultipleMatchingKeys extends JOSEError {
  [Symbol.asyncIterator] = async function* () {
  };
  static code = "ERR_JWKS_MULTIPLE_MATCHING_KEYS";
  code = "ERR_JWKS_MULTIPLE_MATCHING_KEYS";
  constructor(message = "multiple matching keys found in the JSON Web Key Set", options) {
    super(message, options);
  }
}
class JWKSTimeout extends JOSEError {
  static code = "ERR_JWKS_TIMEOUT";
  code = "ERR_JWKS_TIMEOUT";
  constructor(message = "request timed out", options) {
    super(message, options);
  }
}
class JWSSignatureVerificationFailed extends JOSEError {
  static code = "ERR_JWS_SIGNATURE_VERIFICATION_FAILED";
  code = "ERR_JWS_SIGNATURE_VERIFICATION_FAILED";
  constructor(message = "signature verification failed", options) {
    super(message, options);
  }
}


;// CONCATENATED MODULE: ./node_modules/jose/dist/webapi/lib/key_descriptor.js
function table(entries) {
  const out = { __proto__: null };
  for (const alg in entries)
    out[alg] = { ...entries[alg], alg };
  return out;
}


;// CONCATENATED MODULE: ./node_modules/jose/dist/webapi/lib/jws_algorithms.js


const sig = [["verify"], ["sign"]];
function hmac(bits) {
  const subtle = { name: "HMAC", hash: `SHA-${bits}` };
  return { kty: ["oct"], secret: !0, subtle, signing: subtle, usages: sig };
}
function rsa(bits, saltLength) {
  const subtle = { name: saltLength ? "RSA-PSS" : "RSASSA-PKCS1-v1_5", hash: `SHA-${bits}` };
  return {
    kty: ["RSA"],
    subtle,
    signing: saltLength ? { ...subtle, saltLength } : subtle,
    usages: sig,
    minRsaBits: 2048
  };
}
function ecdsa(crv, bits) {
  return {
    kty: ["EC"],
    crv,
    subtle: { name: "ECDSA", namedCurve: crv },
    signing: { name: "ECDSA", hash: `SHA-${bits}` },
    usages: sig
  };
}
function eddsa() {
  const subtle = { name: "Ed25519" };
  return {
    kty: ["OKP"],
    crv: "Ed25519",
    subtle,
    signing: subtle,
    usages: sig
  };
}
function mldsa(parameterSet) {
  const subtle = { name: `ML-DSA-${parameterSet}` };
  return {
    kty: ["AKP"],
    subtle,
    signing: subtle,
    usages: sig
  };
}
const JWS = table({
  HS256: hmac(256),
  HS384: hmac(384),
  HS512: hmac(512),
  RS256: rsa(256),
  RS384: rsa(384),
  RS512: rsa(512),
  PS256: rsa(256, 32),
  PS384: rsa(384, 48),
  PS512: rsa(512, 64),
  ES256: ecdsa("P-256", 256),
  ES384: ecdsa("P-384", 384),
  ES512: ecdsa("P-521", 512),
  EdDSA: eddsa(),
  Ed25519: eddsa(),
  "ML-DSA-44": mldsa(44),
  "ML-DSA-65": mldsa(65),
  "ML-DSA-87": mldsa(87)
});
function jwsAlgorithm(alg) {
  const entry = typeof alg == "string" ? JWS[alg] : void 0;
  if (!entry)
    throw new JOSENotSupported(`alg ${alg} is not supported either by JOSE or your javascript runtime`);
  return entry;
}


;// CONCATENATED MODULE: ./node_modules/jose/dist/webapi/lib/validate.js



function assertUint8Array(input, label) {
  if (!(input instanceof Uint8Array))
    throw new TypeError(`${label} must be an instance of Uint8Array`);
}
function validate_isObject(input) {
  if (typeof input != "object" || input === null || Object.prototype.toString.call(input) !== "[object Object]")
    return !1;
  const prototype = Object.getPrototypeOf(input);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}
function isJwkSet(input) {
  return validate_isObject(input) && Array.isArray(input.keys) && Array.from(input.keys).every(validate_isObject);
}
function isDisjoint(...headers) {
  const parameters = /* @__PURE__ */ new Set();
  for (const header of headers)
    if (header)
      for (const parameter of Object.keys(header)) {
        if (parameters.has(parameter))
          return !1;
        parameters.add(parameter);
      }
  return !0;
}
function assertNotSet(value, name) {
  if (value !== void 0)
    throw new TypeError(`${name} can only be called once`);
}
function decodeBase64url(value, label, ErrorClass) {
  try {
    return decode(value);
  } catch (cause) {
    throw new ErrorClass(`Failed to base64url decode the ${label}`, { cause });
  }
}
function encodeAsciiMember(value, label, ErrorClass) {
  try {
    return encode(value);
  } catch (cause) {
    throw new ErrorClass(`The ${label} is not a valid base64url string`, { cause });
  }
}
function parseJoseHeader(encodedProtectedHeader, ErrorClass, message) {
  let parsed;
  try {
    parsed = JSON.parse(strictDecoder.decode(decode(encodedProtectedHeader)));
  } catch (cause) {
    throw new ErrorClass(message, { cause });
  }
  if (!validate_isObject(parsed))
    throw new ErrorClass(message);
  return parsed;
}
const JWS_RECOGNIZED = { __proto__: null, b64: !0 }, JWE_RECOGNIZED = { __proto__: null };
function validateAlgorithms(option, algorithms) {
  if (algorithms !== void 0 && (!Array.isArray(algorithms) || algorithms.some((s) => typeof s != "string")))
    throw new TypeError(`"${option}" option must be an array of strings`);
  return algorithms === void 0 ? void 0 : new Set(algorithms);
}
function validateCritDuplicates(Err, protectedHeader) {
  const { crit } = protectedHeader ?? {};
  if (Array.isArray(crit) && new Set(crit).size !== crit.length)
    throw new Err('"crit" (Critical) Header Parameter MUST NOT contain duplicate values');
}
function validateCrit(Err, recognizedDefault, recognizedOption, protectedHeader, joseHeader) {
  if (joseHeader.crit !== void 0 && protectedHeader?.crit === void 0)
    throw new Err('"crit" (Critical) Header Parameter MUST be integrity protected');
  if (!protectedHeader || protectedHeader.crit === void 0)
    return [];
  if (!Array.isArray(protectedHeader.crit) || protectedHeader.crit.length === 0 || protectedHeader.crit.some((input) => typeof input != "string" || input.length === 0))
    throw new Err('"crit" (Critical) Header Parameter MUST be an array of non-empty strings when present');
  const recognized = recognizedOption === void 0 ? recognizedDefault : { __proto__: null, ...recognizedOption, ...recognizedDefault };
  for (const parameter of protectedHeader.crit) {
    if (!(parameter in recognized))
      throw new JOSENotSupported(`Extension Header Parameter "${parameter}" is not recognized`);
    if (!Object.hasOwn(joseHeader, parameter) || joseHeader[parameter] === void 0)
      throw new Err(`Extension Header Parameter "${parameter}" is missing`);
    if (recognized[parameter] && (!Object.hasOwn(protectedHeader, parameter) || protectedHeader[parameter] === void 0))
      throw new Err(`Extension Header Parameter "${parameter}" MUST be integrity protected`);
  }
  return protectedHeader.crit;
}
function validateB64(protectedHeader, extensions) {
  if (extensions.includes("b64")) {
    const b64 = protectedHeader.b64;
    if (typeof b64 != "boolean")
      throw new JWSInvalid('The "b64" (base64url-encode payload) Header Parameter must be a boolean');
    return b64;
  }
  return !0;
}
function serializeJoseHeader(Err, header) {
  let serialized, parsed;
  try {
    serialized = JSON.stringify(header), parsed = JSON.parse(serialized);
  } catch (cause) {
    throw new Err("JOSE Header is not valid JSON", { cause });
  }
  if (!validate_isObject(parsed))
    throw new Err("JOSE Header is not a JSON object");
  return [parsed, serialized];
}


;// CONCATENATED MODULE: ./node_modules/jose/dist/webapi/lib/key.js



const tag = (key) => key[Symbol.toStringTag], jwkMatchesOp = (entry, key, usage) => {
  const { alg } = entry;
  if (key.use !== void 0) {
    const expected = usage === "sign" || usage === "verify" ? "sig" : "enc";
    if (key.use !== expected)
      throw new TypeError(`Invalid key for this operation, its "use" must be "${expected}" when present`);
  }
  if (key.kty === "AKP" && key.alg === void 0)
    throw new TypeError('missing "alg" (Algorithm) Parameter value');
  if (key.alg !== void 0 && key.alg !== alg)
    throw new TypeError(`Invalid key for this operation, its "alg" must be "${alg}" when present`);
  if (Array.isArray(key.key_ops)) {
    const expectedKeyOp = usage === "encrypt" || usage === "decrypt" ? entry.ops?.[usage === "encrypt" ? 0 : 1] : usage;
    if (expectedKeyOp && !key.key_ops.includes(expectedKeyOp))
      throw new TypeError(`Invalid key for this operation, its "key_ops" must include "${expectedKeyOp}" when present`);
  }
};
async function prepareKey(entry, key, usage) {
  const { alg, secret } = entry, requiresPrivateKey = usage === "decrypt" || usage === "sign";
  if (secret && key instanceof Uint8Array)
    return key;
  let normalized, keyObject;
  if (validate_isObject(key)) {
    if (normalized = normalizeJwk(key), typeof normalized.kty != "string")
      throw invalidKeyType(alg, key, secret);
    if (!(secret ? normalized.kty === "oct" && typeof normalized.k == "string" : normalized.kty !== "oct" && (requiresPrivateKey ? normalized.kty === "AKP" && typeof normalized.priv == "string" || typeof normalized.d == "string" : normalized.d === void 0 && normalized.priv === void 0)))
      throw new TypeError(secret ? 'JSON Web Key for symmetric algorithms must have JWK "kty" (Key Type) equal to "oct" and the JWK "k" (Key Value) present' : `JSON Web Key for this operation must be a ${requiresPrivateKey ? "private" : "public"} JWK`);
    if (jwkMatchesOp(entry, normalized, usage), normalized.kty === "oct")
      return base64url_decode(normalized.k);
    if (!Object.isFrozen(key)) {
      const { key_ops } = key;
      Array.isArray(key_ops) && Object.freeze(key_ops), Object.freeze(key);
    }
  } else {
    if (!isKeyLike(key))
      throw invalidKeyType(alg, key, secret);
    const expectedType = secret ? "secret" : requiresPrivateKey ? "private" : "public";
    if (key.type !== expectedType && (secret || ["secret", "public", "private"].includes(key.type)))
      throw new TypeError(`${tag(key)} instances must be of type "${expectedType}" for the ${alg} algorithm`);
    if (isCryptoKey(key))
      return key;
    if (keyObject = key, keyObject.type === "secret")
      return keyObject.export();
  }
  cache ||= /* @__PURE__ */ new WeakMap();
  const cacheKey = key;
  let cached = cache.get(cacheKey);
  if (cached?.[alg])
    return cached[alg];
  if (cached || cache.set(cacheKey, cached = {}), keyObject && typeof keyObject.toCryptoKey == "function") {
    const isPublic = keyObject.type === "public", crv = nist[keyObject.asymmetricKeyDetails?.namedCurve], params = entry.resolve?.({ crv, asymmetricKeyType: keyObject.asymmetricKeyType }) ?? entry.subtle;
    return cached[alg] = keyObject.toCryptoKey(params, isPublic, entry.usages[isPublic ? 0 : 1]);
  }
  return normalized ??= keyObject.export({ format: "jwk" }), normalized.alg = alg, cached[alg] = await jwkToKey(entry, normalized);
}
let cache;
const nist = {
  __proto__: null,
  prime256v1: "P-256",
  secp384r1: "P-384",
  secp521r1: "P-521"
};
function assertCryptoKey(key) {
  if (!isCryptoKey(key))
    throw new Error("CryptoKey instance expected");
}
const isCryptoKey = (key) => {
  if (key?.[Symbol.toStringTag] === "CryptoKey")
    return !0;
  try {
    return key instanceof CryptoKey;
  } catch {
    return !1;
  }
}, isKeyObject = (key) => key?.[Symbol.toStringTag] === "KeyObject", isKeyLike = (key) => isCryptoKey(key) || isKeyObject(key);
function message(msg, actual, ...types) {
  if (types.length > 2) {
    const last = types.pop();
    msg += `one of type ${types.join(", ")}, or ${last}.`;
  } else types.length === 2 ? msg += `one of type ${types[0]} or ${types[1]}.` : msg += `of type ${types[0]}.`;
  return actual == null ? msg += ` Received ${actual}` : typeof actual == "function" && actual.name ? msg += ` Received function ${actual.name}` : typeof actual == "object" && actual != null && actual.constructor?.name && (msg += ` Received an instance of ${actual.constructor.name}`), msg;
}
const invalidKeyInput = (actual, ...types) => message("Key must be ", actual, ...types);
function invalidKeyType(alg, actual, secret) {
  const types = ["CryptoKey", "KeyObject", "JSON Web Key"];
  return secret && types.push("Uint8Array"), new TypeError(message(`Key for the ${alg} algorithm must be `, actual, ...types));
}
const unusable = (name, prop = "algorithm.name") => new TypeError(`CryptoKey does not support this operation, its ${prop} must be ${name}`);
function checkUsage(key, usage) {
  if (usage && !key.usages.includes(usage))
    throw new TypeError(`CryptoKey does not support this operation, its usages must include ${usage}.`);
}
function checkModulusLength(alg, key) {
  const { modulusLength } = key.algorithm;
  if (typeof modulusLength != "number" || modulusLength < 2048)
    throw new TypeError(`${alg} requires key modulusLength to be 2048 bits or larger`);
}
function checkCryptoKey(key, expected, usage) {
  const algorithm = key.algorithm;
  if (algorithm.name !== expected.name)
    throw unusable(expected.name);
  if (expected.hash && algorithm.hash?.name !== expected.hash)
    throw unusable(expected.hash, "algorithm.hash");
  if (expected.namedCurve && algorithm.namedCurve !== expected.namedCurve)
    throw unusable(expected.namedCurve, "algorithm.namedCurve");
  if (expected.length !== void 0 && algorithm.length !== expected.length)
    throw unusable(expected.length, "algorithm.length");
  checkUsage(key, usage);
}
function snapshotJwk(jwk) {
  return { __proto__: null, ...jwk };
}
function normalizeJwk(jwk) {
  const normalized = snapshotJwk(jwk);
  if (normalized.ext !== void 0 && typeof normalized.ext != "boolean")
    throw new TypeError('"ext" (Extractable) Parameter must be a boolean');
  if (normalized.key_ops !== void 0) {
    const value = normalized.key_ops, keyOps = Array.isArray(value) ? [...value] : void 0;
    if (!keyOps || keyOps.some((operation) => typeof operation != "string") || new Set(keyOps).size !== keyOps.length)
      throw new TypeError('"key_ops" (Key Operations) Parameter must be an array of unique strings');
    normalized.key_ops = keyOps;
  }
  return normalized;
}
function validateExtractableOption(extractable) {
  if (extractable !== void 0 && typeof extractable != "boolean")
    throw new TypeError('"extractable" option must be a boolean');
  return extractable;
}
async function jwkToKey(entry, jwk, extractable) {
  if (!entry.kty.includes(jwk.kty))
    throw new JOSENotSupported('Invalid or unsupported JWK "alg" (Algorithm) Parameter value');
  const algorithm = entry.resolve?.({ kty: jwk.kty, crv: jwk.crv }) ?? entry.subtle, isPrivate = !!(jwk.d || jwk.priv), keyData = { ...jwk, ext: extractable ?? jwk.ext };
  return keyData.kty !== "AKP" && delete keyData.alg, delete keyData.use, crypto.subtle.importKey("jwk", keyData, algorithm, keyData.ext ?? !isPrivate, jwk.key_ops ?? entry.usages[isPrivate ? 1 : 0]);
}
async function rawKey(key, expected, usage, extractable = !1) {
  return key instanceof Uint8Array && (key = await crypto.subtle.importKey("raw", key, expected, extractable, [usage])), checkCryptoKey(key, expected, usage), key;
}


;// CONCATENATED MODULE: ./node_modules/jose/dist/webapi/lib/jws_sign.js






async function createSignature(input, key, rejectUnencoded) {
  let [payload, protectedHeader, unprotectedHeader, crit] = input, encodedProtectedHeader = "";
  if (protectedHeader !== void 0) {
    const normalized = serializeJoseHeader(JWSInvalid, protectedHeader);
    protectedHeader = normalized[0], encodedProtectedHeader = base64url_encode(normalized[1]);
  }
  if (unprotectedHeader !== void 0 && (unprotectedHeader = serializeJoseHeader(JWSInvalid, unprotectedHeader)[0]), !protectedHeader && !unprotectedHeader)
    throw new JWSInvalid("either setProtectedHeader or setUnprotectedHeader must be called before #sign()");
  if (!isDisjoint(protectedHeader, unprotectedHeader))
    throw new JWSInvalid("JWS Protected and JWS Unprotected Header Parameter names must be disjoint");
  const joseHeader = { ...protectedHeader, ...unprotectedHeader };
  validateCritDuplicates(JWSInvalid, protectedHeader);
  const b64 = validateB64(protectedHeader, validateCrit(JWSInvalid, JWS_RECOGNIZED, crit, protectedHeader, joseHeader));
  b64 || rejectUnencoded?.();
  const { alg } = joseHeader;
  if (typeof alg != "string" || !alg)
    throw new JWSInvalid('JWS "alg" (Algorithm) Header Parameter missing or invalid');
  const entry = jwsAlgorithm(alg);
  let encodedPayload = "", signingPayload = payload, signingInput;
  if (b64) {
    const encodedPayloadCache = input[4];
    encodedPayloadCache ? (encodedPayload = encodedPayloadCache[0] ??= base64url_encode(payload), signingPayload = encodedPayloadCache[1] ??= buffer_utils_encode(encodedPayload)) : (encodedPayload = base64url_encode(payload), signingInput = encoder.encode(`${encodedProtectedHeader}.${encodedPayload}`));
  }
  signingInput ??= concat(buffer_utils_encode(encodedProtectedHeader), buffer_utils_encode("."), signingPayload);
  const signingKey = await rawKey(await prepareKey(entry, key, "sign"), entry.subtle, "sign");
  entry.minRsaBits && checkModulusLength(entry.alg, signingKey);
  const jws = {
    signature: base64url_encode(new Uint8Array(await crypto.subtle.sign(entry.signing, signingKey, signingInput))),
    payload: encodedPayload
  };
  return protectedHeader && (jws.protected = encodedProtectedHeader), unprotectedHeader && (jws.header = unprotectedHeader), [jws, b64];
}
async function createCompactSignature(payload, protectedHeader, crit, key, rejectUnencoded) {
  const [jws] = await createSignature([payload, protectedHeader, void 0, crit], key, rejectUnencoded);
  return `${jws.protected}.${jws.payload}.${jws.signature}`;
}


;// CONCATENATED MODULE: ./node_modules/jose/dist/webapi/lib/jwt_claims_set.js



const epoch = (date) => Math.floor(date.getTime() / 1e3), multipliers = {
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
  w: 604800,
  y: 31557600
}, REGEX = /^(\+|\-)? ?(\d+|\d+\.\d+) ?(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)(?: (ago|from now))?$/i, checkFailed = "check_failed";
function invalidDuration() {
  throw new TypeError("Invalid time period format");
}
function secs(str) {
  typeof str != "string" && invalidDuration();
  const matched = REGEX.exec(str);
  (!matched || matched[4] && matched[1]) && invalidDuration();
  const value = parseFloat(matched[2]), durationSeconds = Math.round(value * multipliers[matched[3][0].toLowerCase()]);
  return Number.isFinite(durationSeconds) || invalidDuration(), matched[1] === "-" || matched[4]?.toLowerCase() === "ago" ? -durationSeconds : durationSeconds;
}
function validateInput(label, input) {
  if (!Number.isFinite(input))
    throw new TypeError(`Invalid ${label} input`);
  return input;
}
function validateStringClaim(claim, value) {
  if (typeof value != "string")
    throw new TypeError(`"${claim}" claim must be a string`);
}
function validateAudienceClaim(value) {
  if (typeof value != "string" && (!Array.isArray(value) || Array.from(value).some((member) => typeof member != "string")))
    throw new TypeError('"aud" claim must be a string or an array of strings');
}
function numericDate(value, label) {
  return typeof value == "number" ? validateInput(label, value) : value instanceof Date ? validateInput(label, epoch(value)) : epoch(/* @__PURE__ */ new Date()) + secs(value);
}
const normalizeTyp = (value) => {
  const normalized = value.toLowerCase();
  return value.includes("/") ? normalized : `application/${normalized}`;
}, checkAudiencePresence = (audPayload, audOption) => {
  if (typeof audOption == "string")
    audOption = [audOption];
  else if (!Array.isArray(audOption))
    return !1;
  return typeof audPayload == "string" ? audOption.includes(audPayload) : Array.isArray(audPayload) ? audOption.some((aud) => typeof aud == "string" && audPayload.includes(aud)) : !1;
};
function validateNumericDate(claimsSet, claim, required = !1) {
  const value = claimsSet[claim];
  if (!(value === void 0 && !required)) {
    if (typeof value != "number")
      throw new JWTClaimValidationFailed(`"${claim}" claim must be a number`, claimsSet, claim, "invalid");
    return value;
  }
}
function unexpectedClaim(claimsSet, claim) {
  throw new JWTClaimValidationFailed(`unexpected "${claim}" claim value`, claimsSet, claim, checkFailed);
}
function validateClaimsSet(protectedHeader, claimsSetBytes, options = {}) {
  let claimsSet;
  try {
    claimsSet = JSON.parse(strictDecoder.decode(claimsSetBytes));
  } catch (cause) {
    throw new JWTInvalid("JWT Claims Set must be a top-level JSON object", { cause });
  }
  if (!isObject(claimsSet))
    throw new JWTInvalid("JWT Claims Set must be a top-level JSON object");
  const { typ } = options;
  if (typ !== void 0 && (typeof protectedHeader.typ != "string" || normalizeTyp(protectedHeader.typ) !== normalizeTyp(typ)))
    throw new JWTClaimValidationFailed('unexpected "typ" JWT header value', claimsSet, "typ", checkFailed);
  const { requiredClaims = [], issuer, subject, audience, maxTokenAge } = options, presenceCheck = [...requiredClaims];
  maxTokenAge !== void 0 && presenceCheck.push("iat"), audience !== void 0 && presenceCheck.push("aud"), subject !== void 0 && presenceCheck.push("sub"), issuer !== void 0 && presenceCheck.push("iss");
  for (const claim of new Set(presenceCheck.reverse()))
    if (!Object.hasOwn(claimsSet, claim))
      throw new JWTClaimValidationFailed(`missing required "${claim}" claim`, claimsSet, claim, "missing");
  issuer !== void 0 && !(Array.isArray(issuer) ? issuer : [issuer]).includes(claimsSet.iss) && unexpectedClaim(claimsSet, "iss"), subject !== void 0 && claimsSet.sub !== subject && unexpectedClaim(claimsSet, "sub"), audience !== void 0 && !checkAudiencePresence(claimsSet.aud, audience) && unexpectedClaim(claimsSet, "aud");
  const { clockTolerance } = options;
  let tolerance = 0;
  if (typeof clockTolerance == "string")
    tolerance = secs(clockTolerance);
  else if (clockTolerance !== void 0) {
    if (typeof clockTolerance != "number")
      throw new TypeError("Invalid clockTolerance option type");
    tolerance = clockTolerance;
  }
  if (validateInput("clockTolerance option", tolerance), tolerance < 0)
    throw new TypeError("Invalid clockTolerance option input");
  const { currentDate } = options, now = validateInput("currentDate option", epoch(currentDate === void 0 ? /* @__PURE__ */ new Date() : currentDate)), iat = validateNumericDate(claimsSet, "iat", maxTokenAge !== void 0), nbf = validateNumericDate(claimsSet, "nbf");
  if (nbf !== void 0 && nbf > now + tolerance)
    throw new JWTClaimValidationFailed('"nbf" claim timestamp check failed', claimsSet, "nbf", checkFailed);
  const exp = validateNumericDate(claimsSet, "exp");
  if (exp !== void 0 && exp <= now - tolerance)
    throw new JWTExpired('"exp" claim timestamp check failed', claimsSet, "exp", checkFailed);
  if (maxTokenAge !== void 0) {
    const age = now - iat, max = validateInput("maxTokenAge option", typeof maxTokenAge == "number" ? maxTokenAge : secs(maxTokenAge));
    if (max < 0)
      throw new TypeError("Invalid maxTokenAge option input");
    if (age - tolerance > max)
      throw new JWTExpired('"iat" claim timestamp check failed (too far in the past)', claimsSet, "iat", checkFailed);
    if (age < -tolerance)
      throw new JWTClaimValidationFailed('"iat" claim timestamp check failed (it should be in the past)', claimsSet, "iat", checkFailed);
  }
  return claimsSet;
}
let producerClaimsSets;
function producerClaimsSet(producer) {
  return producerClaimsSets.get(producer);
}
function jwtClaimsSetBytes(producer) {
  const claimsSet = producerClaimsSet(producer);
  for (const claim of ["iat", "nbf", "exp"]) {
    const value = claimsSet[claim];
    if (typeof value == "number" && !Number.isFinite(value))
      throw new TypeError(`"${claim}" claim must be a finite number`);
  }
  return encoder.encode(JSON.stringify(claimsSet));
}
function jwtClaim(producer, claim) {
  return producerClaimsSet(producer)[claim];
}
class JWTClaimsBuilder {
  constructor(claimsSet = {}) {
    if (!validate_isObject(claimsSet))
      throw new TypeError("JWT Claims Set MUST be an object");
    (producerClaimsSets ||= /* @__PURE__ */ new WeakMap()).set(this, structuredClone(claimsSet));
  }
  setIssuer(value) {
    return validateStringClaim("iss", value), producerClaimsSet(this).iss = value, this;
  }
  setSubject(value) {
    return validateStringClaim("sub", value), producerClaimsSet(this).sub = value, this;
  }
  setAudience(value) {
    return validateAudienceClaim(value), producerClaimsSet(this).aud = value, this;
  }
  setJti(value) {
    return validateStringClaim("jti", value), producerClaimsSet(this).jti = value, this;
  }
  setNotBefore(value) {
    return producerClaimsSet(this).nbf = numericDate(value, "setNotBefore"), this;
  }
  setExpirationTime(value) {
    return producerClaimsSet(this).exp = numericDate(value, "setExpirationTime"), this;
  }
  setIssuedAt(value) {
    const claimsSet = producerClaimsSet(this);
    return value === void 0 ? claimsSet.iat = epoch(/* @__PURE__ */ new Date()) : typeof value == "string" ? claimsSet.iat = validateInput("setIssuedAt", epoch(/* @__PURE__ */ new Date()) + secs(value)) : claimsSet.iat = numericDate(value, "setIssuedAt"), this;
  }
}


;// CONCATENATED MODULE: ./node_modules/jose/dist/webapi/jwt/sign.js




const SignJWT_base = JWTClaimsBuilder;
class SignJWT extends SignJWT_base {
  #protectedHeader;
  setProtectedHeader(protectedHeader) {
    return assertNotSet(this.#protectedHeader, "setProtectedHeader"), this.#protectedHeader = protectedHeader, this;
  }
  async sign(key, options) {
    return createCompactSignature(jwtClaimsSetBytes(this), this.#protectedHeader, options?.crit, key, () => {
      throw new errors_JWTInvalid("JWTs MUST NOT use unencoded payload");
    });
  }
}


;// CONCATENATED MODULE: ./src/emulator/genesys.ts
// A loopback stand-in for Genesys Cloud's login and API hosts. It runs on its own clock
// (machine clock minus a chosen skew) so the check can be tested against known offsets,
// network asymmetry and the error answers the real service gives.





const DEFAULT_CLIENT = {
    id: 'demo-client',
    secret: 'demo-secret',
};
const DEFAULT_LIFETIME_SECONDS = 86399;
const RATE_LIMIT_ALLOWED = 300;
const RATE_LIMIT_WINDOW_MS = 60_000;
const ORGANIZATION = { id: 'a3f1c2d4-0000-4000-8000-00000000e301', name: 'Emulated Org' };
/** The emulator's wall clock in ms; skew is read per request so a change applies at once. */
function emulatorMs(options, machineMs) {
    return machineMs - (options.skewSeconds ?? 0) * 1000;
}
function delayMs(options, direction) {
    const latency = options.latencyMs ?? 0;
    const share = Math.min(1, Math.max(0, options.asymmetry ?? 0.5));
    const base = latency * (direction === 'inbound' ? share : 1 - share);
    return base + Math.random() * (options.jitterMs ?? 0);
}
function sleep(ms) {
    return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
function readBody(req) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        req.on('data', (chunk) => chunks.push(chunk));
        req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        req.on('error', reject);
    });
}
function oauthError(status, error, description) {
    return { status, body: { error, description, error_description: description } };
}
/** API errors carry the correlation id as contextId; it is filled in when sending. */
function apiError(status, code, message) {
    return { status, body: { message, code, status } };
}
/** Returns a 429 while the configured number of throttled requests is not used up. */
function throttle(state, host) {
    const plan = state.options.rateLimit;
    state.requestCount += 1;
    if (!plan || state.requestCount > plan.requests)
        return undefined;
    const headers = {};
    if (plan.retryAfterSeconds !== undefined) {
        headers['Retry-After'] = String(plan.retryAfterSeconds);
    }
    const message = 'Rate limit exceeded the maximum. Retry the request later.';
    if (host === 'login') {
        return { ...oauthError(429, 'too_many_requests', message), headers };
    }
    const code = plan.retryAfterSeconds !== undefined
        ? 'too.many.requests.retry.after'
        : 'too.many.requests';
    return { ...apiError(429, code, message), headers };
}
function parseBasic(header) {
    const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
    if (!match)
        return undefined;
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0)
        return undefined;
    return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}
async function issueToken(state, clientId, nowMs) {
    const { options } = state;
    const lifetime = options.tokenLifetimeSeconds ?? DEFAULT_LIFETIME_SECONDS;
    const token = options.tokenFormat === 'jwt'
        ? await signJwt(state, clientId, nowMs / 1000, lifetime)
        : (0,external_node_crypto_namespaceObject.randomBytes)(64).toString('base64url');
    state.tokens.set(token, {
        clientId,
        issuedMonotonicMs: external_node_perf_hooks_namespaceObject.performance.now(),
        expiresEmulatorMs: nowMs + lifetime * 1000,
        apiCalls: 0,
        revoked: false,
    });
    state.issuedTokens.push(token);
    return token;
}
async function signJwt(state, clientId, nowSeconds, lifetime) {
    const plan = state.options.jwtClaims ?? {};
    // Claims go straight into the payload so fractional values survive untouched.
    const claims = { sub: clientId, jti: (0,external_node_crypto_namespaceObject.randomUUID)() };
    const offsets = [
        ['iat', plan.iat === undefined ? 0 : plan.iat],
        ['nbf', plan.nbf ?? null],
        ['exp', plan.exp === undefined ? lifetime : plan.exp],
    ];
    for (const [name, offset] of offsets) {
        if (offset === null)
            continue;
        claims[name] = plan.wholeSeconds
            ? Math.floor(nowSeconds + offset)
            : nowSeconds + offset;
    }
    Object.assign(claims, state.options.jwtPayload);
    return new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .sign(state.jwtKey);
}
async function handleLogin(state, req, path, body, nowMs) {
    if (req.method !== 'POST' || path !== '/oauth/token') {
        return oauthError(404, 'not_found', 'The requested resource was not found.');
    }
    const contentType = (req.headers['content-type'] ?? '').toLowerCase();
    if (!contentType.startsWith('application/x-www-form-urlencoded')) {
        return oauthError(400, 'invalid_request', 'Expected a form-urlencoded body.');
    }
    const credentials = parseBasic(req.headers.authorization);
    const client = (state.options.clients ?? [DEFAULT_CLIENT]).find((c) => c.id === credentials?.id);
    if (!credentials || !client || client.secret !== credentials.secret) {
        return oauthError(401, 'invalid_client', 'Client authentication failed.');
    }
    const grantType = new URLSearchParams(body).get('grant_type');
    if (!grantType)
        return oauthError(400, 'invalid_request', 'Missing grant_type.');
    if (grantType !== 'client_credentials') {
        return oauthError(400, 'unsupported_grant_type', 'Unsupported grant type.');
    }
    if ((client.grant ?? 'client_credentials') !== 'client_credentials') {
        return oauthError(400, 'unauthorized_client', 'Client is not authorized for this grant.');
    }
    const lifetime = state.options.tokenLifetimeSeconds ?? DEFAULT_LIFETIME_SECONDS;
    const accessToken = await issueToken(state, client.id, nowMs);
    return {
        status: 200,
        body: { access_token: accessToken, token_type: 'bearer', expires_in: lifetime },
    };
}
/** Checks the bearer token; a reply means the call is refused. */
function authorize(state, req, nowMs) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!match) {
        return apiError(401, 'authentication.required', 'Authentication is required.');
    }
    const token = match[1];
    const record = state.tokens.get(token);
    if (!record)
        return apiError(401, 'bad.credentials', 'Invalid login credentials.');
    const expired = 'The supplied credentials are expired.';
    if (record.revoked || nowMs >= record.expiresEmulatorMs) {
        return apiError(401, 'credentials.expired', expired);
    }
    const { rejectAfterSeconds, rejectFirstApiCalls = 0 } = state.options;
    const ageMs = external_node_perf_hooks_namespaceObject.performance.now() - record.issuedMonotonicMs;
    if (rejectAfterSeconds !== undefined && ageMs >= rejectAfterSeconds * 1000) {
        return apiError(401, 'credentials.expired', expired);
    }
    record.apiCalls += 1;
    // Models a fresh token that has not reached every API node yet.
    if (record.apiCalls <= rejectFirstApiCalls) {
        return apiError(401, 'authentication.required', 'Authentication is required.');
    }
    return { token, record };
}
function formatCurrentDate(form, nowMs) {
    const iso = new Date(nowMs).toISOString();
    if (form === 'seconds')
        return iso.replace(/\.\d{3}Z$/, 'Z');
    if (form === 'offset') {
        return new Date(nowMs + 3_600_000).toISOString().replace(/Z$/, '+01:00');
    }
    return iso;
}
function handleApi(state, req, path, nowMs) {
    const method = req.method ?? 'GET';
    const dateRoute = path === '/api/v2/date' && method === 'GET';
    const tokensRoute = path === '/api/v2/tokens/me' && ['GET', 'HEAD', 'DELETE'].includes(method);
    const dateForm = state.options.dateEndpoint ?? 'milliseconds';
    if ((!dateRoute && !tokensRoute) || (dateRoute && dateForm === 'missing')) {
        return apiError(404, 'not.found', `The requested resource ${path} was not found.`);
    }
    const auth = authorize(state, req, nowMs);
    if ('status' in auth)
        return auth;
    if (dateRoute) {
        return { status: 200, body: { currentDate: formatCurrentDate(dateForm, nowMs) } };
    }
    if (method === 'DELETE') {
        auth.record.revoked = true;
        state.revokedTokens.push(auth.token);
        return { status: 204 };
    }
    return { status: 200, body: tokenInfo(auth.record.clientId) };
}
function tokenInfo(clientId) {
    return {
        organization: ORGANIZATION,
        homeOrganization: ORGANIZATION,
        authorizedScope: [],
        OAuthClient: { id: clientId, name: `Emulated client ${clientId}` },
    };
}
/** Per-minute counters shaped like the ones the real API sends. */
function rateLimitHeaders(state) {
    const now = Date.now();
    if (now - state.window.startedMs >= RATE_LIMIT_WINDOW_MS) {
        state.window = { startedMs: now, count: 0 };
    }
    state.window.count += 1;
    const resetSeconds = Math.ceil((state.window.startedMs + RATE_LIMIT_WINDOW_MS - now) / 1000);
    return {
        'inin-ratelimit-count': String(state.window.count),
        'inin-ratelimit-allowed': String(RATE_LIMIT_ALLOWED),
        'inin-ratelimit-reset': String(resetSeconds),
    };
}
async function serve(state, host, req, res) {
    const body = await readBody(req);
    await sleep(delayMs(state.options, 'inbound'));
    // The served moment: the Date header and /api/v2/date both come from this reading.
    const at = Date.now();
    const nowMs = emulatorMs(state.options, at);
    const path = new URL(req.url ?? '/', 'http://emulator').pathname;
    const fault = takeFault(state, host, req.method ?? '', path);
    // A fault that replaces the answer stops the request before it has any effect, so no
    // token is issued, counted or revoked by an answer the client never reads.
    const replaced = fault && REPLACING.includes(fault.kind);
    const reply = replaced
        ? { status: 200 }
        : (throttle(state, host) ??
            (host === 'login'
                ? await handleLogin(state, req, path, body, nowMs)
                : handleApi(state, req, path, nowMs)));
    const correlationId = (0,external_node_crypto_namespaceObject.randomUUID)();
    const headers = {
        'ININ-Correlation-Id': correlationId,
        ...(host === 'api' ? rateLimitHeaders(state) : {}),
        ...reply.headers,
    };
    if (state.options.dateHeader ?? true)
        headers['Date'] = new Date(nowMs).toUTCString();
    let payload;
    if (reply.body !== undefined) {
        const withContext = host === 'api' && reply.status >= 400
            ? { ...reply.body, contextId: correlationId }
            : reply.body;
        payload = JSON.stringify(withContext);
        headers['Content-Type'] = 'application/json';
        headers['Content-Length'] = String(Buffer.byteLength(payload));
    }
    let status = reply.status;
    if (fault)
        ({ status, payload } = spoil(fault, headers, status, payload));
    state.requests.push({ host, method: req.method ?? '', path, status, at });
    await sleep(delayMs(state.options, 'outbound'));
    res.sendDate = false;
    if (fault?.kind === 'stall')
        return; // the socket stays open until close()
    res.writeHead(status, headers);
    // HEAD keeps the headers GET would send: without a Content-Length, Node and undici
    // clients treat the answer as read-until-close and drop the kept-alive connection.
    const out = req.method === 'HEAD' ? undefined : payload;
    if (fault?.kind === 'reset' && out) {
        res.write(out.slice(0, Math.ceil(out.length / 2)));
        setTimeout(() => req.socket.destroy(), 20);
    }
    else if (fault?.kind === 'trickle' && out) {
        await trickle(res, out);
    }
    else {
        res.end(out);
    }
}
const REPLACING = [
    'status',
    'html',
    'invalid-json',
    'huge-body',
    'body',
    'stall',
];
function takeFault(state, host, method, path) {
    const fault = (state.options.faults ?? []).find((f) => (f.host === undefined || f.host === host) &&
        (f.method === undefined || f.method === method) &&
        (f.path === undefined || f.path === path) &&
        (f.times === undefined || f.times > 0));
    if (fault?.after) {
        fault.after -= 1;
        return undefined;
    }
    if (fault?.times !== undefined)
        fault.times -= 1;
    return fault;
}
/** Applies a fault to an answer about to be sent; returns its new status and body. */
function spoil(fault, headers, status, payload) {
    const replace = (nextStatus, body) => {
        headers['Content-Type'] = body.startsWith('<') ? 'text/html' : 'application/json';
        headers['Content-Length'] = String(Buffer.byteLength(body));
        return { status: nextStatus, payload: body };
    };
    Object.assign(headers, fault.headers);
    switch (fault.kind) {
        case 'status':
            return replace(fault.status ?? 500, fault.body ?? '');
        case 'body':
            return replace(fault.status ?? 200, fault.body ?? '');
        case 'html':
            return replace(fault.status ?? 502, '<html><body><h1>502 Bad Gateway</h1></body></html>');
        case 'invalid-json':
            return replace(fault.status ?? 200, '{"access_token": "abc", "expires_in": 86');
        case 'huge-body':
            return replace(fault.status ?? 200, `{"padding": "${'x'.repeat(4 * 1024 * 1024)}"}`);
        case 'no-date':
            delete headers['Date'];
            return { status, payload };
        case 'garbage-date':
            headers['Date'] = 'yesterday-ish';
            return { status, payload };
        default:
            return { status, payload };
    }
}
/** Sends a body one byte every 100 ms, stopping if the client goes away. */
async function trickle(res, body) {
    for (const byte of Buffer.from(body)) {
        if (res.destroyed)
            return;
        res.write(Buffer.from([byte]));
        await sleep(100);
    }
    res.end();
}
function startServer(state, host, port = 0) {
    const handler = (req, res) => {
        serve(state, host, req, res).catch(() => {
            if (!res.headersSent)
                res.writeHead(500);
            res.end();
        });
    };
    const tls = state.options.tls;
    const server = tls ? (0,external_node_https_namespaceObject.createServer)(tls, handler) : (0,external_node_http_namespaceObject.createServer)(handler);
    // Clients keep one connection open across the whole measurement.
    server.keepAliveTimeout = 30_000;
    return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => resolve(server));
    });
}
function urlOf(server, secure) {
    const { port } = server.address();
    return `${secure ? 'https' : 'http'}://127.0.0.1:${port}`;
}
function closeServer(server) {
    return new Promise((resolve) => {
        server.close(() => resolve());
        // Idle keep-alive sockets would otherwise hold close() open for the whole timeout.
        server.closeAllConnections();
    });
}
async function startEmulator(options = {}) {
    const state = {
        options: { ...options },
        requests: [],
        issuedTokens: [],
        revokedTokens: [],
        tokens: new Map(),
        jwtKey: (0,external_node_crypto_namespaceObject.randomBytes)(32),
        requestCount: 0,
        window: { startedMs: Date.now(), count: 0 },
    };
    const login = await startServer(state, 'login', options.ports?.login);
    const api = await startServer(state, 'api', options.ports?.api).catch(async (error) => {
        await closeServer(login);
        throw error;
    });
    return {
        loginUrl: urlOf(login, Boolean(options.tls)),
        apiUrl: urlOf(api, Boolean(options.tls)),
        requests: state.requests,
        issuedTokens: state.issuedTokens,
        revokedTokens: state.revokedTokens,
        get options() {
            return state.options;
        },
        set options(next) {
            state.options = next;
        },
        close: async () => {
            await Promise.all([closeServer(login), closeServer(api)]);
        },
    };
}

;// CONCATENATED MODULE: external "node:dgram"
const external_node_dgram_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dgram");
;// CONCATENATED MODULE: ./src/clock/sntp-packet.ts
const PACKET_BYTES = 48;
/** Seconds from the NTP era origin (1900-01-01) to the Unix epoch. */
const NTP_UNIX_OFFSET = 2_208_988_800;
const FRACTION = 2 ** 32;
const MODE_CLIENT = 3;
const MODE_SERVER = 4;
const VERSION = 4;
const LEAP_UNSYNCHRONISED = 3;
/** Writes a Unix time (s) as a 64-bit NTP timestamp at `at`. */
function writeTimestamp(buf, at, unixSeconds) {
    const ntp = unixSeconds + NTP_UNIX_OFFSET;
    let seconds = Math.floor(ntp);
    let fraction = Math.round((ntp - seconds) * FRACTION);
    if (fraction >= FRACTION) {
        seconds += 1;
        fraction = 0;
    }
    buf.writeUInt32BE(seconds >>> 0, at);
    buf.writeUInt32BE(fraction >>> 0, at + 4);
}
/**
 * Reads a 64-bit NTP timestamp as Unix seconds. Era 0 ends in 2036; a seconds field
 * below 2^31 is taken as era 1 (RFC 4330's rule), so the client keeps working past it.
 */
function readTimestamp(buf, at) {
    const seconds = buf.readUInt32BE(at);
    const fraction = buf.readUInt32BE(at + 4);
    if (seconds === 0 && fraction === 0)
        return 0;
    const era = seconds < 0x8000_0000 ? 2 ** 32 : 0;
    return seconds + era - NTP_UNIX_OFFSET + fraction / FRACTION;
}
/** A client request: mode 3, version 4, with our transmit time for the server to echo. */
function encodeRequest(transmitUnixSeconds) {
    const buf = Buffer.alloc(PACKET_BYTES);
    buf[0] = (0 << 6) | (VERSION << 3) | MODE_CLIENT;
    writeTimestamp(buf, 40, transmitUnixSeconds);
    return buf;
}
/** Builds any packet; the emulator uses it for replies, good and bad. */
function encodePacket(p) {
    const buf = Buffer.alloc(PACKET_BYTES);
    buf[0] = ((p.leap & 3) << 6) | ((p.version & 7) << 3) | (p.mode & 7);
    buf[1] = p.stratum & 0xff;
    buf.writeInt8(p.poll, 2);
    buf.writeInt8(p.precision, 3);
    buf.write(p.referenceId.padEnd(4, '\0').slice(0, 4), 12, 'latin1');
    if (p.reference)
        writeTimestamp(buf, 16, p.reference);
    if (p.originBytes)
        p.originBytes.copy(buf, 24);
    else if (p.origin)
        writeTimestamp(buf, 24, p.origin);
    if (p.receive)
        writeTimestamp(buf, 32, p.receive);
    if (p.transmit)
        writeTimestamp(buf, 40, p.transmit);
    return buf;
}
function decodePacket(buf) {
    if (buf.length < PACKET_BYTES)
        return undefined;
    const stratum = buf[1];
    const idBytes = buf.subarray(12, 16);
    // Stratum 0 and 1 carry ASCII; higher strata carry an IPv4 address (or a hash for IPv6).
    const referenceId = stratum <= 1
        ? idBytes.toString('latin1').replace(/\0+$/, '')
        : Array.from(idBytes).join('.');
    return {
        leap: buf[0] >> 6,
        version: (buf[0] >> 3) & 7,
        mode: buf[0] & 7,
        stratum,
        poll: buf.readInt8(2),
        precision: buf.readInt8(3),
        referenceId,
        reference: readTimestamp(buf, 16),
        origin: readTimestamp(buf, 24),
        receive: readTimestamp(buf, 32),
        transmit: readTimestamp(buf, 40),
        originBytes: Buffer.from(buf.subarray(24, 32)),
        transmitBytes: Buffer.from(buf.subarray(40, 48)),
    };
}
/**
 * Checks a reply before any of its times are trusted. Returns why it is unusable, or
 * undefined when it is a proper answer to the request whose transmit bytes are `sent`.
 */
function checkReply(p, sent) {
    if (p.mode !== MODE_SERVER)
        return { kind: 'invalid', reason: `mode ${p.mode}, not a server reply (4)` };
    // A stranger's reply, or a replay: it answers some other request.
    if (!p.originBytes.equals(sent))
        return { kind: 'invalid', reason: 'origin timestamp does not echo the request' };
    if (p.stratum === 0) {
        const code = /^[A-Z]{1,4}$/.test(p.referenceId) ? p.referenceId : '????';
        return { kind: 'kiss', code, reason: `kiss-of-death ${code}` };
    }
    if (p.stratum > 15)
        return { kind: 'invalid', reason: `stratum ${p.stratum}` };
    if (p.leap === LEAP_UNSYNCHRONISED)
        return { kind: 'invalid', reason: 'the server says its clock is unsynchronised' };
    if (p.version < 1 || p.version > 4)
        return { kind: 'invalid', reason: `version ${p.version}` };
    if (p.transmit === 0)
        return { kind: 'invalid', reason: 'zero transmit timestamp' };
    if (p.receive === 0)
        return { kind: 'invalid', reason: 'zero receive timestamp' };
    if (p.transmit < p.receive)
        return { kind: 'invalid', reason: 'transmit timestamp before receive timestamp' };
    return undefined;
}
/**
 * NTP's offset θ = ((t2 − t1) + (t3 − t4)) / 2 is reference − runner, so the skew in this
 * project's sign is −θ. The server read t2 after t1 and t3 before t4, so with only
 * non-negative one-way delays assumed, the skew lies in [t1 − t2, t4 − t3]: ±delay/2,
 * widened by the server's stated precision.
 */
function intervalOf(x) {
    const delay = Math.max(0, x.t4 - x.t1 - (x.t3 - x.t2));
    const q = x.precision;
    const lo = x.t1 - x.t2 - q;
    const hi = x.t4 - x.t3 + q;
    return { lo, hi, skew: (lo + hi) / 2, bound: (hi - lo) / 2, delay };
}

;// CONCATENATED MODULE: ./src/emulator/sntp.ts
// A loopback SNTP server on its own clock, for tests and the demo: a chosen offset and
// delay, and the broken answers real servers give (malformed packets, kiss-of-death,
// a wrong origin, an unsynchronised clock, silence).


async function startSntpEmulator(options = {}, host = '127.0.0.1') {
    const socket = (0,external_node_dgram_namespaceObject.createSocket)(host.includes(':') ? 'udp6' : 'udp4');
    const emulator = {
        host,
        port: 0,
        address: '',
        options,
        requests: 0,
        close: () => new Promise((resolve) => socket.close(() => resolve())),
    };
    const now = () => Date.now() / 1000 - (emulator.options.skewSeconds ?? 0);
    const pause = (ms) => new Promise((r) => setTimeout(r, ms));
    socket.on('message', async (data, peer) => {
        const n = emulator.requests++;
        const o = emulator.options;
        const request = decodePacket(data);
        if (!request || request.mode !== MODE_CLIENT)
            return;
        const half = (o.delayMs ?? 0) / 2;
        await pause(half);
        const receive = now();
        const spoiled = o.times === undefined || n < o.times;
        const behaviour = spoiled ? (o.behaviour ?? 'normal') : 'normal';
        if (behaviour === 'silent')
            return;
        let reply;
        if (behaviour === 'malformed') {
            reply = Buffer.from('not an ntp packet');
        }
        else {
            const transmit = now();
            const wrongOrigin = Buffer.from(request.transmitBytes);
            wrongOrigin[7] ^= 0xff;
            reply = encodePacket({
                leap: behaviour === 'unsynchronised' ? LEAP_UNSYNCHRONISED : 0,
                version: request.version,
                mode: behaviour === 'client-mode' ? MODE_CLIENT : MODE_SERVER,
                stratum: behaviour === 'kiss' ? 0 : behaviour === 'stratum-16' ? 16 : (o.stratum ?? 2),
                poll: 4,
                precision: -20,
                referenceId: behaviour === 'kiss' ? (o.kissCode ?? 'RATE') : 'EMUL',
                reference: receive - 16,
                origin: 0,
                originBytes: behaviour === 'wrong-origin' ? wrongOrigin : request.transmitBytes,
                receive,
                transmit: behaviour === 'zero-transmit' ? 0 : transmit,
            });
            if (reply.length !== PACKET_BYTES)
                return;
        }
        await pause(half);
        socket.send(reply, peer.port, peer.address);
    });
    await new Promise((resolve, reject) => {
        socket.once('error', reject);
        socket.bind(0, host, () => {
            socket.off('error', reject);
            resolve();
        });
    });
    emulator.port = socket.address().port;
    emulator.address = `${host.includes(':') ? `[${host}]` : host}:${emulator.port}`;
    return emulator;
}

;// CONCATENATED MODULE: ./src/emulator/run.ts
// Standalone entry: starts the emulator, prints where it listens as one JSON line, and
// keeps serving until the process is told to stop.





function toNumber(flag, value) {
    if (value === undefined)
        return undefined;
    const parsed = Number(value);
    if (value.trim() === '' || !Number.isFinite(parsed)) {
        throw new Error(`--${flag} needs a number, got '${value}'`);
    }
    return parsed;
}
const VALUE_FLAGS = [
    '--skew',
    '--latency-ms',
    '--lifetime',
    '--login-port',
    '--api-port',
    '--sntp-skew',
    '--sntp-delay-ms',
];
const SNTP_BEHAVIOURS = [
    'normal',
    'silent',
    'kiss',
    'malformed',
    'wrong-origin',
    'unsynchronised',
    'client-mode',
    'stratum-16',
    'zero-transmit',
];
/**
 * parseArgs reads '-30' after '--skew' as an option, so a negative skew written with a
 * space is folded into the '--skew=-30' form before parsing.
 */
function joinNegativeValues(argv) {
    const joined = [];
    for (let i = 0; i < argv.length; i += 1) {
        const next = argv[i + 1];
        if (VALUE_FLAGS.includes(argv[i]) && /^-\d/.test(next ?? '')) {
            joined.push(`${argv[i]}=${next}`);
            i += 1;
        }
        else {
            joined.push(argv[i]);
        }
    }
    return joined;
}
function parseEmulatorArgs(argv) {
    return parseAllArgs(argv).genesys;
}
/**
 * The Genesys emulator's flags, and with `--sntp` a loopback SNTP server beside it, on
 * its own clock (`--sntp-skew`, runner minus that server, 0 by default: a true reference).
 */
function parseAllArgs(argv) {
    const { values } = (0,external_node_util_namespaceObject.parseArgs)({
        args: joinNegativeValues(argv),
        options: {
            skew: { type: 'string' },
            'latency-ms': { type: 'string' },
            'no-date-endpoint': { type: 'boolean' },
            jwt: { type: 'boolean' },
            lifetime: { type: 'string' },
            'login-port': { type: 'string' },
            'api-port': { type: 'string' },
            sntp: { type: 'boolean' },
            'sntp-skew': { type: 'string' },
            'sntp-delay-ms': { type: 'string' },
            'sntp-behaviour': { type: 'string' },
            'sntp-kiss-code': { type: 'string' },
        },
        strict: true,
        allowPositionals: false,
    });
    const options = {};
    const skew = toNumber('skew', values.skew);
    if (skew !== undefined)
        options.skewSeconds = skew;
    const latency = toNumber('latency-ms', values['latency-ms']);
    if (latency !== undefined) {
        if (latency < 0)
            throw new Error('--latency-ms cannot be negative');
        options.latencyMs = latency;
    }
    const lifetime = toNumber('lifetime', values.lifetime);
    if (lifetime !== undefined) {
        if (lifetime <= 0)
            throw new Error('--lifetime must be positive');
        options.tokenLifetimeSeconds = lifetime;
    }
    for (const host of ['login', 'api']) {
        const port = toNumber(`${host}-port`, values[`${host}-port`]);
        if (port === undefined)
            continue;
        if (!Number.isInteger(port) || port < 1 || port > 65535)
            throw new Error(`--${host}-port must be a port number from 1 to 65535`);
        options.ports = { ...options.ports, [host]: port };
    }
    if (values['no-date-endpoint'])
        options.dateEndpoint = 'missing';
    if (values.jwt)
        options.tokenFormat = 'jwt';
    const sntpFlags = [
        'sntp-skew',
        'sntp-delay-ms',
        'sntp-behaviour',
        'sntp-kiss-code',
    ];
    if (!values.sntp) {
        const stray = sntpFlags.find((flag) => values[flag] !== undefined);
        if (stray)
            throw new Error(`--${stray} needs --sntp`);
        return { genesys: options };
    }
    const sntp = {
        skewSeconds: toNumber('sntp-skew', values['sntp-skew']) ?? 0,
    };
    const delay = toNumber('sntp-delay-ms', values['sntp-delay-ms']);
    if (delay !== undefined) {
        if (delay < 0)
            throw new Error('--sntp-delay-ms cannot be negative');
        sntp.delayMs = delay;
    }
    const behaviour = values['sntp-behaviour'];
    if (behaviour !== undefined) {
        if (!SNTP_BEHAVIOURS.includes(behaviour))
            throw new Error(`--sntp-behaviour is one of ${SNTP_BEHAVIOURS.join(', ')}`);
        sntp.behaviour = behaviour;
    }
    if (values['sntp-kiss-code'] !== undefined)
        sntp.kissCode = values['sntp-kiss-code'];
    return { genesys: options, sntp };
}
const HELP = `Local emulator of Genesys Cloud's login and API hosts, on loopback.
Prints one JSON line (login and API URLs, a client id and secret) and serves until stopped.

  --skew S              runner − emulator clock, seconds (45: the emulator runs 45 s behind)
  --latency-ms MS       round trip added to every answer
  --no-date-endpoint    /api/v2/date answers 404, so only Date headers tell the time
  --jwt                 issue JWTs instead of opaque tokens
  --lifetime S          expires_in of the tokens (default 86399)
  --login-port N, --api-port N   fixed ports instead of free ones
  --sntp                also serve SNTP on loopback as a reference clock, with
    --sntp-skew S, --sntp-delay-ms MS, --sntp-kiss-code CODE,
    --sntp-behaviour ${SNTP_BEHAVIOURS.join('|')}
  --help                this text`;
async function main() {
    if (process.argv.slice(2).some((arg) => arg === '--help' || arg === '-h')) {
        process.stdout.write(`${HELP}\n`);
        return;
    }
    const { genesys: options, sntp: sntpOptions } = parseAllArgs(process.argv.slice(2));
    const emulator = await startEmulator(options);
    const sntp = sntpOptions && (await startSntpEmulator(sntpOptions));
    const client = options.clients?.[0] ?? DEFAULT_CLIENT;
    process.stdout.write(JSON.stringify({
        loginUrl: emulator.loginUrl,
        apiUrl: emulator.apiUrl,
        clientId: client.id,
        clientSecret: client.secret,
        ...(sntp && { ntpServer: sntp.address }),
    }) + '\n');
    const stop = () => {
        Promise.all([emulator.close(), sntp?.close()]).then(() => process.exit(0), () => process.exit(1));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
}
/** True when this file was started directly, also through a symlinked path. */
function isMainModule() {
    const entry = process.argv[1];
    if (!entry)
        return false;
    try {
        return import.meta.url === (0,external_node_url_namespaceObject.pathToFileURL)((0,external_node_fs_namespaceObject.realpathSync)(entry)).href;
    }
    catch {
        return import.meta.url === (0,external_node_url_namespaceObject.pathToFileURL)(entry).href;
    }
}
if (isMainModule()) {
    main().catch((error) => {
        process.stderr.write(`emulator: ${error instanceof Error ? error.message : error}\n`);
        process.exit(1);
    });
}

var __webpack_exports__parseAllArgs = __webpack_exports__.o;
var __webpack_exports__parseEmulatorArgs = __webpack_exports__.M;
export { __webpack_exports__parseAllArgs as parseAllArgs, __webpack_exports__parseEmulatorArgs as parseEmulatorArgs };
