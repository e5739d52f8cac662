package dev.aso.testsupport;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A tiny test PKI built with BouncyCastle: certificate authorities, serving certificates for
 * loopback servers and client certificates, in PEM and as JSSE {@link SSLContext}s.
 *
 * <p>Keys are ECDSA P-256 (fast to generate; understood by Go, the JDK, fabric8 and kubectl alike);
 * certificates are valid for a week, like controller-runtime envtest's TinyCA. Also usable by tests that need a
 * webhook server certificate for 127.0.0.1: {@code Pki.CertificateAuthority.create("webhook CA")
 * .issueServing("127.0.0.1", "localhost")}.
 */
public final class Pki {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
  private static final Duration VALIDITY = Duration.ofDays(7);

  private Pki() {}

  /** A key pair with its certificate, and the certificate of the CA that issued it. */
  public record Credential(KeyPair keyPair, X509Certificate certificate, X509Certificate issuer) {

    public String certificatePem() {
      return pem(certificate);
    }

    public String privateKeyPem() {
      return pem(keyPair.getPrivate());
    }

    public String publicKeyPem() {
      return pem(keyPair.getPublic());
    }

    /** A key store holding this credential under the alias {@code key}, password {@code changeit}. */
    public KeyStore keyStore() {
      try {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        X509Certificate[] chain =
            issuer.equals(certificate)
                ? new X509Certificate[] {certificate}
                : new X509Certificate[] {certificate, issuer};
        ks.setKeyEntry("key", keyPair.getPrivate(), "changeit".toCharArray(), chain);
        return ks;
      } catch (GeneralSecurityException | IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** A certificate authority that can issue serving and client certificates. */
  public static final class CertificateAuthority {
    private final Credential credential;

    private CertificateAuthority(Credential credential) {
      this.credential = credential;
    }

    public static CertificateAuthority create(String commonName) {
      KeyPair keys = keyPair();
      X500Name name = name(commonName);
      try {
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = builder(name, name, keys);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(
            Extension.keyUsage,
            true,
            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
        builder.addExtension(
            Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
        X509Certificate cert = sign(builder, keys.getPrivate());
        return new CertificateAuthority(new Credential(keys, cert, cert));
      } catch (GeneralSecurityException | IOException e) {
        throw new IllegalStateException(e);
      }
    }

    public Credential credential() {
      return credential;
    }

    public X509Certificate certificate() {
      return credential.certificate();
    }

    public String certificatePem() {
      return credential.certificatePem();
    }

    /**
     * A server certificate; each name is an IP address SAN when it parses as one (e.g.
     * {@code 127.0.0.1}), a DNS SAN otherwise. The first name is also the common name.
     */
    public Credential issueServing(String... names) {
      return issue(name(names[0]), List.of(names), KeyPurposeId.id_kp_serverAuth);
    }

    /** A client certificate with the given common name (user) and organizations (groups). */
    public Credential issueClient(String commonName, String... organizations) {
      X500NameBuilder nb = new X500NameBuilder(BCStyle.INSTANCE);
      for (String o : organizations) {
        nb.addRDN(BCStyle.O, o);
      }
      nb.addRDN(BCStyle.CN, commonName);
      return issue(nb.build(), List.of(), KeyPurposeId.id_kp_clientAuth);
    }

    private Credential issue(X500Name subject, List<String> sans, KeyPurposeId purpose) {
      KeyPair keys = keyPair();
      try {
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder =
            builder(X500Name.getInstance(certificate().getSubjectX500Principal().getEncoded()),
                subject, keys);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(
            Extension.keyUsage,
            true,
            new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        builder.addExtension(
            Extension.authorityKeyIdentifier,
            false,
            ext.createAuthorityKeyIdentifier(certificate()));
        if (!sans.isEmpty()) {
          List<GeneralName> names = new ArrayList<>();
          for (String san : sans) {
            names.add(
                isIpAddress(san)
                    ? new GeneralName(GeneralName.iPAddress, san)
                    : new GeneralName(GeneralName.dNSName, san));
          }
          builder.addExtension(
              Extension.subjectAlternativeName,
              false,
              new GeneralNames(names.toArray(GeneralName[]::new)));
        }
        X509Certificate cert = sign(builder, credential.keyPair().getPrivate());
        return new Credential(keys, cert, certificate());
      } catch (GeneralSecurityException | IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** A fresh ECDSA P-256 key pair (the kind every credential here uses; also an SA signing key). */
  public static KeyPair keyPair() {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"), RANDOM);
      return gen.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A fresh RSA 2048 key pair, for code that needs RSA. */
  public static KeyPair rsaKeyPair() {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
      gen.initialize(2048, RANDOM);
      return gen.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * PEM text of a certificate, key or public key. EC private keys are written as SEC1 "EC PRIVATE
   * KEY" with the curve inside (Go's x509.ParseECPrivateKey needs it; the JDK's encoding leaves it
   * in the PKCS#8 wrapper only), RSA keys as PKCS#1 "RSA PRIVATE KEY".
   */
  public static String pem(Object object) {
    if (object instanceof java.security.interfaces.ECPrivateKey ec) {
      return ecPrivateKeyPem(ec);
    }
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static String ecPrivateKeyPem(java.security.interfaces.ECPrivateKey key) {
    try {
      var info = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(key.getEncoded());
      var curve =
          org.bouncycastle.asn1.ASN1ObjectIdentifier.getInstance(
              info.getPrivateKeyAlgorithm().getParameters());
      int bits = key.getParams().getOrder().bitLength();
      var sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(bits, key.getS(), curve);
      StringWriter out = new StringWriter();
      try (var writer = new org.bouncycastle.util.io.pem.PemWriter(out)) {
        writer.writeObject(
            new org.bouncycastle.util.io.pem.PemObject("EC PRIVATE KEY", sec1.getEncoded()));
      }
      return out.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] pemBytes(Object object) {
    return pem(object).getBytes(StandardCharsets.US_ASCII);
  }

  /** The certificate of a PEM file (the first one, for a chain). */
  public static X509Certificate readCertificate(Path pemFile) {
    try (java.io.InputStream in = java.nio.file.Files.newInputStream(pemFile)) {
      return (X509Certificate)
          java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot read a certificate from " + pemFile + ": " + e.getMessage(), e);
    }
  }

  /**
   * An SSL context that trusts {@code trusted} and, when {@code client} is not null, presents it as
   * the client (or server) certificate.
   */
  public static SSLContext sslContext(X509Certificate trusted, Credential client) {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", trusted);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      KeyManagerFactory kmf = null;
      if (client != null) {
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(client.keyStore(), "changeit".toCharArray());
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), RANDOM);
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
        issuer,
        BigInteger.valueOf(SERIAL.incrementAndGet()),
        Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(VALIDITY)),
        subject,
        keys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
      throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder(
              "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA").build(key)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static X500Name name(String commonName) {
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
  }

  private static boolean isIpAddress(String s) {
    if (!s.matches("[0-9.]+") && !s.contains(":")) {
      return false;
    }
    try {
      InetAddress.getByName(s);
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
