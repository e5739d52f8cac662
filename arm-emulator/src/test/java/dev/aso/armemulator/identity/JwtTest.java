package dev.aso.armemulator.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Signature algorithms client assertions arrive with, and the time checks. */
class JwtTest {
    static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    static KeyPair keys(String alg) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(alg);
        if (alg.equals("EC")) {
            g.initialize(new ECGenParameterSpec("secp256r1"));
        } else {
            g.initialize(2048);
        }
        return g.generateKeyPair();
    }

    static String token(String alg, Signature signer) throws Exception {
        String input = B64.encodeToString(("{\"alg\":\"" + alg + "\"}").getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString("{\"iss\":\"x\",\"exp\":4102444800}".getBytes(StandardCharsets.UTF_8));
        signer.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + B64.encodeToString(signer.sign());
    }

    @Test
    void verifiesRs256Ps256AndEs256() throws Exception {
        KeyPair rsa = keys("RSA");
        KeyPair other = keys("RSA");
        String rs = Jwt.signRs256(new ObjectMapper().createObjectNode().put("iss", "x"), rsa.getPrivate(), "k");
        assertThat(Jwt.parse(rs).verify(rsa.getPublic())).isTrue();
        assertThat(Jwt.parse(rs).verify(other.getPublic())).isFalse();

        Signature pss = Signature.getInstance("RSASSA-PSS");
        pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        pss.initSign(rsa.getPrivate());
        assertThat(Jwt.parse(token("PS256", pss)).verify(rsa.getPublic())).isTrue();

        KeyPair ec = keys("EC");
        Signature es = Signature.getInstance("SHA256withECDSAinP1363Format");
        es.initSign(ec.getPrivate());
        Jwt esJwt = Jwt.parse(token("ES256", es));
        assertThat(esJwt.verify(ec.getPublic())).isTrue();
        assertThat(esJwt.claim("iss")).isEqualTo("x");

        Signature none = Signature.getInstance("SHA256withRSA");
        none.initSign(rsa.getPrivate());
        assertThat(Jwt.parse(token("none", none)).verify(rsa.getPublic())).as("alg none is never accepted").isFalse();
    }

    @Test
    void timesAndShapes() throws Exception {
        Jwt expired = Jwt.parse(Jwt.signRs256(new ObjectMapper().createObjectNode().put("exp", 1000), keys("RSA").getPrivate(), "k"));
        assertThatThrownBy(() -> expired.checkTimes(2000, 60)).hasMessage("the token has expired");
        expired.checkTimes(1050, 60);
        assertThatThrownBy(() -> Jwt.parse("a.b")).hasMessageContaining("three dot-separated parts");
        assertThatThrownBy(() -> Jwt.parse("e30.!!!.x")).hasMessageContaining("malformed JWT");
    }
}
