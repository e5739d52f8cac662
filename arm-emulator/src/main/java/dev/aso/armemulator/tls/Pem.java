package dev.aso.armemulator.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** PEM reading and writing for certificates and keys. */
public final class Pem {
    private Pem() {
    }

    public static String certificate(X509Certificate cert) {
        return write(cert);
    }

    /** A private key as PKCS#8 "PRIVATE KEY" PEM (what Vert.x and most tools read). */
    public static String privateKey(PrivateKey key) {
        try {
            return write(new JcaPKCS8Generator(key, null).generate());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<X509Certificate> certificates(String pem) {
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>();
            for (var c : cf.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("no certificate found in the PEM text");
            }
            return out;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not a PEM certificate: " + e.getMessage(), e);
        }
    }

    /** Reads a private key from PEM: PKCS#8, or a traditional RSA/EC key pair. */
    public static KeyPair keyPair(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o = parser.readObject();
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair kp) {
                return conv.getKeyPair(kp);
            }
            if (o instanceof PrivateKeyInfo info) {
                PrivateKey priv = conv.getPrivateKey(info);
                return new KeyPair(publicOf(priv), priv);
            }
            throw new IllegalArgumentException("no private key found in the PEM text");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the PEM private key: " + e.getMessage(), e);
        }
    }

    /** A public key from PEM: a certificate's key, or a "PUBLIC KEY" block. */
    public static PublicKey publicKey(String pem) {
        if (pem.contains("BEGIN CERTIFICATE")) {
            return certificates(pem).get(0).getPublicKey();
        }
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o = parser.readObject();
            if (o instanceof SubjectPublicKeyInfo spki) {
                return new JcaPEMKeyConverter().getPublicKey(spki);
            }
            throw new IllegalArgumentException("no public key or certificate found in the PEM text");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the PEM public key: " + e.getMessage(), e);
        }
    }

    private static PublicKey publicOf(PrivateKey priv) {
        if (priv instanceof java.security.interfaces.RSAPrivateCrtKey rsa) {
            try {
                return java.security.KeyFactory.getInstance("RSA").generatePublic(
                        new java.security.spec.RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalArgumentException("only RSA private keys in PKCS#8 form are supported; use a traditional PEM key pair");
    }

    private static String write(Object o) {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return sw.toString();
    }
}
