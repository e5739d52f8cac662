package dev.aso.armemulator.arm;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Secrets that are random-looking but stable: an HMAC of the resource id, the value's path and its generation under a seed. */
public final class SecretGenerator {
    private final byte[] seed;

    public SecretGenerator(String seed) {
        this.seed = seed.getBytes(StandardCharsets.UTF_8);
    }

    public String secret(String resourceId, String path, int generation) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(seed, "HmacSHA256"));
            byte[] d = mac.doFinal((resourceId.toLowerCase(Locale.ROOT) + "|" + path + "|" + generation).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(d);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
