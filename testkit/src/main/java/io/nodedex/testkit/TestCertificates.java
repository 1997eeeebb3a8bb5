package io.nodedex.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
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
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Real X.509 certificates for TLS tests, made in the test (BouncyCastle builds them; the JDK
 * generates the keys and writes nothing it cannot read back): a certificate authority, and a
 * server certificate it signed for {@code 127.0.0.1}, {@code ::1} and {@code localhost}, written
 * as PEM files, the key as unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}).
 *
 * <p>BouncyCastle is an optional dependency of testkit: a test that uses this class declares
 * {@code org.bouncycastle:bcpkix-jdk18on} at test scope.
 *
 * @param caCertificate the authority's certificate (PEM), what a client trusts
 * @param certificate the server's certificate (PEM), signed by the authority
 * @param privateKey the server certificate's private key (PEM, PKCS#8)
 */
public record TestCertificates(Path caCertificate, Path certificate, Path privateKey) {

    /** The server key's algorithm. */
    public enum KeyType {
        /** RSA, 2048 bits. */
        RSA,
        /** EC on the P-256 curve. */
        EC
    }

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /**
     * Makes a new authority and a server certificate it signed, valid from an hour ago for a
     * day, and writes {@code ca.pem}, {@code server.pem} and {@code server.key} into
     * {@code directory} (created if needed).
     */
    public static TestCertificates write(Path directory, KeyType keyType) {
        try {
            Files.createDirectories(directory);
            KeyPair authority = keyPair(KeyType.EC);
            X500Name authorityName = new X500Name("CN=nodedex test CA " + SERIAL.incrementAndGet());
            X509Certificate ca = sign(new JcaX509v3CertificateBuilder(authorityName, serial(), notBefore(), notAfter(),
                    authorityName, authority.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)),
                    authority.getPrivate());
            KeyPair server = keyPair(keyType);
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509Certificate leaf = sign(new JcaX509v3CertificateBuilder(ca, serial(), notBefore(), notAfter(),
                    new X500Name("CN=localhost"), server.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
                            | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(ca))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                        new GeneralName(GeneralName.iPAddress, InetAddress.getByName("::1").getHostAddress()),
                        new GeneralName(GeneralName.dNSName, "localhost")})),
                    authority.getPrivate());
            TestCertificates files = new TestCertificates(directory.resolve("ca.pem"), directory.resolve("server.pem"),
                    directory.resolve("server.key"));
            Files.writeString(files.caCertificate(), pem("CERTIFICATE", ca.getEncoded()), StandardCharsets.US_ASCII);
            Files.writeString(files.certificate(), pem("CERTIFICATE", leaf.getEncoded()), StandardCharsets.US_ASCII);
            Files.writeString(files.privateKey(), pem("PRIVATE KEY", server.getPrivate().getEncoded()),
                    StandardCharsets.US_ASCII);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write test certificates into " + directory, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make test certificates: " + e, e);
        }
    }

    private static KeyPair keyPair(KeyType type) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(type.name());
        if (type == KeyType.EC) {
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        } else {
            generator.initialize(2048);
        }
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
            throws GeneralSecurityException, OperatorCreationException {
        String algorithm = signer.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        ContentSigner contentSigner = new JcaContentSignerBuilder(algorithm).build(signer);
        return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }

    private static Date notBefore() {
        return Date.from(Instant.now().minus(Duration.ofHours(1)));
    }

    private static Date notAfter() {
        return Date.from(Instant.now().plus(Duration.ofDays(1)));
    }

    /** PEM: the DER bytes in Base64, 64 characters a line, between the type's markers. */
    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
