package dev.aso.armemulator.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;

/** Compact JSON Web Tokens: signs RS256, parses and verifies RS256, PS256 and ES256 with plain JCA. */
public final class Jwt {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final ObjectNode header;
    private final ObjectNode claims;
    private final byte[] signingInput;
    private final byte[] signature;

    private Jwt(ObjectNode header, ObjectNode claims, byte[] signingInput, byte[] signature) {
        this.header = header;
        this.claims = claims;
        this.signingInput = signingInput;
        this.signature = signature;
    }

    /** Signs the claims with RS256 under the given key id. */
    public static String signRs256(ObjectNode claims, PrivateKey key, String kid) {
        ObjectNode header = JSON.createObjectNode().put("typ", "JWT").put("alg", "RS256").put("kid", kid);
        String input = encode(header) + "." + encode(claims);
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token: " + e.getMessage(), e);
        }
    }

    /** Parses a compact JWT without verifying it. */
    public static Jwt parse(String token) throws JwtException {
        if (token == null) {
            throw new JwtException("no token");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new JwtException("not a compact JWT (expected three dot-separated parts)");
        }
        try {
            JsonNode header = JSON.readTree(B64D.decode(parts[0]));
            JsonNode claims = JSON.readTree(B64D.decode(parts[1]));
            if (!(header instanceof ObjectNode h) || !(claims instanceof ObjectNode c)) {
                throw new JwtException("JWT header and payload must be JSON objects");
            }
            byte[] input = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
            return new Jwt(h, c, input, B64D.decode(parts[2]));
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw new JwtException("malformed JWT: " + e.getMessage());
        }
    }

    /** True when the signature verifies under the key with the algorithm the header names. */
    public boolean verify(PublicKey key) {
        String alg = header.path("alg").asText();
        try {
            Signature s;
            switch (alg) {
                case "RS256" -> s = Signature.getInstance("SHA256withRSA");
                case "PS256" -> {
                    s = Signature.getInstance("RSASSA-PSS");
                    s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                }
                case "ES256" -> s = Signature.getInstance("SHA256withECDSAinP1363Format");
                default -> {
                    return false;
                }
            }
            s.initVerify(key);
            s.update(signingInput);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    public ObjectNode header() {
        return header;
    }

    public ObjectNode claims() {
        return claims;
    }

    public String claim(String name) {
        JsonNode v = claims.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** The audiences: the aud claim as a string or an array. */
    public java.util.List<String> audiences() {
        JsonNode aud = claims.get("aud");
        java.util.List<String> out = new java.util.ArrayList<>();
        if (aud != null && aud.isArray()) {
            aud.forEach(a -> out.add(a.asText()));
        } else if (aud != null && !aud.isNull()) {
            out.add(aud.asText());
        }
        return out;
    }

    /** Checks exp and nbf against now (seconds since the epoch), with a small skew allowance. */
    public void checkTimes(long nowSeconds, long skewSeconds) throws JwtException {
        if (!claims.has("exp")) {
            throw new JwtException("the token has no exp claim");
        }
        if (claims.get("exp").asLong() + skewSeconds < nowSeconds) {
            throw new JwtException("the token has expired");
        }
        if (claims.has("nbf") && claims.get("nbf").asLong() - skewSeconds > nowSeconds) {
            throw new JwtException("the token is not valid yet (nbf in the future)");
        }
    }

    private static String encode(ObjectNode node) {
        try {
            return B64.encodeToString(JSON.writeValueAsBytes(node));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token that cannot be parsed or trusted; the message says why. */
    public static final class JwtException extends Exception {
        public JwtException(String message) {
            super(message);
        }
    }
}
