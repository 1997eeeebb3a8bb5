package io.nodedex.kafka.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The TLS files of a secured listener, made where the broker starts: a certificate authority of its
 * own, a server certificate it signs for {@code 127.0.0.1} and {@code localhost} (so clients verify
 * the host name, as Kafka clients do by default), the server's key store and the clients' trust
 * store, both PKCS12 with random passwords, in a directory of their own.
 *
 * <p>Immutable once made; {@link #delete()} removes the files.
 *
 * @param directory where the files are
 * @param keyStore the server's key and certificate chain
 * @param keyStorePassword the password of the key store and of the server's key
 * @param trustStore the CA's certificate, for clients
 * @param trustStorePassword the trust store's password
 */
record TlsFiles(Path directory, Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword) {

    private static final String SIGNATURE = "SHA256withECDSA";
    private static final Duration VALIDITY = Duration.ofDays(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Makes a CA and a server certificate for {@code host} and writes the stores into a new
     * temporary directory.
     *
     * @throws IllegalStateException when the JDK cannot make the keys or the stores
     */
    static TlsFiles create(String host) {
        Path directory;
        try {
            directory = Files.createTempDirectory("nodedex-kafka-tls-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the broker's TLS files", e);
        }
        String keyPassword = randomText();
        String trustPassword = randomText();
        try {
            KeyPair caKeys = keyPair();
            X500Name caName = new X500Name("CN=nodedex embedded Kafka CA");
            X509Certificate ca = sign(new JcaX509v3CertificateBuilder(caName, serial(), notBefore(), notAfter(),
                    caName, caKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)),
                    caKeys);
            KeyPair serverKeys = keyPair();
            X509Certificate server = sign(new JcaX509v3CertificateBuilder(caName, serial(), notBefore(), notAfter(),
                    new X500Name("CN=" + host), serverKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.iPAddress, host), new GeneralName(GeneralName.dNSName, "localhost")})),
                    caKeys);

            KeyStore keys = emptyStore();
            keys.setKeyEntry("server", serverKeys.getPrivate(), keyPassword.toCharArray(), new Certificate[] {server, ca});
            KeyStore trust = emptyStore();
            trust.setCertificateEntry("ca", ca);
            return new TlsFiles(directory, store(keys, directory.resolve("server.p12"), keyPassword), keyPassword,
                    store(trust, directory.resolve("truststore.p12"), trustPassword), trustPassword);
        } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the broker's TLS certificates: " + e.getMessage(), e);
        }
    }

    /** Deletes the files and their directory. */
    void delete() {
        try {
            Files.deleteIfExists(keyStore);
            Files.deleteIfExists(trustStore);
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the broker's TLS files in " + directory, e);
        }
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256, RANDOM);
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
            throws GeneralSecurityException, OperatorCreationException {
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE).build(issuer.getPrivate())));
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return store;
    }

    private static Path store(KeyStore store, Path file, String password) throws GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM);
    }

    private static Date notBefore() {
        return Date.from(Instant.now().minus(Duration.ofHours(1)));
    }

    private static Date notAfter() {
        return Date.from(Instant.now().plus(VALIDITY));
    }

    /** 32 hex digits of secure randomness: a password. */
    private static String randomText() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
