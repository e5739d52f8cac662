package dev.aso.armemulator.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.armemulator.config.EmulatorConfig.ClientConfig;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.Base64;
import java.util.UUID;

/** Issues the emulator's access tokens (RS256 JWTs) and checks the bearer tokens of ARM calls. */
public final class TokenService {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeyPair key;
    private final String kid;
    private final long lifetimeSeconds;
    private final Clock clock;

    public TokenService(KeyPair key, long lifetimeSeconds, Clock clock) {
        this.key = key;
        this.lifetimeSeconds = lifetimeSeconds;
        this.clock = clock;
        this.kid = thumbprint(key);
    }

    public long lifetimeSeconds() {
        return lifetimeSeconds;
    }

    /** A token for the client, for the audience (the scope without "/.default"), issued under {@code issuerBase}. */
    public String issue(String issuerBase, ClientConfig client, String audience) {
        long now = clock.millis() / 1000;
        String oid = objectId(client.clientId());
        ObjectNode claims = JSON.createObjectNode()
                .put("aud", audience)
                .put("iss", issuerBase + "/" + client.tenantId() + "/v2.0")
                .put("iat", now)
                .put("nbf", now)
                .put("exp", now + lifetimeSeconds)
                .put("appid", client.clientId())
                .put("azp", client.clientId())
                .put("oid", oid)
                .put("sub", oid)
                .put("tid", client.tenantId())
                .put("idtyp", "app")
                .put("ver", "2.0");
        return Jwt.signRs256(claims, key.getPrivate(), kid);
    }

    /** The caller of a bearer token issued here, or an exception naming the ARM error code and why. */
    public Principal verify(String token) throws InvalidTokenException {
        Jwt jwt = check(token);
        return new Principal(jwt.claim("appid"), jwt.claim("tid"), jwt.claim("oid"));
    }

    /** As {@link #verify(String)}, and the token's audience must be one of {@code audiences} (Graph's, say). */
    public Principal verify(String token, java.util.Set<String> audiences) throws InvalidTokenException {
        Jwt jwt = check(token);
        String aud = jwt.claim("aud");
        if (aud == null || !audiences.contains(aud.endsWith("/") ? aud.substring(0, aud.length() - 1) : aud)) {
            throw new InvalidTokenException("InvalidAuthenticationToken",
                    "Access token validation failure. Invalid audience.");
        }
        return new Principal(jwt.claim("appid"), jwt.claim("tid"), jwt.claim("oid"));
    }

    private Jwt check(String token) throws InvalidTokenException {
        Jwt jwt;
        try {
            jwt = Jwt.parse(token);
        } catch (Jwt.JwtException e) {
            throw new InvalidTokenException("InvalidAuthenticationToken", "The access token is invalid: " + e.getMessage() + ".");
        }
        if (!kid.equals(jwt.header().path("kid").asText()) || !jwt.verify(key.getPublic())) {
            throw new InvalidTokenException("InvalidAuthenticationToken",
                    "The access token has an invalid signature: it was not issued by this emulator.");
        }
        try {
            jwt.checkTimes(clock.millis() / 1000, 0);
        } catch (Jwt.JwtException e) {
            throw new InvalidTokenException("ExpiredAuthenticationToken",
                    "The access token expiry UTC time is earlier than current UTC time.");
        }
        String appid = jwt.claim("appid");
        String tid = jwt.claim("tid");
        if (appid == null || tid == null) {
            throw new InvalidTokenException("InvalidAuthenticationToken", "The access token has no appid or tid claim.");
        }
        return jwt;
    }

    /** The public signing key as a JSON Web Key Set. */
    public ObjectNode jwks() {
        RSAPublicKey pub = (RSAPublicKey) key.getPublic();
        ObjectNode jwk = JSON.createObjectNode()
                .put("kty", "RSA").put("use", "sig").put("kid", kid).put("alg", "RS256")
                .put("n", b64(pub.getModulus())).put("e", b64(pub.getPublicExponent()));
        ObjectNode set = JSON.createObjectNode();
        ArrayNode keys = set.putArray("keys");
        keys.add(jwk);
        return set;
    }

    /** A stable object id for a client's service principal. */
    public static String objectId(String clientId) {
        return UUID.nameUUIDFromBytes(("sp:" + clientId.toLowerCase()).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String b64(BigInteger i) {
        byte[] b = i.toByteArray();
        if (b.length > 1 && b[0] == 0) {
            b = java.util.Arrays.copyOfRange(b, 1, b.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String thumbprint(KeyPair key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getPublic().getEncoded());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d).substring(0, 27);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A bearer token ARM must refuse with 401; {@code code} is ARM's error code. */
    public static final class InvalidTokenException extends Exception {
        private final String code;

        public InvalidTokenException(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}
